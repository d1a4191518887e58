// Between the edges selector and <ReactFlow/>: gives each link edge what only the canvas knows how
// to say or draw: its accessible name and role (the two cards' words, its label, and whether it
// crosses the line of visibility), where that line runs between its cards, and the wide hit area.
// An edge is rebuilt only when its link, its two cards, the lanes, the grid or the language change.
import type { Journey } from '../journey/types';
import type { Grid } from '../journey/layout';
import { crossesLineOfVisibility } from '../journey/blueprint';
import { visibilityLineBetween } from '../journey/linkRoute';
import type { CanvasEdge } from '../store';
import type { Translate } from '../i18n';
import { LINK_HIT_WIDTH } from './LinkEdge';

export type NamedLinkEdge = CanvasEdge & {
  ariaLabel: string;
  /** A button (a click or Enter selects it), so that it is not taken for a card (a group). */
  ariaRole: 'button';
  domAttributes: { 'aria-roledescription': string };
  interactionWidth: number;
  data: { label: string; crossing: boolean; visibilityY: number | null };
};

/** A card as a link's name says it: its first words. */
export function cardWords(t: Translate, text: string | undefined): string {
  const words = (text ?? '').trim().replace(/\s+/g, ' ');
  if (!words) return t('card.empty');
  return words.length > 60 ? `${words.slice(0, 57)}…` : words;
}

interface Entry {
  edge: CanvasEdge;
  from: unknown;
  to: unknown;
  lanes: unknown;
  grid: Grid;
  t: Translate;
  named: NamedLinkEdge;
}

export function createLinkNamer(): (edges: CanvasEdge[], journey: Journey, grid: Grid, t: Translate) => NamedLinkEdge[] {
  let cache = new Map<string, Entry>();
  let last: { edges: CanvasEdge[]; journey: Journey; grid: Grid; t: Translate; named: NamedLinkEdge[] } | null = null;
  return (edges, journey, grid, t) => {
    if (last && last.edges === edges && last.journey.cards === journey.cards && last.journey.lanes === journey.lanes && last.grid === grid && last.t === t) return last.named;
    const next = new Map<string, Entry>();
    const named = edges.map((edge) => {
      const from = journey.cards.get(edge.source);
      const to = journey.cards.get(edge.target);
      const prev = cache.get(edge.id);
      const entry =
        prev && prev.edge === edge && prev.from === from && prev.to === to && prev.lanes === journey.lanes && prev.grid === grid && prev.t === t
          ? prev
          : { edge, from, to, lanes: journey.lanes, grid, t, named: nameLink(edge, journey, grid, t) };
      next.set(edge.id, entry);
      return entry.named;
    });
    cache = next;
    last = { edges, journey, grid, t, named };
    return named;
  };
}

function nameLink(edge: CanvasEdge, journey: Journey, grid: Grid, t: Translate): NamedLinkEdge {
  const from = journey.cards.get(edge.source);
  const to = journey.cards.get(edge.target);
  const crosses = !!from && !!to && crossesLineOfVisibility(journey, from, to);
  const visibilityY = crosses ? visibilityLineBetween(grid.rows, from.laneId, to.laneId) : null;
  const words = { from: cardWords(t, from?.text), to: cardWords(t, to?.text), label: edge.label };
  const name = edge.label ? t('link.namedLabelled', words) : t('link.named', words);
  return {
    ...edge,
    ariaLabel: crosses ? `${name}, ${t('link.crossesVisibility')}` : name,
    ariaRole: 'button',
    domAttributes: { 'aria-roledescription': t('link.title') },
    interactionWidth: LINK_HIT_WIDTH,
    data: { label: edge.label, crossing: crosses, visibilityY },
  };
}
