// The emotional curve's geometry, pure (no React, no DOM), for everything that draws it: where a
// score sits in the band, the smooth line through the points, the colour and dash of each
// persona's curve and how the points of several curves are spread apart.
import { STAGE_W } from './layout';

export const CURVE_PAD_TOP = 34;
export const CURVE_PAD_BOTTOM = 22;
export const CURVE_COLORS = ['#7c3aed', '#0891b2', '#db2777', '#ca8a04'] as const;
export const CURVE_DASHES = ['', '8 6', '2 6', '12 4 2 4'] as const;

export const curveColor = (series: number): string => CURVE_COLORS[series % CURVE_COLORS.length]!;
export const curveDash = (series: number): string => CURVE_DASHES[series % CURVE_DASHES.length]!;

/** The y of a score (-2..2) in a band `height` tall. */
export function scoreY(score: number, height: number): number {
  const usable = height - CURVE_PAD_TOP - CURVE_PAD_BOTTOM;
  return CURVE_PAD_TOP + ((2 - score) / 4) * usable;
}

/** The x of the line through a stage (the middle of its column). */
export const stageMidX = (stage: number): number => stage * STAGE_W + STAGE_W / 2;

/** The x of a point of curve `series` of `count`: several curves are spread apart so equal scores stay distinct. */
export const pointX = (stage: number, series: number, count: number): number => stageMidX(stage) + (series - (count - 1) / 2) * 36;

/** A smooth path through points (Catmull-Rom turned into cubic Béziers). */
export function smoothPath(points: { x: number; y: number }[]): string {
  if (points.length === 0) return '';
  let d = `M ${points[0]!.x} ${points[0]!.y}`;
  for (let i = 0; i < points.length - 1; i++) {
    const p0 = points[i - 1] ?? points[i]!;
    const p1 = points[i]!;
    const p2 = points[i + 1]!;
    const p3 = points[i + 2] ?? p2;
    const c1 = { x: p1.x + (p2.x - p0.x) / 6, y: p1.y + (p2.y - p0.y) / 6 };
    const c2 = { x: p2.x - (p3.x - p1.x) / 6, y: p2.y - (p3.y - p1.y) / 6 };
    d += ` C ${c1.x} ${c1.y}, ${c2.x} ${c2.y}, ${p2.x} ${p2.y}`;
  }
  return d;
}
