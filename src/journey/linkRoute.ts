// Where a link between two cards runs, for the canvas and for every export alike. Cards link from
// stage to stage along the customer's path (right side to left side), but a back-stage process
// under a front-stage action, or a link back to an earlier stage, would loop around its cards
// from those sides: the line leaves and enters by the sides of the two cards that face each other.
import { CARD_H, CARD_W } from './layout';

export interface Point {
  x: number;
  y: number;
}
export type Side = 'left' | 'right' | 'top' | 'bottom';
const OUTWARD: Record<Side, Point> = { left: { x: -1, y: 0 }, right: { x: 1, y: 0 }, top: { x: 0, y: -1 }, bottom: { x: 0, y: 1 } };

export interface LinkRoute {
  path: string;
  /** Where the label goes: the middle of the curve. */
  labelX: number;
  labelY: number;
}

/** The curve from card `a` to card `b`, given their top-left corners. */
export function linkRoute(a: Point, b: Point): LinkRoute {
  const ac = { x: a.x + CARD_W / 2, y: a.y + CARD_H / 2 };
  const bc = { x: b.x + CARD_W / 2, y: b.y + CARD_H / 2 };
  // Cards in one column face each other with their top and bottom; otherwise with their sides.
  const [from, to]: [Side, Side] =
    Math.abs(ac.x - bc.x) < CARD_W ? (bc.y >= ac.y ? ['bottom', 'top'] : ['top', 'bottom']) : bc.x >= ac.x ? ['right', 'left'] : ['left', 'right'];
  const p1 = edgePoint(ac, from);
  const p2 = edgePoint(bc, to);
  const bend = Math.max(40, Math.hypot(p2.x - p1.x, p2.y - p1.y) / 3);
  const c1 = { x: p1.x + OUTWARD[from].x * bend, y: p1.y + OUTWARD[from].y * bend };
  const c2 = { x: p2.x + OUTWARD[to].x * bend, y: p2.y + OUTWARD[to].y * bend };
  const r = (v: number) => Math.round(v * 10) / 10;
  // The middle of a cubic Bézier: (p1 + 3 c1 + 3 c2 + p2) / 8.
  return {
    path: `M ${r(p1.x)} ${r(p1.y)} C ${r(c1.x)} ${r(c1.y)}, ${r(c2.x)} ${r(c2.y)}, ${r(p2.x)} ${r(p2.y)}`,
    labelX: r((p1.x + 3 * c1.x + 3 * c2.x + p2.x) / 8),
    labelY: r((p1.y + 3 * c1.y + 3 * c2.y + p2.y) / 8),
  };
}

function edgePoint(center: Point, side: Side): Point {
  return { x: center.x + (OUTWARD[side].x * CARD_W) / 2, y: center.y + (OUTWARD[side].y * CARD_H) / 2 };
}
