// One version in the history list: a button that shows when it was taken, its name (a named one
// stands out) or why the server took it, who edited since the one before and how many cards it had;
// it opens the version's actions below it (one version's at a time): open it read-only, compare it
// with now, restore it here or as a new map, export it, and for editors rename or delete it.
import { useLayoutEffect, useRef, useState } from 'react';
import { useFormat, useLocale, useT } from '../../i18n';
import type { Version } from '../../store/versionsClient';
import { Icon } from '../../views/Icon';
import type { HistoryActions } from './useHistoryActions';
import { NameForm } from './NameForm';
import { nameList, reasonText, versionName } from './versionWords';

interface Props {
  version: Version;
  expanded: boolean;
  onToggle(): void;
  /** This version is the one shown instead of the live map. */
  viewing: boolean;
  canEdit: boolean;
  busy: boolean;
  act: HistoryActions;
  onBackToLive(): void;
}

export function VersionItem({ version: v, expanded, onToggle, viewing, canEdit, busy, act, onBackToLive }: Props) {
  const t = useT();
  const format = useFormat();
  const locale = useLocale((s) => s.locale);
  const [renaming, setRenaming] = useState(false);
  const renameButton = useRef<HTMLButtonElement>(null);
  const name = versionName(t, format, v);
  const id = `version-${v.id}`;
  const stopRenaming = () => setRenaming(false);
  // The name field closed: focus goes back to the Rename button.
  const wasRenaming = useRef(false);
  useLayoutEffect(() => {
    if (wasRenaming.current && !renaming) renameButton.current?.focus();
    wasRenaming.current = renaming;
  }, [renaming]);
  return (
    <li className={`version${v.name ? ' is-named' : ''}${expanded ? ' is-open' : ''}${viewing ? ' is-viewing' : ''}`} data-version={v.id}>
      <button type="button" className="version-head" aria-expanded={expanded} aria-controls={id} onClick={onToggle}>
        <span className="version-title">
          {v.name ? (
            <>
              <Icon name="bookmark" /> <strong>{v.name}</strong>
            </>
          ) : (
            <span>{reasonText(t, v)}</span>
          )}
          {viewing && <span className="version-badge">{t('history.shown')}</span>}
        </span>
        <span className="version-meta">
          <time dateTime={new Date(v.createdAt).toISOString()}>{format.dateTime(v.createdAt)}</time> · {t('history.cards', { n: v.cards })}
        </span>
        {v.editors.length > 0 && <span className="version-editors">{t('history.editedBy', { names: nameList(locale, v.editors) })}</span>}
      </button>
      {expanded && (
        <div id={id} className="version-actions" role="group" aria-label={t('history.actionsFor', { name })}>
          {renaming ? (
            <NameForm
              initial={v.name ?? ''}
              label={t('history.nameLabel')}
              saveLabel={t('history.save')}
              busy={busy}
              onSave={(changed) => void act.rename(v, changed).then((ok) => ok && stopRenaming())}
              onCancel={stopRenaming}
            />
          ) : (
            <>
              <div className="version-row">
                {viewing ? (
                  <button type="button" className="btn btn-primary" onClick={onBackToLive}>
                    <Icon name="back" /> {t('history.backToLive')}
                  </button>
                ) : (
                  <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void act.open(v)}>
                    <Icon name="eye" /> {t('history.open')}
                  </button>
                )}
                <button type="button" className="btn" disabled={busy} onClick={() => void act.compareWithNow(v)}>
                  <Icon name="compare" /> {t('history.compareWithNow')}
                </button>
              </div>
              {canEdit && (
                <div className="version-row">
                  <button type="button" className="btn" disabled={busy} onClick={() => void act.restore(v)}>
                    <Icon name="undo" /> {t('history.restore')}
                  </button>
                  <button type="button" className="btn" disabled={busy} onClick={() => void act.copy(v)}>
                    <Icon name="copy" /> {t('history.restoreAsCopy')}
                  </button>
                </div>
              )}
              <div className="version-row version-export" role="group" aria-label={t('history.export')}>
                <span className="muted small" aria-hidden>
                  {t('history.export')}
                </span>
                <button type="button" className="btn btn-small" disabled={busy} aria-label={t('history.exportJson')} onClick={() => void act.exportAs(v, 'json')}>
                  {'{ }'} JSON
                </button>
                <button type="button" className="btn btn-small" disabled={busy} aria-label={t('history.exportPng')} onClick={() => void act.exportAs(v, 'png')}>
                  <Icon name="image" /> PNG
                </button>
                <button type="button" className="btn btn-small" disabled={busy} aria-label={t('history.print')} onClick={() => void act.exportAs(v, 'print')}>
                  <Icon name="printer" /> {t('history.printShort')}
                </button>
              </div>
              {canEdit && (
                <div className="version-row version-tail">
                  <button ref={renameButton} type="button" className="btn btn-ghost" disabled={busy} onClick={() => setRenaming(true)}>
                    <Icon name="pencil" /> {t(v.name ? 'history.rename' : 'history.nameThis')}
                  </button>
                  {v.name && (
                    <button type="button" className="btn btn-ghost danger" disabled={busy} onClick={() => void act.remove(v)}>
                      <Icon name="trash" /> {t('common.delete')}
                    </button>
                  )}
                </div>
              )}
            </>
          )}
        </div>
      )}
    </li>
  );
}
