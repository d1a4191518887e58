// What a reader chooses to see: some lane kinds, one department, moments of truth only, open gaps
// only. The filtered journey keeps the same card objects, so unchanged cards keep their identity.
import type { Card, Journey, LaneKind } from './types';

export interface Filter {
  /** Lane kinds to show; null shows all. */
  laneKinds: readonly LaneKind[] | null;
  /** Only cards this department owns (a touchpoint's department, a gap's or opportunity's owner). */
  department: string | null;
  momentsOfTruthOnly: boolean;
  openGapsOnly: boolean;
}

export const NO_FILTER: Filter = { laneKinds: null, department: null, momentsOfTruthOnly: false, openGapsOnly: false };

export const isFiltering = (f: Filter) => f.laneKinds !== null || f.department !== null || f.momentsOfTruthOnly || f.openGapsOnly;

export function departmentOf(card: Card): string {
  if (card.kind === 'touchpoint') return card.department;
  if (card.kind === 'gap' || card.kind === 'opportunity') return card.owner;
  return '';
}

/** Every department named on the map, sorted. */
export function departments(journey: Pick<Journey, 'cards'>): string[] {
  const names = new Set<string>();
  for (const card of journey.cards.values()) {
    const d = departmentOf(card).trim();
    if (d) names.add(d);
  }
  return [...names].sort((a, b) => a.localeCompare(b));
}

function keeps(card: Card, f: Filter): boolean {
  if (f.department !== null && departmentOf(card).trim().toLowerCase() !== f.department.toLowerCase()) return false;
  if (f.momentsOfTruthOnly && !(card.kind === 'touchpoint' && card.momentOfTruth)) return false;
  if (f.openGapsOnly && !(card.kind === 'gap' && card.status !== 'done')) return false;
  return true;
}

export function filterJourney(journey: Journey, f: Filter): Journey {
  if (!isFiltering(f)) return journey;
  const lanes = f.laneKinds ? new Map([...journey.lanes].filter(([, l]) => f.laneKinds!.includes(l.kind))) : journey.lanes;
  const cards = new Map([...journey.cards].filter(([, c]) => lanes.has(c.laneId) && keeps(c, f)));
  return { ...journey, lanes, cards };
}
