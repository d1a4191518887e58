import { describe, expect, it } from 'vitest';
import { CARD_H, CARD_W, STAGE_W } from './layout';
import { linkRoute } from './linkRoute';

const start = (path: string) => path.match(/^M ([\d.-]+) ([\d.-]+)/)!.slice(1).map(Number);
const end = (path: string) => path.match(/, ([\d.-]+) ([\d.-]+)$/)!.slice(1).map(Number);

describe('linkRoute', () => {
  it('runs along the customer’s path from the right side to the next stage’s left side', () => {
    const { path } = linkRoute({ x: 0, y: 0 }, { x: STAGE_W, y: 0 });
    expect(start(path)).toEqual([CARD_W, CARD_H / 2]);
    expect(end(path)).toEqual([STAGE_W, CARD_H / 2]);
  });

  it('goes down from the bottom to the top of a card in the same stage (front stage to back stage)', () => {
    const { path, labelX } = linkRoute({ x: 0, y: 0 }, { x: 0, y: 300 });
    expect(start(path)).toEqual([CARD_W / 2, CARD_H]);
    expect(end(path)).toEqual([CARD_W / 2, 300]);
    expect(labelX).toBe(CARD_W / 2);
  });

  it('goes up from the top when the card in the same stage is above', () => {
    const { path } = linkRoute({ x: 0, y: 300 }, { x: 0, y: 0 });
    expect(start(path)).toEqual([CARD_W / 2, 300]);
    expect(end(path)).toEqual([CARD_W / 2, CARD_H]);
  });

  it('leaves by the left side for an earlier stage', () => {
    const { path } = linkRoute({ x: STAGE_W * 2, y: 0 }, { x: 0, y: 100 });
    expect(start(path)).toEqual([STAGE_W * 2, CARD_H / 2]);
    expect(end(path)).toEqual([CARD_W, 100 + CARD_H / 2]);
  });
});
