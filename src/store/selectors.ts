// Pure, memoised selectors from the read model to what the canvas draws. Each selector instance
// caches by identity: the grid is recomputed only when stages, lanes or cards change, and a node
// object is reused when nothing about it changed, so React Flow re-renders only what moved.
import { CARD_GAP, CARD_H, CARD_W, STAGE_W, cellKey, layoutJourney, type Grid } from '../journey/layout';
import type { Card, Journey, Lane, LaneKind } from '../journey/types';
import type { EditorState, Point, Session } from './store';
import type { EdgeBase, NodeBase, NodeHandle, Position } from '@xyflow/system';

export interface CardNodeData extends Record<string, unknown> {
  card: Card;
  laneKind: LaneKind | null;
  editing: boolean;
  unplaced: boolean;
}
export interface CellNodeData extends Record<string, unknown> {
  stageId: string;
  laneId: string;
  laneKind: LaneKind;
  collapsed: boolean;
  count: number;
}
export interface BandNodeData extends Record<string, unknown> {
  laneId: string;
  kind: 'emotions' | 'tray';
}

/**
 * A node as React Flow reads it. The types come from `@xyflow/system`, React Flow's framework-free
 * core (this folder may not import `@xyflow/react`), so a field React Flow renames breaks the build
 * here instead of being silently ignored.
 */
type BaseNode<T extends string, D extends Record<string, unknown>> = NodeBase<D, T> & {
  width: number;
  height: number;
  /** The size React Flow would measure, known from the layout. With it, a node object rebuilt
   * because its card moved keeps its measured handles, so React Flow does not mount every such
   * node (on screen or not) to measure it again: a drop that shifts a lane re-rendered the whole
   * map without it. */
  measured: { width: number; height: number };
  /** Its link handles, where React Flow would measure them (see `cardHandles`). */
  handles: NodeHandle[];
  /** Tab focus (in `@xyflow/react`'s Node, not in the framework-free base). */
  focusable?: boolean;
};
export type CardNode = BaseNode<'card', CardNodeData>;
export type CellNode = BaseNode<'cell', CellNodeData>;
export type BandNode = BaseNode<'band', BandNodeData>;
export type CanvasNode = CardNode | CellNode | BandNode;

export type CanvasEdge = EdgeBase<{ label: string }, 'link' | 'handoff'> & {
  type: 'link' | 'handoff';
  /** Also in `@xyflow/react`'s Edge only. */
  label: string;
  selected: boolean;
  data: { label: string };
};

export const TRAY_GAP = 64;

const HANDLE = 10; // styles.css: .card-handle
// React Flow's `Position` is an enum: its values are these strings (imported as a type only).
const LEFT = 'left' as Position.Left;
const RIGHT = 'right' as Position.Right;
// Shared by the card nodes and never changed: React Flow only reads them.
const handlesFor = (border: number): NodeHandle[] => [
  // The whole card is the target (a link dropped anywhere on it connects: .card-drop); the source
  // is centred on the inner edge of the card's right border.
  { type: 'target', position: LEFT, x: 0, y: 0, width: CARD_W, height: CARD_H },
  { type: 'source', position: RIGHT, x: CARD_W - border - HANDLE / 2, y: CARD_H / 2 - HANDLE / 2, width: HANDLE, height: HANDLE },
];
const CARD_HANDLES = handlesFor(1);
const MOMENT_HANDLES = handlesFor(2); // .card-mot: a 2 px border
const NO_HANDLES: NodeHandle[] = [];
/** Links are drawn over the curve's band (z 0) and under the cards (z 2), whose sides they join. */
export const LINK_Z = 1;

/**
 * A card's link handles, where React Flow would measure them in the DOM (CardNode, `.card` and
 * `.card-handle` in styles.css). Known in advance, React Flow needs not mount a node to measure
 * it, so it mounts only what is in view, from the first render on: without them it mounted every
 * card and cell of the map once, on screen or not.
 */
export const cardHandles = (card: Card): NodeHandle[] => (card.kind === 'touchpoint' && card.momentOfTruth ? MOMENT_HANDLES : CARD_HANDLES);

function sameCardNode(n: CardNode, card: Card, x: number, y: number, selected: boolean, editing: boolean, dragging: boolean): boolean {
  return n.data.card === card && n.position.x === x && n.position.y === y && n.selected === selected && n.data.editing === editing && n.dragging === dragging;
}

