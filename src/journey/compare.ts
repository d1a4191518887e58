// Comparing two states of a journey map: two versions of one map, or a future-state copy against the
// current-state map it was copied from (a copy keeps its cards' ids). Card by card: added, removed,
// changed (which fields) and moved (to another stage or lane), counted by stage. Stages and lanes are
// compared by id too (added, removed, renamed). Pure: the canvas draws the result, the Markdown
// export writes it.
import { sortByIndex } from './order';
import type { Card, Journey, Lane, Stage } from './types';

export type CardStatus = 'added' | 'removed' | 'changed' | 'unchanged';

export interface CardDiff {
  id: string;
  status: CardStatus;
  /** The card in the earlier state (absent when added). */
  before?: Card;
  /** The card in the later state (absent when removed). */
  after?: Card;
  /** Fields whose value differs, the text included (`text`), placement excluded. */
  fields: readonly string[];
  /** Placed in another stage or lane than before. */
  moved: boolean;
}

export interface NamedDiff {
  id: string;
  status: 'added' | 'removed' | 'renamed';
  before?: string;
  after?: string;
}

export interface Counts {
  added: number;
  removed: number;
  changed: number;
  moved: number;
}

export interface Comparison {
  /** Every card that differs, in the later map's order, then removed cards in the earlier map's order. */
  cards: readonly CardDiff[];
  /** Per card id, for drawing marks on the map. */
  byCard: ReadonlyMap<string, CardDiff>;
  counts: Counts;
  /** Counts per stage id (a removed card counts for the stage it was in). */
  byStage: ReadonlyMap<string, Counts>;
  stages: readonly NamedDiff[];
  lanes: readonly NamedDiff[];
}

const PLACEMENT = new Set(['id', 'stageId', 'laneId', 'index', 'kind']);

const same = (a: unknown, b: unknown) => a === b || (a == null && b == null) || (a === '' && b == null) || (a == null && b === '');

/** The fields of two cards of one id that differ (a change of kind is the field `kind`). */
export function changedFields(a: Card, b: Card): string[] {
  const out: string[] = [];
  if (a.kind !== b.kind) out.push('kind');
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    if (PLACEMENT.has(key)) continue;
    if (!same((a as unknown as Record<string, unknown>)[key], (b as unknown as Record<string, unknown>)[key])) out.push(key);
  }
  // The text first, then the kind's fields in a stable order.
  return out.sort((x, y) => (x === 'text' ? -1 : y === 'text' ? 1 : x.localeCompare(y)));
}

const zero = (): Counts => ({ added: 0, removed: 0, changed: 0, moved: 0 });

function named<T extends Stage | Lane>(before: ReadonlyMap<string, T>, after: ReadonlyMap<string, T>): NamedDiff[] {
  const out: NamedDiff[] = [];
  for (const item of sortByIndex(after.values())) {
    const was = before.get(item.id);
    if (!was) out.push({ id: item.id, status: 'added', after: item.name });
    else if (was.name !== item.name) out.push({ id: item.id, status: 'renamed', before: was.name, after: item.name });
  }
  for (const item of sortByIndex(before.values())) if (!after.has(item.id)) out.push({ id: item.id, status: 'removed', before: item.name });
  return out;
}

/** What changed from `before` to `after`. */
export function compareJourneys(before: Journey, after: Journey): Comparison {
  const cards: CardDiff[] = [];
  const stageOrder = new Map(sortByIndex(after.stages.values()).map((s, i) => [s.id, i]));
  const laneOrder = new Map(sortByIndex(after.lanes.values()).map((l, i) => [l.id, i]));
  const inMapOrder = (a: Card, b: Card) =>
    (stageOrder.get(a.stageId) ?? Infinity) - (stageOrder.get(b.stageId) ?? Infinity) ||
    (laneOrder.get(a.laneId) ?? Infinity) - (laneOrder.get(b.laneId) ?? Infinity) ||
    (a.index < b.index ? -1 : a.index > b.index ? 1 : 0);
  for (const card of [...after.cards.values()].sort(inMapOrder)) {
    const was = before.cards.get(card.id);
    if (!was) {
      cards.push({ id: card.id, status: 'added', after: card, fields: [], moved: false });
      continue;
    }
    const fields = changedFields(was, card);
    const moved = was.stageId !== card.stageId || was.laneId !== card.laneId;
    if (fields.length || moved) cards.push({ id: card.id, status: fields.length ? 'changed' : 'unchanged', before: was, after: card, fields, moved });
  }
  const removed = [...before.cards.values()].filter((c) => !after.cards.has(c.id)).sort((a, b) => inMapOrder(a, b));
  for (const card of removed) cards.push({ id: card.id, status: 'removed', before: card, fields: [], moved: false });

  const counts = zero();
  const byStage = new Map<string, Counts>();
  for (const diff of cards) {
    const stageId = (diff.after ?? diff.before)!.stageId;
    let c = byStage.get(stageId);
    if (!c) byStage.set(stageId, (c = zero()));
    for (const target of [counts, c]) {
      if (diff.status === 'added') target.added++;
      else if (diff.status === 'removed') target.removed++;
      else if (diff.status === 'changed') target.changed++;
      if (diff.moved) target.moved++;
    }
  }
  return { cards, byCard: new Map(cards.map((d) => [d.id, d])), counts, byStage, stages: named(before.stages, after.stages), lanes: named(before.lanes, after.lanes) };
}

/** Whether anything differs. */
export const hasChanges = (c: Comparison) => c.cards.length > 0 || c.stages.length > 0 || c.lanes.length > 0;
