// Other people's cursors, drawn in map coordinates (inside the viewport), so they point at the same
// card at any zoom; counter-scaled so they keep their size.
import { ViewportPortal, useStore } from '@xyflow/react';
import { COLORS } from '../views/theme';
import { usePresence, useSession } from '../store/context';
import type { Peer } from '../store/store';

export function Cursors() {
  const peers = usePresence((p) => p.peers);
  // Others point at the live map, not at a version shown instead of it.
  const viewing = useSession((s) => s.viewing !== null);
  if (viewing) return null;
  // Alone on the map (the usual case), nothing follows the zoom: the portal and the counter-scaling
  // would otherwise work at every frame of a pan or zoom.
  return [...peers.values()].some((peer) => peer.cursor) ? <PeerCursors peers={peers} /> : null;
}

function PeerCursors({ peers }: { peers: ReadonlyMap<number, Peer> }) {
  const zoom = useStore((s) => s.transform[2]);
  return (
    <ViewportPortal>
      {[...peers.values()].map((peer) =>
        peer.cursor ? (
          <div
            key={peer.clientId}
            className="cursor"
            aria-hidden
            style={{ transform: `translate(${peer.cursor.x}px, ${peer.cursor.y}px) scale(${1 / zoom})`, color: peer.color }}
          >
            <svg width="18" height="18" viewBox="0 0 18 18">
              <path d="M1 1 L17 7 L9 9 L7 17 Z" fill="currentColor" stroke={COLORS.inverse} strokeWidth="1.5" />
            </svg>
            <span className="cursor-name" style={{ background: peer.color }}>
              {peer.name}
            </span>
          </div>
        ) : null,
      )}
    </ViewportPortal>
  );
}