// A node rebuilt only because it moved keeps its data object: the card and cell components
// compare their props but the position, so a lane that grows and shifts the lanes below it does
// not re-render their cards.
function cardData(prev: CardNode | undefined, card: Card, laneKind: LaneKind | null, editing: boolean, unplaced: boolean): CardNodeData {
  const d = prev?.data;
  return d && d.card === card && d.laneKind === laneKind && d.editing === editing && d.unplaced === unplaced ? d : { card, laneKind, editing, unplaced };
}
function cellData(prev: CellNode | undefined, stageId: string, lane: Lane, count: number): CellNodeData {
  const d = prev?.data;
  return d && d.stageId === stageId && d.laneId === lane.id && d.laneKind === lane.kind && d.collapsed === lane.collapsed && d.count === count
    ? d
    : { stageId, laneId: lane.id, laneKind: lane.kind, collapsed: lane.collapsed, count };
}

/** A memoised grid: the layout is rebuilt only when stages, lanes or cards change. */
export function createGridSelector(): (journey: Journey) => Grid {
  let last: { stages: unknown; lanes: unknown; cards: unknown; grid: Grid } | null = null;
  return (journey) => {
    if (last && last.stages === journey.stages && last.lanes === journey.lanes && last.cards === journey.cards) return last.grid;
    const grid = layoutJourney(journey);
    last = { stages: journey.stages, lanes: journey.lanes, cards: journey.cards, grid };
    return grid;
  };
}

const NOBODY_DRAGS: ReadonlyMap<string, Point> = new Map();

/** Nodes for the canvas; `remoteDrag` holds the cards other people are dragging, where they are now. */
export function createNodesSelector(): (journey: Journey, grid: Grid, session: Session, remoteDrag?: ReadonlyMap<string, Point>) => CanvasNode[] {
  let cardCache = new Map<string, CardNode>();
  let cellCache = new Map<string, CellNode>();
  let last: { grid: Grid; session: Session; remoteDrag: ReadonlyMap<string, Point>; nodes: CanvasNode[] } | null = null;
  return (journey, grid, session, remoteDrag = NOBODY_DRAGS) => {
    if (
      last &&
      last.grid === grid &&
      last.remoteDrag === remoteDrag &&
      last.session.selection === session.selection &&
      last.session.drag === session.drag &&
      last.session.editing === session.editing
    ) {
      return last.nodes;
    }
    const selected = new Set(session.selection);
    const nodes: CanvasNode[] = [];
    const nextCells = new Map<string, CellNode>();
    const nextCards = new Map<string, CardNode>();
    const place = (card: Card, x0: number, y0: number, unplaced: boolean) => {
      const dragged = session.drag?.get(card.id) ?? remoteDrag.get(card.id);
      const x = dragged?.x ?? x0;
      const y = dragged?.y ?? y0;
      const isSelected = selected.has(card.id);
      const editing = session.editing === card.id;
      const prev = cardCache.get(card.id);
      const node: CardNode =
        prev && sameCardNode(prev, card, x, y, isSelected, editing, !!dragged)
          ? prev
          : {
              id: card.id,
              type: 'card',
              position: { x, y },
              width: CARD_W,
              height: CARD_H,
              measured: { width: CARD_W, height: CARD_H },
              handles: cardHandles(card),
              selected: isSelected,
              dragging: !!dragged,
              zIndex: dragged ? 10 : 2,
              data: cardData(prev, card, journey.lanes.get(card.laneId)?.kind ?? null, editing, unplaced),
            };
      nextCards.set(card.id, node);
      nodes.push(node);
    };
    for (const row of grid.rows) {
      const { lane } = row;
      if (lane.kind === 'emotions' && !lane.collapsed) {
        nodes.push({
          id: `band:${lane.id}`,
          type: 'band',
          position: { x: 0, y: row.y },
          width: Math.max(grid.width, STAGE_W),
          height: row.height,
          measured: { width: Math.max(grid.width, STAGE_W), height: row.height },
          handles: NO_HANDLES,
          data: { laneId: lane.id, kind: 'emotions' },
          draggable: false,
          selectable: false,
          focusable: false,
          // Above the cells, below the links (z 1) that cross the curve's lane, below the cards (z 2).
          zIndex: 0,
        });
        continue;
      }
      for (const column of grid.columns) {
        const key = cellKey(column.stage.id, lane.id);
        const count = grid.cells.get(key)?.length ?? 0;
        const prev = cellCache.get(key);
        const node: CellNode =
          prev && prev.position.x === column.x && prev.position.y === row.y && prev.height === row.height && prev.data.count === count && prev.data.collapsed === lane.collapsed && prev.data.laneKind === lane.kind
            ? prev
            : {
                id: `cell:${key}`,
                type: 'cell',
                position: { x: column.x, y: row.y },
                width: column.width,
                height: row.height,
                measured: { width: column.width, height: row.height },
                handles: NO_HANDLES,
                data: cellData(prev, column.stage.id, lane, count),
                draggable: false,
                selectable: false,
                focusable: false,
                connectable: false,
                zIndex: -1,
              };
        nextCells.set(key, node);
        nodes.push(node);
        // Each cell's cards right after it: the DOM (and so the Tab order) reads cell by cell.
        for (const id of grid.cells.get(key) ?? []) {
          const slot = grid.slots.get(id);
          if (slot) place(slot.card, slot.x, slot.y, false);
        }
      }
    }
    if (grid.unplaced.length) {
      const trayY = grid.height + TRAY_GAP;
      nodes.push({
        id: 'band:tray',
        type: 'band',
        position: { x: 0, y: trayY - 40 },
        width: Math.max(grid.width, grid.unplaced.length * (CARD_W + CARD_GAP) + CARD_GAP),
        height: CARD_H + 56,
        measured: { width: Math.max(grid.width, grid.unplaced.length * (CARD_W + CARD_GAP) + CARD_GAP), height: CARD_H + 56 },
        handles: NO_HANDLES,
        data: { laneId: '', kind: 'tray' },
        draggable: false,
        selectable: false,
        focusable: false,
        zIndex: -1,
      });
      grid.unplaced.forEach((card, i) => place(card, CARD_GAP + i * (CARD_W + CARD_GAP), trayY, true));
    }
    cardCache = nextCards;
    cellCache = nextCells;
    last = { grid, session, remoteDrag, nodes };
    return nodes;
  };
}

