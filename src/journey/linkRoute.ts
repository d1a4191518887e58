// Where a link between two cards runs, for the canvas and for every export alike. Cards sit in a
// grid with narrow gaps (28 px between stages, 12 px between cards of a cell), so a line from side
// to side would be a stub hidden by its cards: routes are orthogonal and run in the gaps, long
// enough to be seen, clicked and labelled, each kind at its own place in a gap so they do not merge:
// - to a later stage: out of the source's right side (low), into the target's left side (high), the
//   turn in the gap just before the target, so even neighbours in one row get a visible step;
//   across several stages the run goes along the gap above (or below) the source's row, not behind
//   the cards between;
// - to an earlier stage: the same from the left side into the right side, further along the gaps,
//   leaving and entering at other heights;
// - within one stage: an elbow out of the right sides, down (or up) the gap beside the column.
// Pure: no DOM. The label sits in the middle of the longest segment that is not a side's stub.
import { laneZone } from './blueprint';
import { CARD_GAP, CARD_H, CARD_W, CELL_PAD, type LaneRow } from './layout';

export interface Point {
  x: number;
  y: number;
}

export interface LinkRoute {
  path: string;
  /** The corners of the route, from the source's side to the target's side. */
  points: Point[];
  /** Where the label goes: the middle of the longest segment in a gap. */
  labelX: number;
  labelY: number;
}

/** The gap between two stages' cards, and where each kind of route turns in it (from its left). */
const GAP = 2 * CELL_PAD;
export const TURN = { elbow: 8, forward: 15, backward: 22 } as const;
/** Where links leave and enter a card's side, from its top. */
export const SIDE_Y = {
  forwardOut: Math.round(CARD_H * 0.66),
  forwardIn: Math.round(CARD_H * 0.32),
  backwardOut: Math.round(CARD_H * 0.84),
  backwardIn: Math.round(CARD_H * 0.16),
  elbow: CARD_H / 2,
} as const;
const CORNER = 6;

/** The route from card `a` to card `b`, given their top-left corners. */
export function linkRoute(a: Point, b: Point): LinkRoute {
  const points = routePoints(a, b);
  return { path: roundedPath(points), points, ...labelAt(points) };
}

function routePoints(a: Point, b: Point): Point[] {
  const dx = b.x - a.x;
  if (Math.abs(dx) < CARD_W) {
    // One stage: an elbow out of the right sides.
    const x = Math.max(a.x, b.x) + CARD_W;
    const p1 = { x, y: a.y + SIDE_Y.elbow };
    const p2 = { x, y: b.y + SIDE_Y.elbow };
    return [p1, { x: x + TURN.elbow, y: p1.y }, { x: x + TURN.elbow, y: p2.y }, p2];
  }
  const forward = dx > 0;
  const p1 = forward ? { x: a.x + CARD_W, y: a.y + SIDE_Y.forwardOut } : { x: a.x, y: a.y + SIDE_Y.backwardOut };
  const p2 = forward ? { x: b.x, y: b.y + SIDE_Y.forwardIn } : { x: b.x + CARD_W, y: b.y + SIDE_Y.backwardIn };
  // The turns: in the gap after (or before) the source's column, and before (or after) the target's.
  const firstTurn = forward ? p1.x + TURN.forward : p1.x - GAP + TURN.backward;
  const lastTurn = forward ? p2.x - GAP + TURN.forward : p2.x + TURN.backward;
  if (Math.abs(p2.x - p1.x) < CARD_W) return [p1, { x: firstTurn, y: p1.y }, { x: firstTurn, y: p2.y }, p2];
  // Across stages: along the gap above the source's row (or below it, when the target is lower).
  const channel = b.y > a.y ? a.y + CARD_H + CARD_GAP / 2 : a.y - CARD_GAP / 2;
  return [p1, { x: firstTurn, y: p1.y }, { x: firstTurn, y: channel }, { x: lastTurn, y: channel }, { x: lastTurn, y: p2.y }, p2];
}

const r1 = (v: number) => Math.round(v * 10) / 10;

/** An orthogonal polyline with rounded corners (none sharper than the segments allow). */
function roundedPath(points: Point[]): string {
  const clean = points.filter((p, i) => i === 0 || p.x !== points[i - 1]!.x || p.y !== points[i - 1]!.y);
  let d = `M ${r1(clean[0]!.x)} ${r1(clean[0]!.y)}`;
  for (let i = 1; i < clean.length - 1; i++) {
    const prev = clean[i - 1]!;
    const at = clean[i]!;
    const next = clean[i + 1]!;
    const r = Math.min(CORNER, dist(prev, at) / 2, dist(at, next) / 2);
    const before = toward(at, prev, r);
    const after = toward(at, next, r);
    d += ` L ${r1(before.x)} ${r1(before.y)} Q ${r1(at.x)} ${r1(at.y)} ${r1(after.x)} ${r1(after.y)}`;
  }
  const last = clean[clean.length - 1]!;
  return `${d} L ${r1(last.x)} ${r1(last.y)}`;
}

const dist = (p: Point, q: Point) => Math.abs(p.x - q.x) + Math.abs(p.y - q.y);
const toward = (from: Point, to: Point, r: number): Point => {
  const d = dist(from, to) || 1;
  return { x: from.x + ((to.x - from.x) * r) / d, y: from.y + ((to.y - from.y) * r) / d };
};

/** The middle of the longest inner segment (the first and last run into the cards' sides). */
function labelAt(points: Point[]): { labelX: number; labelY: number } {
  const inner = points.length > 3 ? points.slice(1, -1) : points;
  let best: [Point, Point] = [inner[0]!, inner[1] ?? inner[0]!];
  for (let i = 1; i < inner.length; i++) if (dist(inner[i - 1]!, inner[i]!) > dist(best[0], best[1])) best = [inner[i - 1]!, inner[i]!];
  return { labelX: r1((best[0].x + best[1].x) / 2), labelY: r1((best[0].y + best[1].y) / 2) };
}

/** The length of a route (its corners taken square). */
export function routeLength(points: readonly Point[]): number {
  let n = 0;
  for (let i = 1; i < points.length; i++) n += dist(points[i - 1]!, points[i]!);
  return n;
}

/** Where a route first crosses the horizontal line at `y` (the line of visibility), if it does. */
export function crossingAt(points: readonly Point[], y: number): Point | null {
  for (let i = 1; i < points.length; i++) {
    const p = points[i - 1]!;
    const q = points[i]!;
    if ((p.y - y) * (q.y - y) < 0 || (p.y !== q.y && q.y === y)) {
      const t = (y - p.y) / (q.y - p.y);
      return { x: r1(p.x + (q.x - p.x) * t), y };
    }
  }
  return null;
}

/**
 * The line of visibility between two cards' lanes: the first boundary between lanes, going from one
 * card's lane to the other's, where the lanes above are seen by the customer and those below not
 * (or the other way round). Null when the two lanes are on the same side of it.
 */
export function visibilityLineBetween(rows: readonly LaneRow[], fromLaneId: string, toLaneId: string): number | null {
  const i = rows.findIndex((r) => r.lane.id === fromLaneId);
  const j = rows.findIndex((r) => r.lane.id === toLaneId);
  if (i < 0 || j < 0) return null;
  const seen = (r: LaneRow) => {
    const zone = laneZone(r.lane);
    return zone === 'customer' || zone === 'frontStage';
  };
  const [lo, hi] = i < j ? [i, j] : [j, i];
  for (let k = lo + 1; k <= hi; k++) if (seen(rows[k - 1]!) !== seen(rows[k]!)) return rows[k]!.y;
  return null;
}
