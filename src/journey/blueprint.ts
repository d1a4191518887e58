// The service blueprint's zones and lines (Shostack): every lane belongs to a zone — the customer's,
// the front stage (what the customer sees staff and systems do), the back stage (what they do out of
// sight) or support (the processes and systems behind them) — and three lines separate the zones:
// the line of interaction, the line of visibility and the line of internal interaction. Pure.
import type { Card, Journey, Lane, LaneKind } from './types';

export const ZONES = ['customer', 'frontStage', 'backStage', 'support'] as const;
export type Zone = (typeof ZONES)[number];

/** The line drawn below each zone but the last: the line between `above` and the zone after it. */
export const LINES = ['interaction', 'visibility', 'internalInteraction'] as const;
export type BlueprintLine = (typeof LINES)[number];

const ZONE_OF_KIND: Partial<Record<LaneKind, Zone>> = { frontStage: 'frontStage', backStage: 'backStage', support: 'support' };

/** The zone a lane belongs to. */
export function laneZone(lane: Pick<Lane, 'kind'>): Zone {
  return ZONE_OF_KIND[lane.kind] ?? 'customer';
}

/** Whether a link between two cards crosses the line of visibility (one side seen by the customer, the other not). */
export function crossesLineOfVisibility(journey: Pick<Journey, 'lanes'>, from: Pick<Card, 'laneId'>, to: Pick<Card, 'laneId'>): boolean {
  const a = journey.lanes.get(from.laneId);
  const b = journey.lanes.get(to.laneId);
  if (!a || !b) return false;
  const seen = (z: Zone) => z === 'customer' || z === 'frontStage';
  return seen(laneZone(a)) !== seen(laneZone(b));
}
