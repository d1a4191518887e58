// Starting points for a new map. Names and sample text are message keys so a Romanian team gets a
// Romanian template; `instantiateTemplate` turns one into a plain journey with fresh ids and order.
import { newId } from './ids';
import { defaultCard } from './cards';
import { keysBetween } from './order';
import {
  SCHEMA_VERSION,
  type Card,
  type CardFields,
  type CardKind,
  type Emotion,
  type EmotionScore,
  type Journey,
  type Lane,
  type LaneKind,
  type Link,
  type Persona,
  type Stage,
  type Variant,
} from './types';

import type { TemplateId } from './templateIds';

/** The numbers of the sample cards' texts (`template.card.1` …). */
type CardNo = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15 | 16 | 17 | 18 | 19 | 20 | 21 | 22 | 23 | 24 | 25 | 26 | 27 | 28 | 29 | 30 | 31 | 32 | 33 | 34 | 35 | 36 | 37 | 38 | 39;
type DepartmentKey = `template.department.${'marketing' | 'sales' | 'operations' | 'it' | 'customerService' | 'product'}`;

/**
 * Every message key a template uses. src/journey knows no catalogue: the caller of
 * `instantiateTemplate` passes its translate function, and TypeScript checks there that each of
 * these keys is one of the catalogue's.
 */
export type TemplateKey =
  | `template.${'blank' | 'current' | 'blueprint' | 'future'}.title`
  | 'template.current.scenario'
  | `template.stage.${'first' | 'second' | 'third' | 'awareness' | 'consideration' | 'purchase' | 'onboarding' | 'use' | 'support'}`
  | `template.persona.${'name' | 'goals' | 'needs' | 'frustrations'}`
  | `template.emotion.${'purchase' | 'onboarding'}`
  | `template.link.${'idChecked' | 'transferDate'}`
  | `template.card.${CardNo}`
  | DepartmentKey
  | `lane.kind.${LaneKind}`;

/** A template card's fields; its department and owner are message keys ('' for no owner). */
type TemplateFields = Omit<CardFields, 'department' | 'owner'> & { department?: DepartmentKey; owner?: DepartmentKey | '' };

interface TemplateCard {
  stage: number;
  lane: number;
  kind: CardKind;
  text: TemplateKey;
  fields?: TemplateFields;
}
interface Template {
  variant: Variant;
  title: TemplateKey;
  scenario: TemplateKey | '';
  personas: { name: TemplateKey; picture: string; goals: TemplateKey; needs: TemplateKey; frustrations: TemplateKey }[];
  stages: TemplateKey[];
  lanes: LaneKind[];
  cards: TemplateCard[];
  /** Links between `cards` by their position in that list, with an optional label key. */
  links?: [from: number, to: number, label?: TemplateKey][];
  emotions: { stage: number; score: EmotionScore; note: TemplateKey | '' }[];
}

/** Departments are message keys too: a Romanian team's template says "Vânzări", not "Sales". */
const D = {
  marketing: 'template.department.marketing',
  sales: 'template.department.sales',
  operations: 'template.department.operations',
  it: 'template.department.it',
  customerService: 'template.department.customerService',
  product: 'template.department.product',
} as const satisfies Record<string, DepartmentKey>;
const STAGES = (['awareness', 'consideration', 'purchase', 'onboarding', 'use', 'support'] as const).map((s) => `template.stage.${s}` as const);
const ANA: Template['personas'][number] = {
  name: 'template.persona.name',
  picture: '🙋‍♀️',
  goals: 'template.persona.goals',
  needs: 'template.persona.needs',
  frustrations: 'template.persona.frustrations',
};
const c = (stage: number, lane: number, kind: CardKind, n: CardNo, fields?: TemplateFields): TemplateCard => ({
  stage,
  lane,
  kind,
  text: `template.card.${n}`,
  fields,
});

