// Who is here and how this tab is connected: the connection state (always visible), the people on
// the map (click one to follow their view, or yourself to change your name), and the share button.
import { useEditor, usePresence, useSession } from '../store/context';
import type { ConnectionState } from '../store/store';
import { useT, type MessageKey } from '../i18n';
import { initials } from './identity';
import { Icon } from '../views/Icon';
import type { IconName } from '../views/icons';

const STATES: Record<ConnectionState, { icon: IconName; label: MessageKey }> = {
  local: { icon: 'save', label: 'connection.local' },
  connecting: { icon: 'refresh', label: 'connection.connecting' },
  connected: { icon: 'dot', label: 'connection.connected' },
  offline: { icon: 'warning', label: 'connection.offline' },
  denied: { icon: 'ban', label: 'connection.denied' },
  outdated: { icon: 'refresh', label: 'connection.outdated' },
};

/** `me.unnamed`: a numbered guest who has not named themselves (nobody is asked on arriving): the avatar says how to. */
export function PresenceBar({ me, onShare, onRename }: { me: { name: string; color: string; unnamed?: boolean } | null; onShare(): void; onRename(): void }) {
  const t = useT();
  const { store } = useEditor();
  const connection = useSession((s) => s.connection);
  const unsent = useSession((s) => s.unsent);
  // Only the server's word makes this "saved": it confirms each change once it is on its disk.
  const saved = useSession((s) => s.saved);
  const following = useSession((s) => s.following);
  const role = useSession((s) => s.role);
  const peers = usePresence((p) => p.peers);
  const deniedCode = useSession((s) => s.deniedCode);
  // A malformed message or a too-large change stops syncing, but it is no matter of access.
  const state = connection === 'denied' && (deniedCode === 4400 || deniedCode === 4413) ? { ...STATES.denied, label: 'connection.stopped' as const } : STATES[connection];
  return (
    <div className="presence-bar">
      <span className={`connection connection-${connection}`} role="status" title={unsent ? t('connection.unsent') : undefined}>
        <Icon name={state.icon} /> {t(state.label)}
        {unsent && connection !== 'connected' ? ` · ${t('connection.unsent')}` : ''}
        {connection === 'connected' && role === 'edit' ? ` · ${t(saved ? 'connection.saved' : 'connection.saving')}` : ''}
      </span>
      {role === 'view' && <span className="badge-view"><Icon name="eye" /> {t('presence.viewOnly')}</span>}
      {role === 'comment' && <span className="badge-view" title={t('comments.roleHint')}><Icon name="comment" /> {t('comments.role')}</span>}
      <ul className="people" aria-label={t('presence.here')}>
        {me && (
          <li>
            {/* One button, named or not: naming oneself gives the focus back to it (Dialog). */}
            <button
              type="button"
              className={me.unnamed ? 'person-unnamed' : 'person me'}
              style={me.unnamed ? undefined : { background: me.color }}
              title={t(me.unnamed ? 'presence.setName' : 'presence.changeName', { name: me.name })}
              aria-label={t(me.unnamed ? 'presence.setName' : 'presence.changeName', { name: me.name })}
              onClick={onRename}
            >
              {me.unnamed ? (
                <>
                  <span className="person me" style={{ background: me.color }} aria-hidden>
                    {initials(me.name)}
                  </span>
                  <span className="person-unnamed-text" aria-hidden>
                    {role === 'view' ? me.name : t('presence.setNameShort')}
                  </span>
                </>
              ) : (
                initials(me.name)
              )}
            </button>
          </li>
        )}
        {[...peers.values()].map((peer) => (
          <li key={peer.clientId}>
            <button
              type="button"
              className={`person${following === peer.clientId ? ' is-followed' : ''}`}
              style={{ background: peer.color }}
              aria-pressed={following === peer.clientId}
              aria-label={t(following === peer.clientId ? 'presence.unfollow' : 'presence.follow', { name: peer.name })}
              title={t(following === peer.clientId ? 'presence.unfollow' : 'presence.follow', { name: peer.name })}
              onClick={() => store.session.toggleFollow(peer.clientId)}
            >
              {initials(peer.name)}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="btn btn-primary" onClick={onShare}>
        <Icon name="link" /> {t('share.button')}
      </button>
    </div>
  );
}
