// Tells the others where this tab's cursor and viewport are, and follows the person this tab
// follows (the facilitator's "follow me"): their view's centre and zoom, until this tab pans itself.
import { useEffect, type RefObject } from 'react';
import { useReactFlow, useStore as useFlowStore } from '@xyflow/react';
import { useStore } from 'zustand';
import { useEditor } from '../store/context';

export function usePresenceTracking(wrapper: RefObject<HTMLDivElement | null>) {
  const { store, presence } = useEditor();
  const flow = useReactFlow();
  const transform = useFlowStore((s) => s.transform);
  const following = useStore(store, (s) => s.session.following);
  const leader = useStore(store, (s) => (following === null ? null : (s.presence.peers.get(following)?.viewport ?? null)));

  // Cursor, in map coordinates.
  useEffect(() => {
    const el = wrapper.current;
    if (!el) return;
    const move = (e: PointerEvent) => presence({ cursor: flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }) });
    const leave = () => presence({ cursor: null });
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerleave', leave);
    return () => {
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerleave', leave);
    };
  }, [wrapper, flow, presence]);

  // Viewport, for whoever follows this tab.
  useEffect(() => {
    const rect = wrapper.current?.getBoundingClientRect();
    if (rect) presence({ viewport: { x: transform[0], y: transform[1], zoom: transform[2], width: rect.width, height: rect.height } });
  }, [transform, wrapper, presence]);

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
    if (following !== null && !store.getState().presence.peers.has(following)) store.getState().setSession({ following: null });
  });
}
