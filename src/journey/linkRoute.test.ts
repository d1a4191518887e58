import { describe, expect, it } from 'vitest';
import { CARD_GAP, CARD_H, CARD_W, STAGE_W, type LaneRow } from './layout';
import { SIDE_Y, TURN, crossingAt, linkRoute, routeLength, visibilityLineBetween, type Point } from './linkRoute';
import type { Lane } from './types';

const ROW = CARD_H + CARD_GAP;
const inside = (p: Point, card: Point) => p.x > card.x && p.x < card.x + CARD_W && p.y > card.y && p.y < card.y + CARD_H;
/** No part of a route hides under a card of the grid (probed every 2 px along it). */
function hiddenLength(points: Point[], cards: Point[]): number {
  let hidden = 0;
  for (let i = 1; i < points.length; i++) {
    const [p, q] = [points[i - 1]!, points[i]!];
    const steps = Math.max(1, Math.round((Math.abs(q.x - p.x) + Math.abs(q.y - p.y)) / 2));
    for (let s = 0; s < steps; s++) {
      const at = { x: p.x + ((q.x - p.x) * (s + 0.5)) / steps, y: p.y + ((q.y - p.y) * (s + 0.5)) / steps };
      if (cards.some((c) => inside(at, c))) hidden += 2;
    }
  }
  return hidden;
}
/** A grid of cards around the route: three stages, three ranks. */
const GRID: Point[] = [0, 1, 2].flatMap((s) => [0, 1, 2].map((r) => ({ x: s * STAGE_W, y: r * ROW })));

describe('linkRoute', () => {
  it('to the neighbouring stage in the same row: right side to left side, with a visible step, not a stub', () => {
    const a = { x: 0, y: ROW };
    const b = { x: STAGE_W, y: ROW };
    const { points, labelX, labelY } = linkRoute(a, b);
    expect(points[0]).toEqual({ x: CARD_W, y: a.y + SIDE_Y.forwardOut });
    expect(points.at(-1)).toEqual({ x: STAGE_W, y: b.y + SIDE_Y.forwardIn });
    expect(routeLength(points)).toBeGreaterThanOrEqual(60);
    expect(hiddenLength(points, GRID)).toBe(0);
    // The label sits in the gap between the two stages.
    expect(labelX).toBeGreaterThan(CARD_W);
    expect(labelX).toBeLessThan(STAGE_W);
    expect(labelY).toBeGreaterThan(ROW);
  });

  it('to the neighbouring stage a row lower: down the gap between the stages', () => {
    const { points } = linkRoute({ x: 0, y: 0 }, { x: STAGE_W, y: 2 * ROW });
    expect(routeLength(points)).toBeGreaterThanOrEqual(2 * ROW - CARD_H / 2);
    expect(hiddenLength(points, GRID)).toBe(0);
  });

  it('within one stage: an elbow out of the right sides, never behind the cards', () => {
    const a = { x: STAGE_W, y: 0 };
    const b = { x: STAGE_W, y: ROW };
    const { points, labelX, labelY } = linkRoute(a, b);
    expect(points[0]).toEqual({ x: STAGE_W + CARD_W, y: CARD_H / 2 });
    expect(points.at(-1)).toEqual({ x: STAGE_W + CARD_W, y: ROW + CARD_H / 2 });
    expect(Math.max(...points.map((p) => p.x))).toBe(STAGE_W + CARD_W + TURN.elbow);
    expect(routeLength(points)).toBeGreaterThanOrEqual(ROW);
    expect(hiddenLength(points, GRID)).toBe(0);
    expect(labelX).toBeGreaterThan(STAGE_W + CARD_W);
    expect(labelY).toBeCloseTo((CARD_H + ROW) / 2, 0);
  });

  it('goes up the same elbow when the other card of the stage is above', () => {
    const { points } = linkRoute({ x: 0, y: 2 * ROW }, { x: 0, y: 0 });
    expect(points[0]!.y).toBe(2 * ROW + CARD_H / 2);
    expect(points.at(-1)!.y).toBe(CARD_H / 2);
    expect(hiddenLength(points, GRID)).toBe(0);
  });

  it('across several stages it runs along the gap between rows, not behind the cards between', () => {
    const { points, labelY } = linkRoute({ x: 0, y: ROW }, { x: 2 * STAGE_W, y: ROW });
    expect(hiddenLength(points, GRID)).toBe(0);
    expect(labelY).toBe(ROW - CARD_GAP / 2);
  });

  it('leaves by the left side for an earlier stage and enters the right side', () => {
    const { points } = linkRoute({ x: STAGE_W * 2, y: 0 }, { x: 0, y: ROW });
    expect(points[0]!.x).toBe(STAGE_W * 2);
    expect(points.at(-1)!.x).toBe(CARD_W);
    expect(hiddenLength(points, GRID)).toBe(0);
  });

  it('a link back between the same two neighbours runs apart from the link forward (no shared line or arrowhead)', () => {
    const a = { x: 0, y: 0 };
    const b = { x: STAGE_W, y: 0 };
    const there = linkRoute(a, b).points;
    const back = linkRoute(b, a).points;
    expect(there[1]!.x).not.toBe(back[1]!.x);
    expect(there.at(-1)!.y).not.toBe(back[0]!.y);
    expect(back.at(-1)).toEqual({ x: CARD_W, y: SIDE_Y.backwardIn });
    // and apart from an elbow out of the first card's column
    expect(linkRoute(a, { x: 0, y: ROW }).points[1]!.x).not.toBe(there[1]!.x);
  });

  it('draws rounded corners: the path starts and ends where the route does', () => {
    const { path, points } = linkRoute({ x: 0, y: 0 }, { x: STAGE_W, y: ROW });
    expect(path.startsWith(`M ${points[0]!.x} ${points[0]!.y}`)).toBe(true);
    expect(path.endsWith(`L ${points.at(-1)!.x} ${points.at(-1)!.y}`)).toBe(true);
    expect(path).toContain(' Q ');
  });
});

describe('the line of visibility', () => {
  const lane = (id: string, kind: Lane['kind']) => ({ id, kind }) as Lane;
  const rows: LaneRow[] = [
    { lane: lane('actions', 'actions'), y: 0, height: 200 },
    { lane: lane('front', 'frontStage'), y: 200, height: 200 },
    { lane: lane('back', 'backStage'), y: 400, height: 200 },
    { lane: lane('support', 'support'), y: 600, height: 200 },
  ];

  it('lies between a lane the customer sees and one they do not, whichever way the link goes', () => {
    expect(visibilityLineBetween(rows, 'actions', 'back')).toBe(400);
    expect(visibilityLineBetween(rows, 'support', 'front')).toBe(400);
    expect(visibilityLineBetween(rows, 'actions', 'front')).toBeNull();
    expect(visibilityLineBetween(rows, 'back', 'support')).toBeNull();
  });

  it('is crossed by the route where its vertical run passes the line', () => {
    const { points } = linkRoute({ x: 0, y: 214 }, { x: 0, y: 414 });
    expect(crossingAt(points, 400)).toEqual({ x: CARD_W + TURN.elbow, y: 400 });
    expect(crossingAt(points, 1000)).toBeNull();
  });
});
