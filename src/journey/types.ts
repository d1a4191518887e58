// The journey map's plain data model: what the read model holds after src/doc has checked the Y.Doc.
// Pure types only; every other layer speaks in these.

export const LANE_KINDS = [
  'actions',
  'touchpoints',
  'thoughts',
  'emotions',
  'painPoints',
  'opportunities',
  'frontStage',
  'backStage',
  'support',
  'metrics',
] as const;
export type LaneKind = (typeof LANE_KINDS)[number];

export const CARD_KINDS = ['note', 'touchpoint', 'gap', 'opportunity', 'metric'] as const;
export type CardKind = (typeof CARD_KINDS)[number];

export const CHANNELS = ['web', 'app', 'email', 'phone', 'store', 'chat', 'social', 'letter', 'agent', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

export const LOOP_STATUSES = ['open', 'inProgress', 'done'] as const;
export type LoopStatus = (typeof LOOP_STATUSES)[number];

export const PRIORITIES = ['low', 'medium', 'high'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const METRIC_TYPES = ['NPS', 'CES', 'CSAT', 'other'] as const;
export type MetricType = (typeof METRIC_TYPES)[number];

export type Severity = 1 | 2 | 3;
export type EmotionScore = -2 | -1 | 0 | 1 | 2;
export type Variant = 'current' | 'future';

export interface Meta {
  schemaVersion: number;
  title: string;
  scenario: string;
  variant: Variant;
  locale: string;
  createdAt: number;
}

export interface Persona {
  id: string;
  name: string;
  picture: string;
  goals: string;
  needs: string;
  frustrations: string;
  index: string;
}

export interface Stage {
  id: string;
  name: string;
  goal: string;
  index: string;
}

export interface Lane {
  id: string;
  name: string;
  kind: LaneKind;
  index: string;
  collapsed: boolean;
}

interface CardBase {
  id: string;
  stageId: string;
  laneId: string;
  index: string;
  text: string;
}

export interface NoteCard extends CardBase {
  kind: 'note';
}
export interface TouchpointCard extends CardBase {
  kind: 'touchpoint';
  channel: Channel;
  department: string;
  momentOfTruth: boolean;
}
/** What closes the loop on a gap or an opportunity: who owns it, where it stands, since when and by whom. */
export interface Loop {
  owner: string;
  status: LoopStatus;
  statusChangedAt: number;
  /** The display name of whoever last changed the status. */
  statusChangedBy: string;
}
export interface GapCard extends CardBase, Loop {
  kind: 'gap';
  severity: Severity;
  expectation: string;
}
export interface OpportunityCard extends CardBase, Loop {
  kind: 'opportunity';
  priority: Priority;
}
export interface MetricCard extends CardBase {
  kind: 'metric';
  metric: MetricType;
  value: number | null;
  sampleSize: number | null;
}
export type Card = NoteCard | TouchpointCard | GapCard | OpportunityCard | MetricCard;

/** The kind-specific fields of a card, everything but identity, placement and text. */
export type CardFields = Partial<
  Omit<TouchpointCard, keyof CardBase | 'kind'> &
    Omit<GapCard, keyof CardBase | 'kind'> &
    Omit<OpportunityCard, keyof CardBase | 'kind'> &
    Omit<MetricCard, keyof CardBase | 'kind'>
>;

export interface Link {
  id: string; // `${from}->${to}`
  from: string;
  to: string;
  label: string;
}

export interface Emotion {
  key: string; // stageId, or `${stageId}:${personaId}`
  stageId: string;
  personaId: string | null;
  score: EmotionScore;
  note: string;
}

/** An entry of the document that failed validation: shown, never dropped silently. */
export interface Unreadable {
  root: string;
  key: string;
  reason: string;
}

export interface Journey {
  meta: Meta;
  personas: ReadonlyMap<string, Persona>;
  stages: ReadonlyMap<string, Stage>;
  lanes: ReadonlyMap<string, Lane>;
  cards: ReadonlyMap<string, Card>;
  links: ReadonlyMap<string, Link>;
  emotions: ReadonlyMap<string, Emotion>;
  unreadable: readonly Unreadable[];
}

export const SCHEMA_VERSION = 1;
