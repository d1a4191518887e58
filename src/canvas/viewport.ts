// The canvas's own viewport rules, between the grid layout and React Flow's transform:
// - "Fit the map" (fitMap): the whole grid in the pane beside the frozen headers, its first column
//   flush against the lane headers and its first lane against the stage headers (React Flow's fitView
//   centres the map in the space its padding leaves, which left an empty band beside the lane
//   headers whenever the height decided the zoom);
// - the selected card stays in view (useKeepSelectedInView): when the Details panel opens beside the
//   canvas the pane gets narrower, and a card at its right edge would sit where the panel now is;
// - while the map is panned its viewport is a layer of its own (useLayerWhilePanning).
import { useEffect, useRef, type RefObject } from 'react';
import { useOnViewportChange, useReactFlow, useStore as useFlowStore, type Viewport } from '@xyflow/react';
import { useStore } from 'zustand';
import { CARD_H, CARD_W, type Grid } from '../journey/layout';
import { restingPosition } from '../store';
import { useEditor } from '../store/context';

/** Room kept between the map and the pane's right and bottom edges (the zoom controls sit there). */
const FIT_MARGIN = { right: 16, bottom: 44 };
/** How far inside the uncovered area a card brought into view is kept from its edges. */
const VIEW_MARGIN = 16;

export interface Frame {
  /** The pane's size. */
  width: number;
  height: number;
  /** What the frozen headers cover at its left and top. */
  left: number;
  top: number;
}

/** The whole grid at the largest zoom that shows it, its top-left corner at the headers' corner. */
export function fitMap(grid: Grid, frame: Frame, zoomLimits: [number, number]): Viewport {
  const last = grid.columns[grid.columns.length - 1];
  const bottom = grid.rows[grid.rows.length - 1];
  const mapW = last ? last.x + last.width : 1;
  const mapH = bottom ? bottom.y + bottom.height : 1;
  const zoom = Math.min(zoomLimits[1], Math.max(zoomLimits[0], Math.min((frame.width - frame.left - FIT_MARGIN.right) / mapW, (frame.height - frame.top - FIT_MARGIN.bottom) / mapH)));
  const x0 = grid.columns[0]?.x ?? 0;
  const y0 = grid.rows[0]?.y ?? 0;
  return { x: frame.left - x0 * zoom, y: frame.top - y0 * zoom, zoom };
}

/**
 * How far to pan so that a box (in screen px, relative to the pane) is wholly inside the uncovered
 * area. A box already wholly in it stays where it is (a card one can see never nudges); one cut off
 * is brought in with a margin.
 */
export function panToShow(box: { x: number; y: number; width: number; height: number }, frame: Frame): { dx: number; dy: number } {
  const shift = (start: number, size: number, min: number, max: number) => {
    if (start >= min && start + size <= max) return 0;
    if (size > max - min - 2 * VIEW_MARGIN || start < min) return min + VIEW_MARGIN - start;
    return max - VIEW_MARGIN - (start + size);
  };
  return {
    dx: shift(box.x, box.width, frame.left, frame.width),
    dy: shift(box.y, box.height, frame.top, frame.height),
  };
}

/**
 * Pans the map when the selection changes or the pane changes size (a panel opened or closed) and
 * the selected card is then outside the uncovered area. A card the user scrolled away from keeps its
 * place: only those two events move the map.
 */
export function useKeepSelectedInView(grid: Grid, headers: { left: number; top: number }): void {
  const { store } = useEditor();
  const flow = useReactFlow();
  const width = useFlowStore((s) => s.width);
  const height = useFlowStore((s) => s.height);
  const selected = useStore(store, (s) => (s.session.selection.length === 1 && !s.session.drag && s.session.presenting === null ? s.session.selection[0] : undefined));
  const presenting = useStore(store, (s) => s.session.presenting !== null);
  // Leaving a presentation puts back exactly the view one had (its selection too, while the pane
  // regains its size): that selection is not panned to, until another card is selected.
  const held = useRef<{ card: string | undefined } | 'presenting' | null>(null);
  useEffect(() => {
    if (presenting) {
      held.current = 'presenting';
      return;
    }
    if (held.current === 'presenting') held.current = { card: selected };
    if (held.current) {
      if (held.current.card === selected) return;
      held.current = null;
    }
    if (!selected || !width || !height) return;
    const at = restingPosition(grid, selected);
    if (!at) return;
    const { x, y, zoom } = flow.getViewport();
    const frame = { width, height, left: headers.left, top: headers.top };
    const { dx, dy } = panToShow({ x: at.x * zoom + x, y: at.y * zoom + y, width: CARD_W * zoom, height: CARD_H * zoom }, frame);
    if (dx || dy) void flow.setViewport({ x: x + dx, y: y + dy, zoom }, { duration: 200 });
    // The grid is read when one of the two events happens, not followed: a remote edit that moves
    // the card does not pan this person's map.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selected, presenting, width, height, flow, headers.left, headers.top]);
}

/**
 * While a pan lasts, the canvas takes the class `is-panning`, which makes React Flow's viewport a
 * compositor layer (`will-change: transform`): each frame of the pan then moves already drawn tiles
 * and rasters only the strip that comes into view. Without it every frame repainted and rasterised
 * the whole pane (the viewport's transform changes on an element that is not a layer): in a traced
 * pan the editor's raster work was 8-10x bare React Flow's (docs/benchmarks.md). Only for pans: a
 * layer keeps the scale it was drawn at, so zooming in it would blur the cards until redrawn; the
 * class goes as soon as the zoom changes, and soon after the gesture's end, when the map is drawn sharp again.
 */
export function useLayerWhilePanning(wrapper: RefObject<HTMLElement | null>): void {
  const startZoom = useRef(0);
  const settle = useRef<ReturnType<typeof setTimeout>>(undefined);
  const drop = () => wrapper.current?.classList.remove('is-panning');
  useOnViewportChange({
    onStart: (viewport) => {
      clearTimeout(settle.current);
      startZoom.current = viewport.zoom;
      wrapper.current?.classList.add('is-panning');
    },
    onChange: (viewport) => {
      if (viewport.zoom !== startZoom.current) drop();
    },
    // A wheel pan "ends" 150 ms after its last event (React Flow), and a busy moment can break one
    // gesture into several: the layer stays a little longer, so it is not made and dropped each time.
    onEnd: () => {
      clearTimeout(settle.current);
      settle.current = setTimeout(drop, 400);
    },
  });
  useEffect(() => () => clearTimeout(settle.current), []);
}