export function createEdgesSelector(): (journey: Journey, grid: Grid, session: Session) => CanvasEdge[] {
  let cache = new Map<string, CanvasEdge>();
  let last: { links: unknown; grid: Grid; selectedLink: string | null; edges: CanvasEdge[] } | null = null;
  return (journey, grid, session) => {
    if (last && last.links === journey.links && last.grid === grid && last.selectedLink === session.selectedLink) return last.edges;
    const unplaced = new Set(grid.unplaced.map((c) => c.id));
    const shown = (id: string) => grid.slots.has(id) || unplaced.has(id);
    const next = new Map<string, CanvasEdge>();
    const edges: CanvasEdge[] = [];
    for (const link of journey.links.values()) {
      if (!shown(link.from) || !shown(link.to)) continue;
      const selected = session.selectedLink === link.id;
      const prev = cache.get(link.id);
      const edge =
        prev && prev.label === link.label && prev.selected === selected
          ? prev
          : { id: link.id, source: link.from, target: link.to, type: 'link' as const, label: link.label, selected, data: { label: link.label }, zIndex: LINK_Z };
      next.set(link.id, edge);
      edges.push(edge);
    }
    cache = next;
    last = { links: journey.links, grid, selectedLink: session.selectedLink, edges };
    return edges;
  };
}

/** Where a card is drawn at rest (its slot, or its place in the unplaced tray). */
export function restingPosition(grid: Grid, cardId: string): { x: number; y: number } | null {
  const slot = grid.slots.get(cardId);
  if (slot) return { x: slot.x, y: slot.y };
  const i = grid.unplaced.findIndex((c) => c.id === cardId);
  return i < 0 ? null : { x: CARD_GAP + i * (CARD_W + CARD_GAP), y: grid.height + TRAY_GAP };
}

/**
 * The journey this tab shows: a version opened from the history (read-only), or else the live map.
 * The one place the canvas, the panels and the exports get the map from, so that opening a version
 * swaps the whole picture while the live journey keeps following the document underneath (others'
 * edits change `journey`, never what is shown).
 */
export const shownJourney = (state: Pick<EditorState, 'journey' | 'session'>): Journey => state.session.viewing?.journey ?? state.journey;

/** Nothing on the map can be changed from this tab: a view link (or an outdated app), a version is shown, or the map is presented. */
export const isReadOnly = (session: Pick<Session, 'role' | 'viewing'> & Partial<Pick<Session, 'presenting'>>): boolean =>
  session.role !== 'edit' || !!session.viewing || (session.presenting ?? null) !== null;
