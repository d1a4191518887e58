// The service blueprint's zones and lines (Shostack): every lane belongs to a zone — the customer's,
// the front stage (what the customer sees staff and systems do), the back stage (what they do out of
// sight) or support (the processes and systems behind them) — and three lines separate the zones:
// the line of interaction, the line of visibility and the line of internal interaction. Pure.
// Lanes keep their zone (placeLane: the lane commands clamp adds and moves to it), so the zones stay
// in order top to bottom; where the lines then fall between lane rows is ./blueprintLines.ts.
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

/** A zone's place in the order, top to bottom: 0 for the customer's, 3 for support. */
export const zoneIndex = (lane: Pick<Lane, 'kind'>): number => ZONES.indexOf(laneZone(lane));

// ---- keeping the zones together ------------------------------------------------------------------

/** The positions (among the other lanes, in order) where a lane of `kind` keeps its zone: after every lane of a zone above, before every lane of a zone below. */
export function zoneRange(others: readonly Pick<Lane, 'kind'>[], kind: LaneKind): { from: number; to: number } {
  const z = zoneIndex({ kind });
  const from = others.filter((l) => zoneIndex(l) < z).length;
  const to = others.length - others.filter((l) => zoneIndex(l) > z).length;
  return { from, to };
}

/** Where a lane asked to go to `position` (among the other lanes) may go, and the line it was kept from crossing, if any. */
export interface LanePlacement {
  position: number;
  /** The line the lane would have crossed: the move stopped at it. */
  kept: BlueprintLine | null;
}

/**
 * Clamps a lane's position to its zone, so lanes of a zone stay together and the zones stay in order
 * (customer, front stage, back stage, support). `others` are the map's other lanes, in order.
 */
export function placeLane(others: readonly Pick<Lane, 'kind'>[], kind: LaneKind, position: number): LanePlacement {
  const { from, to } = zoneRange(others, kind);
  const z = zoneIndex({ kind });
  if (position < from) return { position: from, kept: LINES[z - 1] ?? null };
  if (position > to) return { position: to, kept: LINES[z] ?? null };
  return { position, kept: null };
}
