// Closing the loop: the open gaps and opportunities by owning department, oldest first; what needs
// an owner (moments of truth and severe gaps nobody owns); and the hand-offs between departments
// along the customer's path (consecutive touchpoints owned by different departments).
import { departmentOf } from './filter';
import { isLoopKind } from './cards';
import { byIndex, sortByIndex } from './order';
import type { Card, GapCard, Journey, OpportunityCard, TouchpointCard } from './types';

export type LoopCard = GapCard | OpportunityCard;

export interface OpenLoops {
  /** Department → its open loops, oldest status change first; departments sorted by name. */
  byDepartment: [string, LoopCard[]][];
  /** Open loops nobody owns, oldest first. */
  unowned: LoopCard[];
  /** Moments of truth with no owning department, and severe gaps with no owner. */
  needsOwner: (TouchpointCard | GapCard)[];
}

const isLoop = (c: Card): c is LoopCard => isLoopKind(c.kind);
const oldestFirst = (a: LoopCard, b: LoopCard) => a.statusChangedAt - b.statusChangedAt || byIndex(a, b);

export function openLoops(journey: Pick<Journey, 'cards'>): OpenLoops {
  const groups = new Map<string, LoopCard[]>();
  const unowned: LoopCard[] = [];
  const needsOwner: (TouchpointCard | GapCard)[] = [];
  for (const card of journey.cards.values()) {
    if (card.kind === 'touchpoint' && card.momentOfTruth && !card.department.trim()) needsOwner.push(card);
    if (!isLoop(card) || card.status === 'done') continue;
    const owner = card.owner.trim();
    if (!owner) {
      unowned.push(card);
      if (card.kind === 'gap' && card.severity === 3) needsOwner.push(card);
      continue;
    }
    const list = groups.get(owner) ?? [];
    list.push(card);
    groups.set(owner, list);
  }
  const byDepartment = [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([d, list]) => [d, list.sort(oldestFirst)] as [string, LoopCard[]]);
  return { byDepartment, unowned: unowned.sort(oldestFirst), needsOwner };
}

export interface Handoff {
  from: TouchpointCard;
  to: TouchpointCard;
}

/** Touchpoints in the order the customer meets them (stage, lane, rank), and where the owner changes. */
export function handoffs(journey: Pick<Journey, 'cards' | 'stages' | 'lanes'>): Handoff[] {
  const stageAt = new Map(sortByIndex(journey.stages.values()).map((s, i) => [s.id, i]));
  const laneAt = new Map(sortByIndex(journey.lanes.values()).map((l, i) => [l.id, i]));
  const path = [...journey.cards.values()]
    .filter((c): c is TouchpointCard => c.kind === 'touchpoint' && stageAt.has(c.stageId) && laneAt.has(c.laneId) && !!c.department.trim())
    .sort((a, b) => stageAt.get(a.stageId)! - stageAt.get(b.stageId)! || laneAt.get(a.laneId)! - laneAt.get(b.laneId)! || byIndex(a, b));
  const result: Handoff[] = [];
  for (let i = 1; i < path.length; i++) {
    const from = path[i - 1]!;
    const to = path[i]!;
    if (departmentOf(from).trim().toLowerCase() !== departmentOf(to).trim().toLowerCase()) result.push({ from, to });
  }
  return result;
}

/** Colours readable with white text, told apart from each other. */
const PALETTE = ['#2563eb', '#db2777', '#059669', '#d97706', '#7c3aed', '#0891b2', '#dc2626', '#4d7c0f', '#c026d3', '#0f766e'];
const paletteCache = new WeakMap<ReadonlyMap<string, Card>, Map<string, string>>();

/**
 * A colour per department of the map (keyed by lower-case name): departments in alphabetical order
 * take the palette in order, so up to ten are always told apart, and a map gives the same colours
 * in every browser. Cached per cards map, so every card asking for its colour costs one lookup.
 */
export function departmentColors(cards: ReadonlyMap<string, Card>): Map<string, string> {
  let colors = paletteCache.get(cards);
  if (!colors) {
    const names = [...new Set([...cards.values()].map((c) => departmentOf(c).trim().toLowerCase()).filter(Boolean))].sort();
    colors = new Map(names.map((name, i) => [name, PALETTE[i % PALETTE.length]!]));
    paletteCache.set(cards, colors);
  }
  return colors;
}

export interface LensSummary {
  /** Each owning department (as first written), its colour, and how many cards it owns; by name. */
  departments: { name: string; color: string; cards: number }[];
  /** Cards that could have a department and have none (touchpoints; gaps and opportunities with no owner). */
  noDepartment: number;
  /** Moments of truth nobody owns: flagged on the lens, since a hand-off there is invisible. */
  unownedMoments: TouchpointCard[];
  /** Hand-offs between departments along the customer's path (touchpoints with a department). */
  handoffs: number;
}

/**
 * What the department lens says in its legend, on screen and in pictures alike: the departments with
 * their colours, "no department" with its count, the moments of truth that nobody owns, the hand-offs.
 */
export function lensSummary(journey: Pick<Journey, 'cards' | 'stages' | 'lanes'>): LensSummary {
  const colors = departmentColors(journey.cards);
  const counts = new Map<string, { name: string; cards: number }>();
  let noDepartment = 0;
  const unownedMoments: TouchpointCard[] = [];
  for (const card of journey.cards.values()) {
    const name = departmentOf(card).trim();
    if (!name) {
      if (card.kind !== 'touchpoint' && !isLoop(card)) continue;
      noDepartment++;
      if (card.kind === 'touchpoint' && card.momentOfTruth) unownedMoments.push(card);
      continue;
    }
    const entry = counts.get(name.toLowerCase()) ?? { name, cards: 0 };
    entry.cards++;
    counts.set(name.toLowerCase(), entry);
  }
  const departments = [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, { name, cards }]) => ({ name, color: colors.get(key)!, cards }));
  return { departments, noDepartment, unownedMoments: sortByIndex(unownedMoments), handoffs: handoffs(journey).length };
}
