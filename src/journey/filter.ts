// What a reader chooses to see: some lane kinds, one department, moments of truth only, open gaps
// only, what cards rest on (evidence). The filtered journey keeps the same card objects, so unchanged cards keep their identity.
import { responsibleFor } from './cards';
import type { Card, Journey, LaneKind } from './types';

export interface Filter {
  /** Lane kinds to show; null shows all. */
  laneKinds: readonly LaneKind[] | null;
  /** Only cards this department owns (a touchpoint's department, a gap's or opportunity's owner). */
  department: string | null;
  momentsOfTruthOnly: boolean;
  openGapsOnly: boolean;
  /** What the cards rest on: assumptions only, those backed by evidence, or those nobody stated. */
  evidence: EvidenceFilter | null;
}

export const EVIDENCE_FILTERS = ['assumption', 'backed', 'unstated'] as const;
export type EvidenceFilter = (typeof EVIDENCE_FILTERS)[number];

export const NO_FILTER: Filter = { laneKinds: null, department: null, momentsOfTruthOnly: false, openGapsOnly: false, evidence: null };

export const isFiltering = (f: Filter) => f.laneKinds !== null || f.department !== null || f.momentsOfTruthOnly || f.openGapsOnly || f.evidence !== null;

/** The department a card belongs to, as its kind says (a touchpoint's department, a loop's owner). */
export const departmentOf = responsibleFor;

const EVIDENCE_KEEPS: Record<EvidenceFilter, (card: Card) => boolean> = {
  assumption: (card) => card.evidence === 'assumption',
  backed: (card) => !!card.evidence && card.evidence !== 'assumption',
  unstated: (card) => !card.evidence,
};

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
  if (f.evidence && !EVIDENCE_KEEPS[f.evidence](card)) return false;
  return true;
}

export function filterJourney(journey: Journey, f: Filter): Journey {
  if (!isFiltering(f)) return journey;
  const lanes = f.laneKinds ? new Map([...journey.lanes].filter(([, l]) => f.laneKinds!.includes(l.kind))) : journey.lanes;
  const cards = new Map([...journey.cards].filter(([, c]) => lanes.has(c.laneId) && keeps(c, f)));
  return { ...journey, lanes, cards };
}
