import { describe, expect, it } from 'vitest';
import {
  ADD_ROW,
  CARD_GAP,
  CARD_H,
  CARD_W,
  CELL_PAD,
  COLLAPSED_LANE_H,
  EMOTION_LANE_H,
  EMPTY_LANE_H,
  STAGE_W,
  cardY,
  cellAt,
  cellKey,
  layoutJourney,
  neighbourCard,
  rankAt,
  type Grid,
} from './layout';
import { keysBetween } from './order';
import type { Card, Journey, Lane, LaneKind, Stage } from './types';

type Shape = Pick<Journey, 'stages' | 'lanes' | 'cards'>;

interface LaneSpec {
  id: string;
  kind?: LaneKind;
  collapsed?: boolean;
}

/**
 * A journey from a compact description. Stages and lanes get keys in the order given (unless
 * `stageOrder` says otherwise); cards are [id, stageId, laneId] and get keys in the order given per cell.
 */
function build(stageIds: string[], laneSpecs: LaneSpec[], cardSpecs: [string, string, string][]): Shape {
  const stageKeys = keysBetween(null, null, stageIds.length);
  const stages: Stage[] = stageIds.map((id, i) => ({ id, name: id, goal: '', index: stageKeys[i]! }));
  const laneKeys = keysBetween(null, null, laneSpecs.length);
  const lanes: Lane[] = laneSpecs.map((l, i) => ({
    id: l.id,
    name: l.id,
    kind: l.kind ?? 'actions',
    index: laneKeys[i]!,
    collapsed: l.collapsed ?? false,
  }));
  const perCell = new Map<string, number>();
  for (const [, s, l] of cardSpecs) perCell.set(`${s}|${l}`, (perCell.get(`${s}|${l}`) ?? 0) + 1);
  const keys = new Map([...perCell].map(([cell, n]) => [cell, keysBetween(null, null, n)]));
  const cards: Card[] = cardSpecs.map(([id, stageId, laneId]) => ({
    id,
    kind: 'note',
    stageId,
    laneId,
    index: keys.get(`${stageId}|${laneId}`)!.shift()!,
    text: id,
  }));
  return {
    stages: new Map(stages.map((s) => [s.id, s])),
    lanes: new Map(lanes.map((l) => [l.id, l])),
    cards: new Map(cards.map((c) => [c.id, c])),
  };
}

const fullHeight = (n: number) => CELL_PAD * 2 + n * (CARD_H + CARD_GAP) + ADD_ROW;

function slot(grid: Grid, id: string) {
  const s = grid.slots.get(id);
  if (!s) throw new Error(`card ${id} is not placed`);
  return s;
}

