// A synthetic map of a given size (stages x lanes x cards per cell), for benchmarks and scale
// tests: the shape of a big real map, with text of realistic length.
import { newId } from './ids';
import { cardKindForLane, defaultCard } from './cards';
import { keysBetween } from './order';
import { LANE_KINDS, SCHEMA_VERSION, type Card, type Journey, type Lane, type LaneKind, type Stage } from './types';

const WORDS = ['customer', 'calls', 'store', 'app', 'waits', 'bill', 'plan', 'agent', 'signal', 'price', 'contract', 'renewal', 'chat', 'form'];

export function generateJourney(stageCount: number, laneCount: number, perCell: number): Journey {
  const kinds = LANE_KINDS.filter((k) => k !== 'emotions');
  const stageKeys = keysBetween(null, null, stageCount);
  const laneKeys = keysBetween(null, null, laneCount);
  const stages: Stage[] = stageKeys.map((index, i) => ({ id: newId(), name: `Stage ${i + 1}`, goal: '', index }));
  const lanes: Lane[] = laneKeys.map((index, i) => {
    const kind: LaneKind = kinds[i % kinds.length]!;
    return { id: newId(), name: `Lane ${i + 1}`, kind, index, collapsed: false };
  });
  const cards: Card[] = [];
  const cellKeys = keysBetween(null, null, perCell);
  let n = 0;
  for (const stage of stages) {
    for (const lane of lanes) {
      const kind = cardKindForLane(lane.kind)!;
      for (const index of cellKeys) {
        const text = `#${++n} ${WORDS[n % WORDS.length]} ${WORDS[(n * 7) % WORDS.length]} ${WORDS[(n * 3) % WORDS.length]}`;
        cards.push(defaultCard(kind, { id: newId(), stageId: stage.id, laneId: lane.id, index, text }, 0));
      }
    }
  }
  return {
    meta: { schemaVersion: SCHEMA_VERSION, title: `${cards.length} cards`, scenario: '', variant: 'current', locale: 'en', createdAt: 0 },
    personas: new Map(),
    stages: new Map(stages.map((s) => [s.id, s])),
    lanes: new Map(lanes.map((l) => [l.id, l])),
    cards: new Map(cards.map((c) => [c.id, c])),
    links: new Map(),
    emotions: new Map(),
    unreadable: [],
  };
}
