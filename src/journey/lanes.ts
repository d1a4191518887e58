// What each lane kind holds: the card kind its "+" makes, and the fields a new card starts with.
import type { Card, CardKind, LaneKind } from './types';

const CARD_KIND_OF_LANE: Record<LaneKind, CardKind | null> = {
  actions: 'note',
  touchpoints: 'touchpoint',
  thoughts: 'note',
  emotions: null, // the emotional curve lives in `emotions`, not in cards
  painPoints: 'gap',
  opportunities: 'opportunity',
  frontStage: 'note',
  backStage: 'note',
  support: 'note',
  metrics: 'metric',
};

export function cardKindForLane(kind: LaneKind): CardKind | null {
  return CARD_KIND_OF_LANE[kind];
}

type Placement = Pick<Card, 'id' | 'stageId' | 'laneId' | 'index' | 'text'>;

/** A new card of the given kind with every field at its default. */
export function defaultCard(kind: CardKind, base: Placement, now: number): Card {
  switch (kind) {
    case 'note':
      return { ...base, kind };
    case 'touchpoint':
      return { ...base, kind, channel: 'web', department: '', momentOfTruth: false };
    case 'gap':
      return { ...base, kind, severity: 2, expectation: '', owner: '', status: 'open', statusChangedAt: now, statusChangedBy: '' };
    case 'opportunity':
      return { ...base, kind, owner: '', priority: 'medium', status: 'open', statusChangedAt: now, statusChangedBy: '' };
    case 'metric':
      return { ...base, kind, metric: 'NPS', value: null, sampleSize: null };
  }
}