describe('layoutJourney: the grid', () => {
  it('places stages as columns in their order, not in the order they were added', () => {
    const j = build(['s1', 's2', 's3'], [{ id: 'l1' }], []);
    // Move s3 to the front by giving it a smaller key.
    const stages = new Map(j.stages);
    stages.set('s3', { ...stages.get('s3')!, index: 'Zz' });
    const grid = layoutJourney({ ...j, stages });
    expect(grid.columns.map((c) => [c.stage.id, c.x, c.width])).toEqual([
      ['s3', 0, STAGE_W],
      ['s1', STAGE_W, STAGE_W],
      ['s2', 2 * STAGE_W, STAGE_W],
    ]);
    expect(grid.width).toBe(3 * STAGE_W);
  });

  it('stacks lanes as rows; a lane is as tall as its fullest cell', () => {
    const j = build(
      ['s1', 's2'],
      [{ id: 'busy' }, { id: 'empty' }, { id: 'one' }],
      [
        ['a', 's1', 'busy'],
        ['b', 's2', 'busy'],
        ['c', 's2', 'busy'],
        ['d', 's2', 'busy'],
        ['e', 's1', 'one'],
      ],
    );
    const grid = layoutJourney(j);
    expect(grid.rows.map((r) => [r.lane.id, r.y, r.height])).toEqual([
      ['busy', 0, fullHeight(3)],
      ['empty', fullHeight(3), EMPTY_LANE_H],
      ['one', fullHeight(3) + EMPTY_LANE_H, fullHeight(1)],
    ]);
    expect(grid.height).toBe(fullHeight(3) + EMPTY_LANE_H + fullHeight(1));
  });

  it('puts each card at its rank in its cell', () => {
    const j = build(
      ['s1', 's2'],
      [{ id: 'l1' }, { id: 'l2' }],
      [
        ['a', 's2', 'l2'],
        ['b', 's2', 'l2'],
        ['c', 's1', 'l1'],
      ],
    );
    const grid = layoutJourney(j);
    const l2 = grid.rows[1]!;
    expect(slot(grid, 'a')).toMatchObject({ x: STAGE_W + CELL_PAD, y: cardY(l2.y, 0), rank: 0 });
    expect(slot(grid, 'b')).toMatchObject({ x: STAGE_W + CELL_PAD, y: l2.y + CELL_PAD + CARD_H + CARD_GAP, rank: 1 });
    expect(slot(grid, 'c')).toMatchObject({ x: CELL_PAD, y: CELL_PAD, rank: 0 });
    expect(grid.cells.get(cellKey('s2', 'l2'))).toEqual(['a', 'b']);
    expect(slot(grid, 'a').card).toBe(j.cards.get('a'));
  });

  it('orders a cell by key, breaking ties by id', () => {
    const j = build(['s'], [{ id: 'l' }], [
      ['x', 's', 'l'],
      ['y', 's', 'l'],
    ]);
    const cards = new Map(j.cards);
    cards.set('x', { ...cards.get('x')!, index: 'a5' });
    cards.set('y', { ...cards.get('y')!, index: 'a1' });
    cards.set('w', { ...cards.get('x')!, id: 'w', index: 'a1' });
    const grid = layoutJourney({ ...j, cards });
    expect(grid.cells.get(cellKey('s', 'l'))).toEqual(['w', 'y', 'x']);
  });

  it('keeps cards of a collapsed or emotion lane in the document but does not draw them', () => {
    const j = build(
      ['s'],
      [{ id: 'folded', collapsed: true }, { id: 'curve', kind: 'emotions' }, { id: 'open' }],
      [
        ['a', 's', 'folded'],
        ['b', 's', 'folded'],
        ['c', 's', 'curve'],
        ['d', 's', 'open'],
      ],
    );
    const grid = layoutJourney(j);
    expect(grid.rows.map((r) => r.height)).toEqual([COLLAPSED_LANE_H, EMOTION_LANE_H, fullHeight(1)]);
    expect([...grid.slots.keys()]).toEqual(['d']);
    expect(grid.unplaced).toEqual([]);
    expect(grid.cells.get(cellKey('s', 'folded'))).toEqual(['a', 'b']);
  });

  it('puts cards whose stage or lane was deleted in the unplaced tray, never drops them', () => {
    const j = build(
      ['s1', 's2'],
      [{ id: 'l1' }, { id: 'l2' }],
      [
        ['keep', 's1', 'l1'],
        ['noStage', 's2', 'l1'],
        ['noLane', 's1', 'l2'],
        ['neither', 's2', 'l2'],
      ],
    );
    const stages = new Map(j.stages);
    stages.delete('s2');
    const lanes = new Map(j.lanes);
    lanes.delete('l2');
    const grid = layoutJourney({ stages, lanes, cards: j.cards });
    expect([...grid.slots.keys()]).toEqual(['keep']);
    expect(grid.unplaced.map((c) => c.id).sort()).toEqual(['neither', 'noLane', 'noStage']);
    expect(grid.cells.size).toBe(1);
    // The lane height does not count cards that are not in it any more.
    expect(grid.rows[0]!.height).toBe(fullHeight(1));
  });

  it('lays out an empty map', () => {
    const grid = layoutJourney({ stages: new Map(), lanes: new Map(), cards: new Map() });
    expect(grid).toMatchObject({ columns: [], rows: [], unplaced: [], width: 0, height: 0 });
  });

  it('lays out a 1000-card map (20 stages x 10 lanes x 5 cards) with every card placed and none overlapping', () => {
    const stageIds = Array.from({ length: 20 }, (_, i) => `s${i}`);
    const laneSpecs = Array.from({ length: 10 }, (_, i) => ({ id: `l${i}` }));
    const cardSpecs: [string, string, string][] = [];
    for (const s of stageIds) for (const l of laneSpecs) for (let k = 0; k < 5; k++) cardSpecs.push([`${s}-${l.id}-${k}`, s, l.id]);
    const grid = layoutJourney(build(stageIds, laneSpecs, cardSpecs));

    expect(grid.slots.size).toBe(1000);
    expect(grid.unplaced).toEqual([]);
    expect(grid.width).toBe(20 * STAGE_W);
    expect(grid.height).toBe(10 * fullHeight(5));

    // Every card lies inside its own cell...
    for (const s of grid.slots.values()) {
      const column = grid.columns.find((c) => c.stage.id === s.card.stageId)!;
      const row = grid.rows.find((r) => r.lane.id === s.card.laneId)!;
      expect(s.x).toBeGreaterThanOrEqual(column.x);
      expect(s.x + CARD_W).toBeLessThanOrEqual(column.x + column.width);
      expect(s.y).toBeGreaterThanOrEqual(row.y);
      expect(s.y + CARD_H).toBeLessThanOrEqual(row.y + row.height);
    }
    // ...and no two cards overlap (sweep per column, sorted by top edge).
    const byColumn = new Map<number, number[]>();
    for (const s of grid.slots.values()) byColumn.set(s.x, [...(byColumn.get(s.x) ?? []), s.y]);
    expect(byColumn.size).toBe(20);
    for (const ys of byColumn.values()) {
      ys.sort((a, b) => a - b);
      for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(CARD_H);
    }
  });
});

