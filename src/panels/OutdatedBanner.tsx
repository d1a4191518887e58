// Says that the map's document is of another version than this tab's app (the session's connection
// is `outdated`, set by src/app/room.ts on a 4426 or 4428 close, or when this browser's copy is
// newer): the tab has stopped syncing and is read-only, and a reload brings the app that speaks the
// map's version. The live region is always there, so a screen reader announces the banner when it
// appears.
import { useSession } from '../store/context';
import { useT } from '../i18n';
import { Icon } from '../views/Icon';

export function OutdatedBanner({ onReload }: { onReload(): void }) {
  const t = useT();
  const outdated = useSession((s) => s.connection === 'outdated');
  // 4428: the server runs an older version than this tab (a server rolled back).
  const serverOlder = useSession((s) => s.deniedCode === 4428);
  return (
    <div className="outdated-region" aria-live="polite">
      {outdated && (
        <p className="notice outdated">
          <Icon name="refresh" /> {t(serverOlder ? 'versions.serverOlder' : 'versions.outdated')}{' '}
          <button type="button" className="btn" onClick={onReload}>
            {t('versions.reload')}
          </button>
        </p>
      )}
    </div>
  );
}
