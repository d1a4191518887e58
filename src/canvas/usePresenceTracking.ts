// Tells the others where this tab's cursor and viewport are, and follows the person this tab
// follows (the facilitator's "follow me"): their view's centre and zoom, until this tab pans itself.
import { useEffect, type RefObject } from 'react';
import { useReactFlow, useStoreApi, type ReactFlowState } from '@xyflow/react';
import { useStore } from 'zustand';
import { useEditor } from '../store/context';

export function usePresenceTracking(wrapper: RefObject<HTMLDivElement | null>) {
  const { store, presence } = useEditor();
  const flow = useReactFlow();
  const flowStore = useStoreApi();
  const following = useStore(store, (s) => s.session.following);
  const leader = useStore(store, (s) => (following === null ? null : (s.presence.peers.get(following)?.viewport ?? null)));

  // Cursor, in map coordinates.
  useEffect(() => {
    const el = wrapper.current;
    if (!el) return;
    // Over a version shown from the history, the cursor points at no place of the others' live map.
    const move = (e: PointerEvent) => presence({ cursor: store.getState().session.viewing ? null : flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }) });
    const leave = () => presence({ cursor: null });
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerleave', leave);
    return () => {
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerleave', leave);
    };
  }, [wrapper, flow, presence, store]);

  // Viewport, for whoever follows this tab. Read from React Flow's store as it changes, never
  // subscribed to in render: that re-rendered the whole canvas, and measured the pane (a forced
  // layout), at every frame of a pan or zoom.
  useEffect(() => {
    const send = ({ transform: [x, y, zoom], width, height }: ReactFlowState) => presence({ viewport: { x, y, zoom, width, height } });
    send(flowStore.getState());
    return flowStore.subscribe((s, prev) => {
      if (s.transform !== prev.transform || s.width !== prev.width || s.height !== prev.height) send(s);
    });
  }, [flowStore, presence]);

  // Following: show what the leader sees, centred the same, at their zoom.
  useEffect(() => {
    const rect = wrapper.current?.getBoundingClientRect();
    if (!leader || !rect) return;
    const centreX = (leader.width / 2 - leader.x) / leader.zoom;
    const centreY = (leader.height / 2 - leader.y) / leader.zoom;
    void flow.setViewport({ x: rect.width / 2 - centreX * leader.zoom, y: rect.height / 2 - centreY * leader.zoom, zoom: leader.zoom });
  }, [leader, flow, wrapper]);

  // The leader left: stop following.
  useEffect(() => {
    if (following !== null && !store.getState().presence.peers.has(following)) store.session.stopFollowing();
  });
}
