// Presence (Yjs awareness): what this tab tells the others (name, colour, cursor, selection, the card
// being edited or dragged, the viewport), and bindAwareness, the one writer of store.presence.
// Synced, never saved.
import type { Awareness } from 'y-protocols/awareness';
import type { Peer, PeerMark, Point, Presence, Viewport } from '../store/store';

export interface LocalPresence {
  name: string;
  color: string;
  cursor: Point | null;
  selection: readonly string[];
  editing: string | null;
  drag: Readonly<Record<string, Point>> | null;
  viewport: Viewport | null;
  /** The public participant id of this browser (workshops: who facilitates, who asks). */
  participantId: string | null;
  /** Whether this tab edits or only views (a viewer is never offered the facilitator role). */
  role: 'edit' | 'view';
  /** This person asks the facilitator to hand the role over (since `at`). */
  ask: { at: number } | null;
  /** The facilitator's answer to someone's ask. */
  answer: { to: string; accepted: boolean; at: number } | null;
}

export type PresenceWriter = (patch: Partial<LocalPresence>) => void;

/** Writes presence at most every `intervalMs` (the last value wins): a cursor moved at 60 Hz is
 * sent at ~25 Hz, well inside the server's message rate. */
export function presenceWriter(awareness: Awareness, intervalMs = 40): PresenceWriter {
  let pending: Partial<LocalPresence> | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    if (!pending) return;
    const current = (awareness.getLocalState() ?? {}) as Partial<LocalPresence>;
    awareness.setLocalState({ ...current, ...pending });
    pending = null;
  };
  return (patch) => {
    pending = { ...pending, ...patch };
    timer ??= setTimeout(flush, intervalMs);
  };
}

const str = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : '');
const point = (v: unknown): Point | null => {
  const p = v as Point | null;
  return p && Number.isFinite(p.x) && Number.isFinite(p.y) ? { x: p.x, y: p.y } : null;
};

/** Another tab's presence, checked: it comes from anyone and is shown to everyone. */
function readPeer(clientId: number, state: Record<string, unknown>): Peer | null {
  const name = str(state.name, 60);
  if (!name) return null;
  const color = /^#[0-9a-fA-F]{6}$/.test(str(state.color, 7)) ? str(state.color, 7) : '#64748b';
  const selection = Array.isArray(state.selection) ? state.selection.filter((s): s is string => typeof s === 'string').slice(0, 500) : [];
  const drag: Record<string, Point> = {};
  if (state.drag && typeof state.drag === 'object') {
    for (const [id, p] of Object.entries(state.drag as Record<string, unknown>).slice(0, 500)) {
      const at = point(p);
      if (at) drag[id] = at;
    }
  }
  const v = state.viewport as Viewport | null;
  const viewport = v && [v.x, v.y, v.zoom, v.width, v.height].every(Number.isFinite) && v.zoom > 0 ? v : null;
  const ask = state.ask as { at?: unknown } | null;
  const answer = state.answer as { to?: unknown; accepted?: unknown; at?: unknown } | null;
  return {
    clientId,
    name,
    color,
    participantId: typeof state.participantId === 'string' ? state.participantId.slice(0, 64) : null,
    role: state.role === 'view' ? 'view' : 'edit',
    ask: ask && Number.isFinite(ask.at) ? { at: ask.at as number } : null,
    answer: answer && typeof answer.to === 'string' && typeof answer.accepted === 'boolean' && Number.isFinite(answer.at) ? { to: answer.to, accepted: answer.accepted, at: answer.at as number } : null,
    cursor: point(state.cursor),
    selection,
    editing: typeof state.editing === 'string' ? state.editing : null,
    drag: Object.keys(drag).length ? drag : null,
    viewport,
  };
}

const sameMarks = (a: readonly PeerMark[], b: readonly PeerMark[]) =>
  a.length === b.length && a.every((m, i) => m.clientId === b[i]!.clientId && m.editing === b[i]!.editing && m.name === b[i]!.name && m.color === b[i]!.color);

export interface PresenceSink {
  getPresence(): Presence;
  setPresence(presence: Presence): void;
}

export function bindAwareness(awareness: Awareness, sink: PresenceSink): () => void {
  const update = () => {
    const prev = sink.getPresence();
    const peers = new Map<number, Peer>();
    const marks = new Map<string, PeerMark[]>();
    const dragging = new Map<string, Point>();
    awareness.getStates().forEach((state, clientId) => {
      if (clientId === awareness.clientID) return;
      const peer = readPeer(clientId, state);
      if (!peer) return;
      peers.set(clientId, peer);
      const mark = (id: string, editing: boolean) => {
        const list = marks.get(id) ?? [];
        list.push({ clientId, name: peer.name, color: peer.color, editing });
        marks.set(id, list);
      };
      for (const id of peer.selection) if (id !== peer.editing) mark(id, false);
      if (peer.editing) mark(peer.editing, true);
      if (peer.drag) for (const [id, at] of Object.entries(peer.drag)) dragging.set(id, at);
    });
    // Keep each card's marks array when it did not change, so only affected cards re-render.
    const byCard = new Map<string, readonly PeerMark[]>();
    for (const [id, list] of marks) {
      const old = prev.byCard.get(id);
      byCard.set(id, old && sameMarks(old, list) ? old : list);
    }
    const sameDragging = dragging.size === 0 && prev.dragging.size === 0;
    sink.setPresence({ peers, byCard, dragging: sameDragging ? prev.dragging : dragging });
  };
  awareness.on('change', update);
  update();
  return () => awareness.off('change', update);
}
