// The facilitator's spotlight on this tab's canvas: the view goes where the facilitator brought
// everyone (a stage, fitted to the pane, or the centre and zoom of their own view), and outside a
// spotlit stage the map dims. Panning by hand steps away from it (as does "Step away" in the
// workshop bar); "Back to the spotlight" returns. Also answers the panel's "bring everyone to my
// view", which needs this canvas to know where its view is.
import { useCallback, useEffect, type RefObject } from 'react';
import { useReactFlow, useStoreApi, ViewportPortal } from '@xyflow/react';
import type { Grid } from '../journey/layout';
import { useActions, useEditor, useSession, useWorkshop } from '../store/context';
import { useT } from '../i18n';
import { LANE_HEADER_W, STAGE_HEADER_H } from './FrozenHeaders';

/** The spotlight this tab follows now: none when there is none or this person stepped away. */
function useActiveSpotlight() {
  const spotlight = useWorkshop((w) => w.spotlight);
  const away = useSession((s) => s.steppedAway);
  return spotlight && away !== spotlight.at ? spotlight : null;
}

export function useSpotlight(wrapper: RefObject<HTMLDivElement | null>, grid: Grid) {
  const { store } = useEditor();
  const actions = useActions();
  const flow = useReactFlow();
  const flowStore = useStoreApi();
  const spotlight = useActiveSpotlight();
  const column = spotlight?.stageId ? grid.columns.find((c) => c.stage.id === spotlight.stageId) : undefined;
  const gridHeight = grid.height;

  useEffect(() => {
    const pane = spotlight && wrapper.current?.getBoundingClientRect();
    if (!spotlight || !pane) return;
    if (column) {
      const zoom = Math.max(0.3, Math.min(1.2, (pane.width - LANE_HEADER_W - 40) / (column.width * 1.1), (pane.height - STAGE_HEADER_H - 24) / gridHeight));
      const x = LANE_HEADER_W + (pane.width - LANE_HEADER_W - column.width * zoom) / 2 - column.x * zoom;
      void flow.setViewport({ x, y: STAGE_HEADER_H + 12, zoom }, { duration: 300 });
    } else if (spotlight.viewport) {
      const { x: cx, y: cy, zoom } = spotlight.viewport;
      void flow.setViewport({ x: pane.width / 2 - cx * zoom, y: pane.height / 2 - cy * zoom, zoom }, { duration: 300 });
    }
  }, [spotlight, column, gridHeight, flow, wrapper]);

  // "Bring everyone to my view": the centre of this pane in map coordinates, and the zoom.
  useEffect(
    () =>
      store.events.on('bringToMyView', (request) => {
        const { transform, width, height } = flowStore.getState();
        const [x, y, zoom] = transform;
        actions.setSpotlight({ ...request, stageId: null, viewport: { x: (width / 2 - x) / zoom, y: (height / 2 - y) / zoom, zoom } });
      }),
    [actions, flowStore, store],
  );

  /** A pan or zoom by hand steps away from the spotlight (the bar offers the way back). */
  return useCallback(() => store.session.stepAwayFromSpotlight(), [store]);
}

/** Dims the map outside the spotlit stage and frames the stage (drawn in map coordinates). */
export function SpotlightOverlay({ grid }: { grid: Grid }) {
  const t = useT();
  const spotlight = useActiveSpotlight();
  const column = spotlight?.stageId ? grid.columns.find((c) => c.stage.id === spotlight.stageId) : undefined;
  if (!column) return null;
  const far = 100_000;
  const top = -far;
  const height = 2 * far;
  return (
    <ViewportPortal>
      <div className="spotlight-dim" aria-hidden style={{ transform: `translate(${-far}px, ${top}px)`, width: far + column.x, height }} />
      <div className="spotlight-dim" aria-hidden style={{ transform: `translate(${column.x + column.width}px, ${top}px)`, width: far, height }} />
      <div className="spotlight-frame" role="note" aria-label={t('workshop.spotlight.bannerStage', { name: spotlight!.name, stage: column.stage.name })} style={{ transform: `translate(${column.x}px, 0px)`, width: column.width, height: grid.height }} />
    </ViewportPortal>
  );
}