describe('cellAt / rankAt', () => {
  const j = build(
    ['s1', 's2'],
    [{ id: 'l1' }, { id: 'l2' }],
    [
      ['a', 's1', 'l1'],
      ['b', 's1', 'l1'],
      ['c', 's2', 'l2'],
    ],
  );
  const grid = layoutJourney(j);
  const [r1, r2] = grid.rows as [(typeof grid.rows)[0], (typeof grid.rows)[0]];

  it('finds the cell under a point', () => {
    expect(cellAt(grid, 10, 10)).toEqual({ stageId: 's1', laneId: 'l1' });
    expect(cellAt(grid, STAGE_W + 5, r2.y + 5)).toEqual({ stageId: 's2', laneId: 'l2' });
    expect(cellAt(grid, STAGE_W - 1, r1.y + r1.height - 1)).toEqual({ stageId: 's1', laneId: 'l1' });
    // The bottom edge of a row belongs to the next row.
    expect(cellAt(grid, 0, r1.y + r1.height)).toEqual({ stageId: 's1', laneId: 'l2' });
  });

  it('finds no cell outside the grid', () => {
    expect(cellAt(grid, -1, 10)).toBeNull();
    expect(cellAt(grid, grid.width, 10)).toBeNull();
    expect(cellAt(grid, 10, -1)).toBeNull();
    expect(cellAt(grid, 10, grid.height)).toBeNull();
  });

  it('gives the rank of a card dropped at a height in a cell', () => {
    expect(rankAt(grid, 'l1', slot(grid, 'a').y, 2)).toBe(0);
    expect(rankAt(grid, 'l1', slot(grid, 'b').y, 2)).toBe(1);
    expect(rankAt(grid, 'l1', slot(grid, 'b').y + CARD_H, 2)).toBe(2);
    expect(rankAt(grid, 'l1', -500, 2)).toBe(0);
    expect(rankAt(grid, 'l1', 10_000, 2)).toBe(2);
    expect(rankAt(grid, 'gone', 0, 4)).toBe(4);
  });
});

describe('neighbourCard (arrow keys)', () => {
  //        s1      s2      s3     s4
  // l1     a               e
  // l2     b c             f g
  // fold   (h)
  // l3     d                      i
  const j = build(
    ['s1', 's2', 's3', 's4'],
    [{ id: 'l1' }, { id: 'l2' }, { id: 'fold', collapsed: true }, { id: 'l3' }],
    [
      ['a', 's1', 'l1'],
      ['b', 's1', 'l2'],
      ['c', 's1', 'l2'],
      ['h', 's1', 'fold'],
      ['d', 's1', 'l3'],
      ['e', 's3', 'l1'],
      ['f', 's3', 'l2'],
      ['g', 's3', 'l2'],
      ['i', 's4', 'l3'],
    ],
  );
  const grid = layoutJourney(j);

  it('walks down and up a stage across lanes, skipping cards that are not drawn', () => {
    expect(neighbourCard(grid, 'a', 'down')).toBe('b');
    expect(neighbourCard(grid, 'b', 'down')).toBe('c');
    expect(neighbourCard(grid, 'c', 'down')).toBe('d');
    expect(neighbourCard(grid, 'd', 'down')).toBeNull();
    expect(neighbourCard(grid, 'd', 'up')).toBe('c');
    expect(neighbourCard(grid, 'a', 'up')).toBeNull();
  });

  it('goes right and left to the nearest card at the same height, skipping empty stages', () => {
    expect(neighbourCard(grid, 'a', 'right')).toBe('e');
    expect(neighbourCard(grid, 'b', 'right')).toBe('f');
    expect(neighbourCard(grid, 'c', 'right')).toBe('g');
    expect(neighbourCard(grid, 'd', 'right')).toBe('g');
    expect(neighbourCard(grid, 'f', 'right')).toBe('i');
    expect(neighbourCard(grid, 'g', 'left')).toBe('c');
    expect(neighbourCard(grid, 'i', 'left')).toBe('g');
    expect(neighbourCard(grid, 'i', 'right')).toBeNull();
    expect(neighbourCard(grid, 'a', 'left')).toBeNull();
  });

  it('has no neighbour for a card that is not drawn', () => {
    expect(neighbourCard(grid, 'h', 'down')).toBeNull();
    expect(neighbourCard(grid, 'nope', 'right')).toBeNull();
  });
});
