import { describe, expect, it } from 'vitest';
import { translate, type MessageKey, type Params } from '../i18n/catalogue';
import { layoutJourney } from '../journey/layout';
import { instantiateTemplate } from '../journey/templates';
import type { CanvasEdge } from '../store';
import { createLinkNamer } from './linkEdges';

const t = (key: MessageKey, params?: Params) => translate('en', key, params);
const blueprint = instantiateTemplate('serviceBlueprint', (key) => translate('en', key), 'en', 0);
const grid = layoutJourney(blueprint);
const edges: CanvasEdge[] = [...blueprint.links.values()].map((l) => ({ id: l.id, source: l.from, target: l.to, type: 'link', label: l.label, selected: false, data: { label: l.label } }));
const textOf = (id: string) => blueprint.cards.get(id)!.text;

describe('link names', () => {
  it('name the two cards by their words, the label, and a crossing of the line of visibility', () => {
    const named = createLinkNamer()(edges, blueprint, grid, t);
    const labelled = named.find((e) => e.label === 'ID checked, plan chosen')!;
    expect(labelled.ariaLabel).toBe(`Link “ID checked, plan chosen” from “${textOf(labelled.source)}” to “${textOf(labelled.target)}”, crosses the line of visibility`);
    expect(labelled.data.crossing).toBe(true);
    expect(labelled.data.visibilityY).toBe(grid.rows.find((r) => r.lane.kind === 'backStage')!.y);
    // Back stage to support stays below the line.
    const below = named.filter((e) => !e.data.crossing);
    expect(below.length).toBeGreaterThan(0);
    expect(below.every((e) => !e.ariaLabel.includes('visibility') && e.data.visibilityY === null)).toBe(true);
    // A button (selects the link), called a link, with a wide hit area.
    expect(named.every((e) => e.ariaRole === 'button' && e.domAttributes['aria-roledescription'] === 'Link' && e.interactionWidth >= 16)).toBe(true);
  });

  it('keeps each named edge while its link and cards are unchanged', () => {
    const name = createLinkNamer();
    const first = name(edges, blueprint, grid, t);
    const again = name([...edges], { ...blueprint, cards: new Map(blueprint.cards) }, grid, t);
    expect(again).not.toBe(first);
    again.forEach((e, i) => expect(e).toBe(first[i]));
  });
});