const TEMPLATES: Record<TemplateId, Template> = {
  blank: {
    variant: 'current',
    title: 'template.blank.title',
    scenario: '',
    personas: [],
    stages: ['template.stage.first', 'template.stage.second', 'template.stage.third'],
    lanes: ['actions', 'touchpoints', 'thoughts', 'emotions', 'painPoints', 'opportunities'],
    cards: [],
    emotions: [],
  },
  currentJourney: {
    variant: 'current',
    title: 'template.current.title',
    scenario: 'template.current.scenario',
    personas: [ANA],
    stages: STAGES,
    lanes: ['actions', 'touchpoints', 'thoughts', 'emotions', 'painPoints', 'opportunities', 'metrics'],
    cards: [
      c(0, 0, 'note', 1),
      c(0, 1, 'touchpoint', 2, { channel: 'social', department: D.marketing }),
      c(0, 2, 'note', 3),
      c(1, 0, 'note', 4),
      c(1, 1, 'touchpoint', 5, { channel: 'web', department: D.marketing }),
      c(1, 4, 'gap', 6, { severity: 2, owner: D.product, status: 'open' }),
      c(2, 0, 'note', 7),
      c(2, 1, 'touchpoint', 8, { channel: 'store', department: D.sales, momentOfTruth: true }),
      c(2, 2, 'note', 9),
      c(2, 4, 'gap', 10, { severity: 3, owner: D.sales, status: 'inProgress' }),
      c(2, 5, 'opportunity', 11, { owner: D.sales, priority: 'high', status: 'open' }),
      c(3, 0, 'note', 12),
      c(3, 1, 'touchpoint', 13, { channel: 'email', department: D.operations }),
      c(3, 4, 'gap', 14, { severity: 3, owner: '', status: 'open' }),
      c(4, 0, 'note', 15),
      c(4, 1, 'touchpoint', 16, { channel: 'app', department: D.it }),
      c(4, 6, 'metric', 17, { metric: 'CSAT', value: 78, sampleSize: 412 }),
      c(5, 0, 'note', 18),
      c(5, 1, 'touchpoint', 19, { channel: 'phone', department: D.customerService, momentOfTruth: true }),
      c(5, 2, 'note', 20),
      c(5, 4, 'gap', 21, { severity: 2, owner: D.customerService, status: 'open' }),
      c(5, 5, 'opportunity', 22, { owner: D.customerService, priority: 'medium', status: 'open' }),
      c(5, 6, 'metric', 23, { metric: 'NPS', value: -12, sampleSize: 1250 }),
    ],
    emotions: [
      { stage: 0, score: 1, note: '' },
      { stage: 1, score: 0, note: '' },
      { stage: 2, score: -1, note: 'template.emotion.purchase' },
      { stage: 3, score: -2, note: 'template.emotion.onboarding' },
      { stage: 4, score: 1, note: '' },
      { stage: 5, score: -1, note: '' },
    ],
  },
  serviceBlueprint: {
    variant: 'current',
    title: 'template.blueprint.title',
    scenario: 'template.current.scenario',
    personas: [ANA],
    stages: STAGES.slice(2),
    lanes: ['actions', 'touchpoints', 'frontStage', 'backStage', 'support'],
    cards: [
      c(0, 0, 'note', 7),
      c(0, 1, 'touchpoint', 8, { channel: 'store', department: D.sales, momentOfTruth: true }),
      c(0, 2, 'note', 24),
      c(0, 3, 'note', 25),
      c(0, 4, 'note', 26),
      c(1, 0, 'note', 12),
      c(1, 1, 'touchpoint', 13, { channel: 'email', department: D.operations }),
      c(1, 3, 'note', 27),
      c(1, 4, 'note', 28),
      c(2, 0, 'note', 15),
      c(2, 1, 'touchpoint', 16, { channel: 'app', department: D.it }),
      c(2, 4, 'note', 29),
      c(3, 0, 'note', 18),
      c(3, 1, 'touchpoint', 19, { channel: 'phone', department: D.customerService, momentOfTruth: true }),
      c(3, 2, 'note', 30),
      c(3, 3, 'note', 31),
      c(3, 4, 'note', 32),
    ],
    // Front stage to the back-stage work it starts, and the support systems behind it.
    links: [
      [2, 3, 'template.link.idChecked'],
      [4, 3],
      [7, 6, 'template.link.transferDate'],
      [8, 7],
      [11, 10],
      [14, 15],
      [16, 15],
    ],
    emotions: [],
  },
  futureJourney: {
    variant: 'future',
    title: 'template.future.title',
    scenario: 'template.current.scenario',
    personas: [ANA],
    stages: STAGES,
    lanes: ['actions', 'touchpoints', 'emotions', 'opportunities', 'metrics'],
    cards: [
      c(0, 0, 'note', 1),
      c(1, 0, 'note', 33),
      c(1, 1, 'touchpoint', 34, { channel: 'web', department: D.marketing }),
      c(2, 1, 'touchpoint', 35, { channel: 'app', department: D.sales, momentOfTruth: true }),
      c(2, 3, 'opportunity', 11, { owner: D.sales, priority: 'high', status: 'inProgress' }),
      c(3, 1, 'touchpoint', 36, { channel: 'app', department: D.operations }),
      c(3, 3, 'opportunity', 37, { owner: D.operations, priority: 'high', status: 'open' }),
      c(5, 1, 'touchpoint', 38, { channel: 'chat', department: D.customerService, momentOfTruth: true }),
      c(5, 4, 'metric', 39, { metric: 'NPS', value: 30, sampleSize: null }),
    ],
    emotions: [
      { stage: 0, score: 1, note: '' },
      { stage: 1, score: 1, note: '' },
      { stage: 2, score: 2, note: '' },
      { stage: 3, score: 1, note: '' },
      { stage: 4, score: 1, note: '' },
      { stage: 5, score: 1, note: '' },
    ],
  },
};

