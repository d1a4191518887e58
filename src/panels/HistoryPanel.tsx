// The history panel: the map's versions as the server keeps them, newest first, and what can be done
// with one (history/VersionItem.tsx); "Name this version" for editors; for a future-state copy,
// "Compare with the current state"; and the running comparison as a list (history/CompareSection).
// Loaded when it first opens (most sessions never open it). The map shown instead of the live one
// and the marks on cards are session state (`viewVersion`, `compareWith`): the canvas draws them.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { useT } from '../i18n';
import { useEditor, useSession } from '../store/context';
import type { VersionsClient } from '../store/versionsClient';
import { Icon } from '../views/Icon';
import { CompareSection } from './history/CompareSection';
import { forMap, useHistory } from './history/historyStore';
import { NameForm } from './history/NameForm';
import { useHistoryActions } from './history/useHistoryActions';
import { VersionItem } from './history/VersionItem';
import { useFocusFallback } from './workshop/useFocusFallback';

interface Props {
  mapId: string;
  /** None for a map kept only in this browser: the server keeps the versions of shared maps. */
  client: VersionsClient | null;
}

/** The toolbar's History button: where focus goes when the panel closes. */
export const focusHistoryButton = () => document.querySelector<HTMLElement>('.toolbar [data-panel="history"]')?.focus();

export function HistoryPanel({ mapId, client }: Props) {
  forMap(mapId);
  const t = useT();
  const { store } = useEditor();
  const act = useHistoryActions(client);
  const versions = useHistory((s) => s.versions);
  const busy = useHistory((s) => s.busy);
  const error = useHistory((s) => s.error);
  const notice = useHistory((s) => s.notice);
  const canEdit = useSession((s) => s.role === 'edit');
  const viewing = useSession((s) => s.viewing?.id ?? null);
  const compare = useSession((s) => s.compare);
  const future = useStore(store, (s) => s.journey.meta.variant === 'future');
  const [expanded, setExpanded] = useState<string | null>(null);
  const [naming, setNaming] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const nameButton = useRef<HTMLButtonElement>(null);
  // A button that went away with what it did (a deleted version, the end of a comparison): focus
  // goes to the panel's heading, never to the page.
  useFocusFallback(heading, [versions, expanded, viewing, compare === null, naming]);
  // The name field closed (saved or cancelled): focus goes back to the button that opened it. Back
  // from a version to the live map: to that version in the list.
  const before = useRef({ naming, viewing });
  useLayoutEffect(() => {
    const was = before.current;
    before.current = { naming, viewing };
    const lost = () => document.activeElement === document.body || document.activeElement === heading.current;
    if (was.naming && !naming) nameButton.current?.focus();
    else if (was.viewing && !viewing && lost()) document.querySelector<HTMLElement>(`.history-panel [data-version="${CSS.escape(was.viewing)}"] .version-head`)?.focus();
  }, [naming, viewing]);
  useEffect(() => {
    void act.refresh();
  }, [act]);
  const close = () => {
    store.session.closePanel();
    focusHistoryButton();
  };
  const backToLive = () => store.session.backToLive();
  return (
    <aside className="side-panel history-panel" aria-label={t('history.title')} onKeyDown={(e) => e.key === 'Escape' && !e.defaultPrevented && close()}>
      <div className="side-panel-head">
        <h2 ref={heading} tabIndex={-1}>
          <Icon name="history" /> {t('history.title')}
        </h2>
        <span>
          <button type="button" className="icon-btn" aria-label={t('history.refresh')} title={t('history.refresh')} disabled={!client || busy} onClick={() => void act.refresh()}>
            <Icon name="refresh" />
          </button>
          <button type="button" className="icon-btn" aria-label={t('common.close')} onClick={close}>
            <Icon name="close" />
          </button>
        </span>
      </div>
      {error && (
        <p className="notice error history-message" role="alert">
          {error}
        </p>
      )}
      <p className="history-notice" role="status">
        {notice}
      </p>
      {compare && <CompareSection compare={compare} onStop={act.stopComparing} />}
      {!client ? (
        <p className="muted">{t('history.localOnly')}</p>
      ) : (
        <>
          <p className="muted small">{t('history.hint')}</p>
          <div className="history-tools">
            {/* "Now" is the live map: named from it, not from a version shown instead of it. */}
            {canEdit &&
              !viewing &&
              (naming ? (
                <NameForm
                  label={t('history.nameLabel')}
                  saveLabel={t('history.nameNow')}
                  busy={busy}
                  onSave={(name) => void act.name(name).then((ok) => ok && setNaming(false))}
                  onCancel={() => setNaming(false)}
                />
              ) : (
                <button ref={nameButton} type="button" className="btn btn-primary" disabled={busy} onClick={() => setNaming(true)}>
                  <Icon name="bookmark" /> {t('history.nameNow')}
                </button>
              ))}
            {future && (
              <button type="button" className="btn" disabled={busy} onClick={() => void act.compareWithSource()}>
                <Icon name="compare" /> {t('history.compareWithSource')}
              </button>
            )}
          </div>
          {versions === null ? (
            <p className="muted">{t('history.loading')}</p>
          ) : versions.length === 0 ? (
            <p className="muted">{t('history.none')}</p>
          ) : (
            <ul className="version-list" aria-label={t('history.versions')} aria-busy={busy}>
              {versions.map((v) => (
                <VersionItem
                  key={v.id}
                  version={v}
                  expanded={expanded === v.id}
                  onToggle={() => setExpanded(expanded === v.id ? null : v.id)}
                  viewing={viewing === v.id}
                  canEdit={canEdit}
                  busy={busy}
                  act={act}
                  onBackToLive={backToLive}
                />
              ))}
            </ul>
          )}
        </>
      )}
    </aside>
  );
}
