// The map canvas: React Flow fed by the memoised selectors, with the gesture handlers that turn
// drags, clicks and connections into commands. Drag positions live in session state until the
// drop, when one moveCards command writes stage, lane and order.
import { withLaterWords } from '../i18n/later';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef } from 'react';
import { COLORS } from '../views/theme';
import {
  ControlButton,
  Controls,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  useStore as useFlowStore,
  type EdgeChange,
  type Node,
  type NodeChange,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useStore } from 'zustand';
import { CARD_H, CARD_W, cellAt, cellKey, rankAt } from '../journey/layout';
import { filterJourney } from '../journey/filter';
import { copyCards, parseClipboard } from '../journey/clipboard';
import { createEdgesSelector, createGridSelector, createNodesSelector, isReadOnly, LINK_Z, restingPosition, shownJourney, type CanvasNode, type Point } from '../store';
import { useEditor } from '../store/context';
import { useT } from '../i18n';
import { BandNode } from './BandNode';
import { CanvasContext, type CanvasApi } from './canvasContext';
import { CardNode } from './CardNode';
import { CellNode } from './CellNode';
import { FrozenHeaders, LANE_HEADER_W, STAGE_HEADER_H } from './FrozenHeaders';
import { laneZone } from '../journey/blueprint';
import { HandoffEdge, LinkEdge } from './LinkEdge';
import { handoffs } from '../journey/loops';
import { Cursors } from './Cursors';
import { usePresenceTracking } from './usePresenceTracking';
import { SpotlightOverlay, useSpotlight } from './Spotlight';
import { useLinking } from './useLinking';
import { LinkPickerHost } from './LinkPickerHost';
import { createLinkNamer } from './linkEdges';
import { fitMap, useKeepSelectedInView, useLayerWhilePanning } from './viewport';

// Only presentations need it: loaded with the first one.
const PresentView = lazy(() => withLaterWords(import('./PresentView')).then((m) => ({ default: m.PresentView })));
// Only maps with front-stage, back-stage or support lanes have the service blueprint's lines.
const BlueprintLines = lazy(() => withLaterWords(import('./BlueprintLines')).then((m) => ({ default: m.BlueprintLines })));

const nodeTypes = { card: CardNode, cell: CellNode, band: BandNode };
const edgeTypes = { link: LinkEdge, handoff: HandoffEdge };
// The map starts flush against the frozen headers, as "Fit the map" leaves it: no empty band beside them.
const DEFAULT_VIEWPORT = { x: LANE_HEADER_W, y: STAGE_HEADER_H, zoom: 0.85 };
const MULTI_SELECT_KEYS = ['Shift', 'Meta', 'Control'];
const NOBODY_DRAGS: ReadonlyMap<string, Point> = new Map();

/** Below this zoom the map is an overview: it is drawn without the card shadows and cell textures
 * that make every zoom step slow to paint (see `.zoom-far` in styles.css and docs/benchmarks.md). */
const FAR_ZOOM = 0.5;

/** What the frozen headers cover of the pane; "Fit the map" and the selected card keep clear of it. */
const HEADERS = { left: LANE_HEADER_W, top: STAGE_HEADER_H };
/** "Fit the map" never enlarges a small map past its natural size. */
const FIT_ZOOM: [number, number] = [0.15, 1];

const isTyping = (el: Element | null) => !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || (el as HTMLElement).isContentEditable);

