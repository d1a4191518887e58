// Presentation mode on the canvas, loaded with the first presentation (JourneyCanvas mounts it
// inside React Flow while a stage is presented). The presented stage's column is zoomed so that card
// text reads on a projector, at the left of the pane beside the stage's summary: this module sizes
// the canvas for it (the summary takes the rest of the screen), veils the other stages, and lets the
// wheel and the up and down arrows scroll a column taller than the screen, never sideways. The view
// one had (where the map was, at which zoom) is noted when it mounts and put back when it unmounts.
import { useEffect, useRef, useState, type RefObject } from 'react';
import { useReactFlow, ViewportPortal, type Viewport } from '@xyflow/react';
import type { Grid } from '../journey/layout';
import { LANE_HEADER_W, PRESENT_HEADER_H } from './FrozenHeaders';

/** Card text is 13 px at zoom 1 (styles.css `.card-text`): from 1.1 it renders at 14.3 px or more. */
export const PRESENT_MIN_ZOOM = 1.1;
/** Larger than this on a 720 px high screen, hardly two lanes fit in it: the stage would be scrolled
 * all the time. A taller screen zooms in as much more (up to React Flow's largest zoom). */
export const PRESENT_MAX_ZOOM = 1.35;
const FLOW_MAX_ZOOM = 2;
/** What the summary beside the stage needs at least on a 720 px high screen, to be read at 16 px. */
const SUMMARY_MIN_W = 440;
/** The screen height the summary's sizes are written for (styles.css, "presenting": `--px`), and how much it grows on a taller one. */
const DESIGN_H = 720;
const MAX_GROWTH = 1.5;
/** Room between the lane headers and the column, and after it. */
const GAP_LEFT = 20;
const GAP_RIGHT = 28;
const GAP_TOP = 14;
const GAP_BOTTOM = 28;
/** What one press of an up or down arrow scrolls, in screen pixels. */
const KEY_STEP = 96;

/** The zoom for a screen (the editor's body) of this size: as large as fits beside the summary, within the bounds. */
export function presentZoom(body: { width: number; height: number }, columnWidth: number): number {
  const growth = Math.max(1, Math.min(MAX_GROWTH, body.height / DESIGN_H));
  const room = (body.width - SUMMARY_MIN_W * growth - LANE_HEADER_W - GAP_LEFT - GAP_RIGHT) / columnWidth;
  return Math.max(PRESENT_MIN_ZOOM, Math.min(PRESENT_MAX_ZOOM * growth, FLOW_MAX_ZOOM, room));
}

/** The canvas's width at that zoom: the lane headers and the column, nothing of the next stage. */
const canvasWidth = (zoom: number, columnWidth: number) => Math.ceil(LANE_HEADER_W + GAP_LEFT + columnWidth * zoom + GAP_RIGHT);

const TOP = PRESENT_HEADER_H + GAP_TOP;

const sizeOf = (el: HTMLElement | null | undefined) => ({ width: el?.clientWidth ?? 0, height: el?.clientHeight ?? 0 });

/** The vertical offset kept between the column's top (at the headers) and its bottom (at the pane's bottom). */
function clampY(y: number, zoom: number, gridHeight: number, paneHeight: number): number {
  const lowest = Math.min(TOP, paneHeight - GAP_BOTTOM - gridHeight * zoom);
  return Math.max(lowest, Math.min(TOP, y));
}

export function PresentView({ grid, at, wrapper }: { grid: Grid; at: number; wrapper: RefObject<HTMLDivElement | null> }) {
  const flow = useReactFlow();
  // The view before the presentation, read once at mount (nothing has moved it yet).
  const [before] = useState<Viewport>(() => flow.getViewport());
  const [body, setBody] = useState(() => sizeOf(wrapper.current?.parentElement));
  const column = grid.columns[at];
  const columnWidth = column?.width ?? 0;
  const zoom = presentZoom(body, columnWidth || 1);
  const shown = useRef<{ at: number; zoom: number } | null>(null);

  // Back to the view one had, exactly, when the presentation ends (no animation: it is where one was).
  useEffect(() => () => void flow.setViewport(before), [flow, before]);

  // The screen's size decides the zoom; full screen changes it after the presentation has started.
  useEffect(() => {
    const body = wrapper.current?.parentElement;
    if (!body) return;
    const observer = new ResizeObserver(() => setBody((now) => (now.width === body.clientWidth && now.height === body.clientHeight ? now : sizeOf(body))));
    observer.observe(body);
    return () => observer.disconnect();
  }, [wrapper]);

  // The canvas as wide as the column at that zoom (styles.css reads the property); the summary has the rest.
  useEffect(() => {
    const el = wrapper.current;
    if (!el || !columnWidth) return;
    el.style.setProperty('--present-canvas-w', `${canvasWidth(zoom, columnWidth)}px`);
    return () => void el.style.removeProperty('--present-canvas-w');
  }, [wrapper, zoom, columnWidth]);

  // The stage at the left, its top under the headers; a change of the map keeps where one had scrolled to.
  useEffect(() => {
    if (!column) return;
    const x = LANE_HEADER_W + GAP_LEFT - column.x * zoom;
    const last = shown.current;
    const sameStage = last?.at === at && last.zoom === zoom;
    const paneHeight = wrapper.current?.clientHeight ?? 0;
    const y = sameStage ? clampY(flow.getViewport().y, zoom, grid.height, paneHeight) : TOP;
    // Animated between stages, as a slide changes; straight there the first time.
    void flow.setViewport({ x, y, zoom }, { duration: last && last.at !== at ? 300 : 0 });
    shown.current = { at, zoom };
  }, [flow, column, at, zoom, grid.height, wrapper]);

  // The wheel and the up and down arrows scroll the column (the left and right arrows change the
  // stage: PresentPanel), within the column's height.
  useEffect(() => {
    const el = wrapper.current;
    if (!el) return;
    const scrollBy = (dy: number) => {
      const now = flow.getViewport();
      const y = clampY(now.y - dy, now.zoom, grid.height, el.clientHeight);
      if (y !== now.y) void flow.setViewport({ ...now, y });
    };
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      scrollBy(e.deltaMode === 1 ? e.deltaY * 16 : e.deltaMode === 2 ? e.deltaY * el.clientHeight : e.deltaY);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
      e.preventDefault();
      e.stopPropagation();
      scrollBy(e.key === 'ArrowDown' ? KEY_STEP : -KEY_STEP);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    window.addEventListener('keydown', onKey, true);
    return () => {
      el.removeEventListener('wheel', onWheel);
      window.removeEventListener('keydown', onKey, true);
    };
  }, [flow, wrapper, grid.height]);

  if (!column) return null;
  // The other stages, veiled (drawn in map coordinates, so they scroll with the column).
  const far = 100_000;
  return (
    <ViewportPortal>
      <div className="present-veil" aria-hidden style={{ transform: `translate(${-far}px, ${-far}px)`, width: far + column.x, height: 2 * far }} />
      <div className="present-veil" aria-hidden style={{ transform: `translate(${column.x + column.width}px, ${-far}px)`, width: far, height: 2 * far }} />
    </ViewportPortal>
  );
}
