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

/** What every card has: identity, placement (stage × lane, order in the cell) and its text. Each
 * kind's own fields are declared in ./cards (one module per kind). */
export interface CardBase {
  id: string;
  stageId: string;
  laneId: string;
  index: string;
  text: string;
}

export {
  CARD_KINDS,
  CHANNELS,
  LOOP_STATUSES,
  PRIORITIES,
  METRIC_TYPES,
  EVIDENCE_SOURCES,
  SEVERITIES,
  type Card,
  type CardKind,
  type CardFields,
  type Channel,
  type LoopStatus,
  type Loop,
  type Priority,
  type MetricType,
  type Severity,
  type EvidenceSource,
  type Evidence,
  type NoteCard,
  type TouchpointCard,
  type GapCard,
  type OpportunityCard,
  type MetricCard,
} from './cards';
import type { Card } from './cards';
import type { Issue } from './records/valid';

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
  /** Why, in English (for logs and other programs). */
  reason: string;
  /** Why, as an issue the interface says in its language. */
  issue?: Issue;
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

/** The version of the live document's shape this code reads and writes: the version of the last
 * migration in src/doc/migrations.ts (a test checks they agree). docs/schema.md, "Versions". */
export const SCHEMA_VERSION = 2;
