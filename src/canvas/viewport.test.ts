import { describe, expect, it } from 'vitest';
import { fitMap, panToShow } from './viewport';
import type { Grid } from '../journey/layout';

// Only what fitMap reads of a grid: its columns' x and width, its rows' y and height.
const grid = (columns: number, rows: number, w = 248, h = 150) =>
  ({ columns: Array.from({ length: columns }, (_, i) => ({ x: i * w, width: w })), rows: Array.from({ length: rows }, (_, i) => ({ y: i * h, height: h })) }) as unknown as Grid;
const frame = { width: 1440, height: 780, left: 196, top: 64 };

describe('fitMap', () => {
  it('puts the first column against the lane headers and the first lane under the stage headers', () => {
    const vp = fitMap(grid(10, 10), frame, [0.15, 1]);
    expect(vp.x).toBe(196);
    expect(vp.y).toBe(64);
    // The height decides here: the whole map fits above the bottom margin.
    expect(64 + 1500 * vp.zoom).toBeLessThanOrEqual(780 - 44 + 0.001);
    expect(196 + 2480 * vp.zoom).toBeLessThanOrEqual(1440 - 16);
  });
  it('never enlarges a small map past the largest zoom it is given', () => {
    expect(fitMap(grid(2, 2), frame, [0.15, 1]).zoom).toBe(1);
  });
});

describe('panToShow', () => {
  it('pans a card under the right edge (a panel opened there) back into the uncovered area', () => {
    expect(panToShow({ x: 1000, y: 200, width: 200, height: 100 }, { ...frame, width: 1120 })).toEqual({ dx: -96, dy: 0 });
  });
  it('leaves a card that is in view where it is', () => {
    expect(panToShow({ x: 400, y: 200, width: 200, height: 100 }, frame)).toEqual({ dx: 0, dy: 0 });
  });
  it('pans a card hidden under the frozen headers out from under them', () => {
    expect(panToShow({ x: 100, y: 20, width: 200, height: 100 }, frame)).toEqual({ dx: 112, dy: 60 });
  });
});
