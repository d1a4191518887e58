import { describe, expect, it } from 'vitest';
import { generateJourney } from '../journey/generate';
import type { Journey } from '../journey/types';
import { createEdgesSelector, createGridSelector, createNodesSelector, type CardNode } from './selectors';
import { EMPTY_SESSION, type Session } from './store';

function withCardText(journey: Journey, id: string, text: string): Journey {
  const cards = new Map(journey.cards);
  cards.set(id, { ...journey.cards.get(id)!, text });
  return { ...journey, cards };
}

describe('canvas selectors', () => {
  const journey = generateJourney(4, 3, 2);
  const ids = [...journey.cards.keys()];

  it('makes one node per card and per cell, cards right after their cell', () => {
    const grid = createGridSelector()(journey);
    const nodes = createNodesSelector()(journey, grid, EMPTY_SESSION);
    expect(nodes.filter((n) => n.type === 'card')).toHaveLength(24);
    expect(nodes.filter((n) => n.type === 'cell')).toHaveLength(12);
    const firstCell = nodes[0]!;
    expect(firstCell.type).toBe('cell');
    expect(nodes[1]!.type).toBe('card');
    expect((nodes[1] as CardNode).data.card.stageId).toBe((firstCell.data as { stageId: string }).stageId);
  });

  it('keeps the node objects of unchanged cards when one card changes', () => {
    const gridOf = createGridSelector();
    const select = createNodesSelector();
    const before = select(journey, gridOf(journey), EMPTY_SESSION);
    const changed = withCardText(journey, ids[0]!, 'new text');
    const after = select(changed, gridOf(changed), EMPTY_SESSION);
    const byId = (list: typeof before) => new Map(list.map((n) => [n.id, n]));
    const b = byId(before);
    const a = byId(after);
    expect(a.get(ids[0]!)).not.toBe(b.get(ids[0]!));
    for (const id of ids.slice(1)) expect(a.get(id)).toBe(b.get(id));
  });

  it('returns the very same list when nothing changed, and the same grid for the same entities', () => {
    const gridOf = createGridSelector();
    const select = createNodesSelector();
    const grid = gridOf(journey);
    expect(gridOf({ ...journey, meta: { ...journey.meta, title: 'x' } })).toBe(grid);
    expect(select(journey, grid, EMPTY_SESSION)).toBe(select(journey, grid, EMPTY_SESSION));
  });

  it('moves only the dragged card and marks the selection', () => {
    const gridOf = createGridSelector();
    const select = createNodesSelector();
    const grid = gridOf(journey);
    const before = select(journey, grid, EMPTY_SESSION);
    const session: Session = { ...EMPTY_SESSION, selection: [ids[1]!], drag: new Map([[ids[0]!, { x: 999, y: 888 }]]) };
    const after = select(journey, grid, session);
    const dragged = after.find((n) => n.id === ids[0]) as CardNode;
    expect(dragged.position).toEqual({ x: 999, y: 888 });
    expect(dragged.dragging).toBe(true);
    expect(after.find((n) => n.id === ids[1])?.selected).toBe(true);
    expect(after.find((n) => n.id === ids[2])).toBe(before.find((n) => n.id === ids[2]));
  });

  it('draws links only between cards that are shown', () => {
    const links = new Map([
      [`${ids[0]}->${ids[1]}`, { id: `${ids[0]}->${ids[1]}`, from: ids[0]!, to: ids[1]!, label: 'next' }],
      [`${ids[0]}->gone`, { id: `${ids[0]}->gone`, from: ids[0]!, to: 'gone', label: '' }],
    ]);
    const withLinks = { ...journey, links };
    const edges = createEdgesSelector()(withLinks, createGridSelector()(withLinks), EMPTY_SESSION);
    expect(edges.map((e) => e.label)).toEqual(['next']);
  });

  it('builds exactly one node per card and per cell of a 1,000-card map', () => {
    const big = generateJourney(20, 10, 5);
    const nodes = createNodesSelector()(big, createGridSelector()(big), EMPTY_SESSION);
    expect(nodes.filter((n) => n.type === 'card')).toHaveLength(1000);
    expect(nodes.filter((n) => n.type === 'cell')).toHaveLength(200);
  });
});