/** Every message key the templates use, so the i18n test can check they all exist. */
export function templateMessageKeys(): TemplateKey[] {
  const keys = new Set<TemplateKey>();
  for (const t of Object.values(TEMPLATES)) {
    [t.title, t.scenario, ...t.stages].forEach((k) => k && keys.add(k));
    t.personas.forEach((p) => [p.name, p.goals, p.needs, p.frustrations].forEach((k) => keys.add(k)));
    t.cards.forEach((card) => keys.add(card.text));
    t.emotions.forEach((e) => e.note && keys.add(e.note));
    t.links?.forEach(([, , label]) => label && keys.add(label));
    Object.values(D).forEach((k) => keys.add(k));
  }
  return [...keys];
}

/** The department and owner names of a template card, in the map's language. */
function translatedFields(fields: TemplateFields | undefined, tr: (key: TemplateKey | '') => string): CardFields | undefined {
  if (!fields) return fields;
  const { department, owner, ...rest } = fields;
  return { ...rest, ...(department !== undefined && { department: tr(department) }), ...(owner !== undefined && { owner: tr(owner) }) };
}

export const LANE_NAME_KEY = (kind: LaneKind) => `lane.kind.${kind}` as const;

/** A complete journey from a template, with fresh ids; `translate` resolves the message keys. */
export function instantiateTemplate(id: TemplateId, translate: (key: TemplateKey) => string, locale: string, now: number): Journey {
  const t = TEMPLATES[id];
  const tr = (key: TemplateKey | '') => (key ? translate(key) : '');
  const stageKeys = keysBetween(null, null, t.stages.length);
  const stages: Stage[] = t.stages.map((name, i) => ({ id: newId(), name: tr(name), goal: '', index: stageKeys[i]! }));
  const laneKeys = keysBetween(null, null, t.lanes.length);
  const lanes: Lane[] = t.lanes.map((kind, i) => ({
    id: newId(),
    name: tr(LANE_NAME_KEY(kind)),
    kind,
    index: laneKeys[i]!,
    collapsed: false,
  }));
  const personaKeys = keysBetween(null, null, t.personas.length);
  const personas: Persona[] = t.personas.map((p, i) => ({
    id: newId(),
    name: tr(p.name),
    picture: p.picture,
    goals: tr(p.goals),
    needs: tr(p.needs),
    frustrations: tr(p.frustrations),
    index: personaKeys[i]!,
  }));
  const cards: Card[] = [];
  const perCell = new Map<string, number>();
  for (const tc of t.cards) {
    const cell = `${tc.stage}|${tc.lane}`;
    perCell.set(cell, (perCell.get(cell) ?? 0) + 1);
  }
  const cellKeys = new Map<string, string[]>();
  for (const [cell, n] of perCell) cellKeys.set(cell, keysBetween(null, null, n));
  for (const tc of t.cards) {
    const index = cellKeys.get(`${tc.stage}|${tc.lane}`)!.shift()!;
    const base = { id: newId(), stageId: stages[tc.stage]!.id, laneId: lanes[tc.lane]!.id, index, text: tr(tc.text) };
    cards.push({ ...defaultCard(tc.kind, base, now), ...translatedFields(tc.fields, tr) } as Card);
  }
  const links: Link[] = (t.links ?? []).map(([from, to, label]) => {
    const a = cards[from]!.id;
    const b = cards[to]!.id;
    return { id: `${a}->${b}`, from: a, to: b, label: tr(label ?? '') };
  });
  const persona = personas[0];
  const emotions: Emotion[] = t.emotions.map((e) => {
    const stageId = stages[e.stage]!.id;
    return {
      key: persona ? `${stageId}:${persona.id}` : stageId,
      stageId,
      personaId: persona?.id ?? null,
      score: e.score,
      note: tr(e.note),
    };
  });
  return {
    meta: { schemaVersion: SCHEMA_VERSION, title: tr(t.title), scenario: tr(t.scenario), variant: t.variant, locale, createdAt: now },
    personas: new Map(personas.map((p) => [p.id, p])),
    stages: new Map(stages.map((s) => [s.id, s])),
    lanes: new Map(lanes.map((l) => [l.id, l])),
    cards: new Map(cards.map((card) => [card.id, card])),
    links: new Map(links.map((l) => [l.id, l])),
    emotions: new Map(emotions.map((e) => [e.key, e])),
    unreadable: [],
  };
}