function Canvas() {
  const t = useT();
  const { store, actions } = useEditor();
  const flow = useReactFlow();
  const wrapper = useRef<HTMLDivElement>(null);
  const selectors = useMemo(() => ({ grid: createGridSelector(), nodes: createNodesSelector(), edges: createEdgesSelector() }), []);
  // The live map, or a version opened from the history (read-only): the read model decides.
  const fullJourney = useStore(store, shownJourney);
  const session = useStore(store, (s) => s.session);
  // A filter hides lanes and cards from this tab only; the same card objects are kept.
  const journey = useMemo(() => filterJourney(fullJourney, session.filter), [fullJourney, session.filter]);
  // Others drag cards of the live map: not of a version shown instead of it.
  const remoteDrag = useStore(store, (s) => (s.session.viewing ? NOBODY_DRAGS : s.presence.dragging));
  const readOnly = isReadOnly(session);
  // Re-renders only when the zoom crosses FAR_ZOOM, not at every step.
  const far = useFlowStore((s) => s.transform[2] < FAR_ZOOM);
  const grid = selectors.grid(journey);
  const nodes: Node[] = selectors.nodes(journey, grid, session, remoteDrag);
  // Links get their accessible names and the line of visibility they cross (linkEdges.ts).
  const nameLinks = useMemo(() => createLinkNamer(), []);
  const linkEdges = nameLinks(selectors.edges(journey, grid, session), journey, grid, t);
  const linking = useLinking(store, actions, t);
  // The department lens adds the hand-offs along the customer's path.
  const edges = useMemo(
    () =>
      session.lens === 'department'
        ? [
            ...linkEdges,
            ...handoffs(journey).map(({ from, to }) => ({
              id: `handoff:${from.id}->${to.id}`,
              source: from.id,
              target: to.id,
              type: 'handoff' as const,
              label: `${from.department} → ${to.department}`,
              selected: false,
              selectable: false,
              zIndex: LINK_Z,
              data: { label: `${from.department} → ${to.department}` },
            })),
          ]
        : linkEdges,
    [linkEdges, journey, session.lens],
  );

  const api = useMemo<CanvasApi>(() => {
    const currentGrid = () => selectors.grid(filterJourney(shownJourney(store.getState()), store.getState().session.filter));
    const focusCard: CanvasApi['focusCard'] = (id, options) => {
      // A viewer asking to edit only selects (focus.ts): then the card itself takes the focus.
      if (options?.edit) store.session.startEditing(id);
      else store.session.select([id]);
      const edit = store.getState().session.editing === id;
      const at = restingPosition(currentGrid(), id);
      const pane = wrapper.current?.getBoundingClientRect();
      if (at && pane) {
        const { x, y, zoom } = flow.getViewport();
        const left = at.x * zoom + x;
        const top = at.y * zoom + y;
        const hidden = left < LANE_HEADER_W || top < STAGE_HEADER_H || left + CARD_W * zoom > pane.width || top + CARD_H * zoom > pane.height;
        if (hidden) void flow.setCenter(at.x + CARD_W / 2, at.y + CARD_H / 2, { zoom, duration: 0 });
      }
      if (edit) return; // the editor focuses itself
      let frames = 0;
      const tryFocus = () => {
        const el = document.querySelector<HTMLElement>(`[data-card-id="${id}"]`);
        if (el) el.focus({ preventScroll: true });
        else if (frames++ < 30) requestAnimationFrame(tryFocus);
      };
      tryFocus();
    };
    return {
      grid: currentGrid,
      focusCard,
      addCardIn: (stageId, laneId, position) => {
        const id = actions.addCard(stageId, laneId, { position });
        if (id) focusCard(id, { edit: true });
      },
      linkFrom: linking.open,
    };
  }, [store, actions, flow, selectors, linking.open]);

  const onNodesChange = useCallback(
    (changes: NodeChange[]) => {
      const s = store.getState().session;
      let drag: Map<string, Point> | null = null;
      let selection: string[] | null = null;
      for (const change of changes) {
        switch (change.type) {
          case 'position':
            if (change.dragging && change.position) {
              drag ??= new Map(s.drag ?? []);
              drag.set(change.id, change.position);
            }
            break;
          case 'select':
            selection ??= [...s.selection];
            if (change.selected && !selection.includes(change.id)) selection.push(change.id);
            if (!change.selected) selection = selection.filter((id) => id !== change.id);
            break;
          case 'dimensions': // sizes are fixed by the layout
          case 'add':
          case 'remove': // deletion goes through our own commands
          case 'replace':
            break;
        }
      }
      if (drag) store.session.dragTo(drag);
      if (selection) store.session.select(selection);
    },
    [store],
  );

  const onNodeDragStop = useCallback(
    (_: unknown, node: Node, dragged: Node[]) => {
      const g = api.grid();
      const moving = dragged.filter((n) => n.type === 'card').map((n) => n.id);
      const target = cellAt(g, node.position.x + CARD_W / 2, node.position.y + CARD_H / 2);
      const lane = target && g.rows.find((r) => r.lane.id === target.laneId)?.lane;
      if (target && lane && lane.kind !== 'emotions' && !lane.collapsed) {
        const movingSet = new Set(moving);
        const order = (id: string) => g.slots.get(id)?.y ?? Number.MAX_SAFE_INTEGER;
        moving.sort((a, b) => (g.slots.get(a)?.x ?? 0) - (g.slots.get(b)?.x ?? 0) || order(a) - order(b));
        const rest = (g.cells.get(cellKey(target.stageId, target.laneId)) ?? []).filter((id) => !movingSet.has(id));
        actions.moveCards(moving, target.stageId, target.laneId, rankAt(g, target.laneId, node.position.y, rest.length));
      }
      store.session.endDrag();
    },
    [store, actions, api],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      for (const change of changes) {
        if (change.type === 'select') {
          if (change.selected) store.session.selectLink(change.id);
          else store.session.unselectLink(change.id);
        }
      }
    },
    [store],
  );

  const onPaneClick = useCallback(() => {
    store.session.clearFocus();
  }, [store]);

  const onNodeDoubleClick = useCallback(
    (_: unknown, node: Node) => {
      // A presented map shows no selection (the slide is read, not worked on).
      if (node.type === 'card' && store.getState().session.presenting === null) api.focusCard(node.id, { edit: true });
    },
    [api, store],
  );

  // Copy, cut and paste of cards, through the system clipboard so it works between maps and tabs.
  useEffect(() => {
    const selectionIfCanvas = () => {
      if (isTyping(document.activeElement)) return null;
      const sel = store.getState().session.selection;
      return sel.length ? sel : null;
    };
    const onCopy = (e: ClipboardEvent, cut: boolean) => {
      const sel = selectionIfCanvas();
      if (!sel) return;
      // From a version too: its cards can be pasted into the live map afterwards.
      const payload = copyCards(shownJourney(store.getState()), sel);
      if (!payload || !e.clipboardData) return;
      e.clipboardData.setData('text/plain', JSON.stringify(payload));
      e.preventDefault();
      if (cut && !isReadOnly(store.getState().session)) {
        actions.deleteCards(sel);
        store.session.clearSelection();
      }
    };
    const copy = (e: ClipboardEvent) => onCopy(e, false);
    const cut = (e: ClipboardEvent) => onCopy(e, true);
    const paste = (e: ClipboardEvent) => {
      if (isTyping(document.activeElement) || isReadOnly(store.getState().session)) return;
      const payload = parseClipboard(e.clipboardData?.getData('text/plain') ?? '');
      if (!payload) return;
      e.preventDefault();
      const { session: s, journey: j } = store.getState();
      // Paste lands right after the selected card, in its cell; with nothing selected, where it came from.
      const anchorId = s.selection[s.selection.length - 1];
      const anchor = anchorId ? j.cards.get(anchorId) : undefined;
      const rank = anchorId ? (api.grid().slots.get(anchorId)?.rank ?? -1) : -1;
      const ids = actions.pasteCards(payload, anchor ? { stageId: anchor.stageId, laneId: anchor.laneId, position: rank + 1 } : null);
      if (ids[0]) api.focusCard(ids[0]);
      store.session.select(ids);
    };
    document.addEventListener('copy', copy);
    document.addEventListener('cut', cut);
    document.addEventListener('paste', paste);
    return () => {
      document.removeEventListener('copy', copy);
      document.removeEventListener('cut', cut);
      document.removeEventListener('paste', paste);
    };
  }, [store, actions, api]);

  // Focusing a card outside the pane must not scroll React Flow's container (it would shift the map).
  useEffect(() => {
    const el = wrapper.current?.querySelector<HTMLElement>('.react-flow');
    if (!el) return;
    const reset = () => {
      if (el.scrollTop || el.scrollLeft) el.scrollTo(0, 0);
    };
    el.addEventListener('scroll', reset);
    return () => el.removeEventListener('scroll', reset);
  }, []);

  usePresenceTracking(wrapper);
  useKeepSelectedInView(grid, HEADERS);
  useLayerWhilePanning(wrapper);
  const fit = useCallback(() => {
    const { width = 0, height = 0 } = wrapper.current?.getBoundingClientRect() ?? {};
    if (width && height) void flow.setViewport(fitMap(selectors.grid(filterJourney(shownJourney(store.getState()), store.getState().session.filter)), { width, height, ...HEADERS }, FIT_ZOOM), { duration: 200 });
  }, [flow, selectors, store]);
  const stepAwayFromSpotlight = useSpotlight(wrapper, grid);

  // A panel asks to show a card (an open loop, say): bring it into view and focus it.
  useEffect(() => store.events.on('reveal', ({ cardId }) => api.focusCard(cardId)), [api, store]);

  // Presentation mode: the presented stage zoomed at the left of the pane, beside its summary, and
  // nothing to edit or move (PresentView, loaded with the first presentation; isReadOnly).
  const presenting = session.presenting;
  // Panning by hand stops following someone else's view.
  const onMoveStart = useCallback(
    (event: MouseEvent | TouchEvent | null) => {
      if (!event) return;
      store.session.stopFollowing();
      stepAwayFromSpotlight();
    },
    [store, stepAwayFromSpotlight],
  );

  const ariaLabelConfig = useMemo(
    () => ({
      'controls.ariaLabel': t('canvas.controls'),
      'controls.zoomIn.ariaLabel': t('canvas.zoomIn'),
      'controls.zoomOut.ariaLabel': t('canvas.zoomOut'),
      'handle.ariaLabel': t('link.handle'),
    }),
    [t],
  );

  return (
    <CanvasContext.Provider value={api}>
      <div
        className={`canvas${readOnly ? ' read-only' : ''}${session.lens ? ' lens-department' : ''}${far ? ' zoom-far' : ''}${session.viewing ? ' is-version' : ''}${session.compare ? ' is-comparing' : ''}${presenting !== null ? ' is-presenting' : ''}`}
        ref={wrapper}
        role="region"
        aria-label={t('canvas.label')}
      >
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onNodeDragStop={onNodeDragStop}
          onConnect={linking.onConnect}
          isValidConnection={linking.isValidConnection}
          onPaneClick={onPaneClick}
          onNodeDoubleClick={onNodeDoubleClick}
          onMoveStart={onMoveStart}
          nodesDraggable={!readOnly}
          nodesConnectable={!readOnly}
          elementsSelectable={presenting === null}
          panOnDrag={presenting === null}
          defaultViewport={DEFAULT_VIEWPORT}
          minZoom={0.15}
          maxZoom={2}
          panOnScroll={presenting === null}
          zoomOnScroll={false}
          zoomOnPinch={presenting === null}
          zoomOnDoubleClick={false}
          selectionKeyCode="Shift"
          multiSelectionKeyCode={MULTI_SELECT_KEYS}
          deleteKeyCode={null}
          disableKeyboardA11y
          nodeDragThreshold={4}
          onlyRenderVisibleElements
          elevateNodesOnSelect={false}
          ariaLabelConfig={ariaLabelConfig}
          proOptions={{ hideAttribution: true }}
        >
          <svg className="tp-defs" aria-hidden>
            <defs>
              <marker id="tp-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="10" orient="auto-start-reverse">
                <path d="M 0 0 L 10 5 L 0 10 z" fill={COLORS.link} />
              </marker>
            </defs>
          </svg>
          {grid.rows.some((r) => laneZone(r.lane) !== 'customer') && (
            <Suspense fallback={null}>
              <BlueprintLines grid={grid} />
            </Suspense>
          )}
          <FrozenHeaders grid={grid} />
          <SpotlightOverlay grid={grid} />
          <Cursors />
          {presenting !== null && (
            <Suspense fallback={null}>
              <PresentView grid={grid} at={presenting} wrapper={wrapper} />
            </Suspense>
          )}
          <Controls showInteractive={false} showFitView={false} position="bottom-right" orientation="horizontal">
            <ControlButton className="react-flow__controls-fitview" onClick={fit} aria-label={t('canvas.fitView')} title={t('canvas.fitView')}>
              <svg viewBox="0 0 32 30" aria-hidden>
                <path d="M3.7 4.6c0-.5.4-.9.9-.9h5.2V0H4.7C2.1 0 0 2.1 0 4.6v5.2h3.7V4.6zM27.4 0h-5.2v3.7h5.2c.5 0 1 .4 1 .9v5.2H32V4.6C32 2.1 29.9 0 27.4 0zm.9 24.8c0 .5-.4.9-.9.9h-5.2v3.8h5.2c2.6 0 4.6-2.1 4.6-4.7v-5.1h-3.7v5.1zm-23.7.9c-.5 0-.9-.4-.9-.9v-5.1H0v5.1c0 2.6 2.1 4.7 4.7 4.7h5.1v-3.8H4.6z" />
              </svg>
            </ControlButton>
          </Controls>
        </ReactFlow>
        <LinkPickerHost from={linking.from} close={linking.close} />
      </div>
    </CanvasContext.Provider>
  );
}

export type { CanvasNode };

export function JourneyCanvas() {
  return (
    <ReactFlowProvider>
      <Canvas />
    </ReactFlowProvider>
  );
}
