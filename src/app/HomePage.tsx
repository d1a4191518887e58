// The home page: the maps this browser has (open, rename, future-state copy, delete) and new maps
// from a blank page or a template.
import { useState } from 'react';
import { newId } from '../journey/ids';
import { TEMPLATE_IDS, type TemplateId } from '../journey/templateIds';
import { withLaterWords } from '../i18n/later';
import { translate, useFormat, useLocale, useT } from '../i18n';
import { askConfirm } from '../panels/confirm';
import { EditableText } from '../panels/EditableText';
import { LanguageSwitcher } from '../panels/LanguageSwitcher';
import { useMapIndex, type MapEntry } from './mapIndex';
import { ApiError, createMapOnServer, deleteMapOnServer, duplicateMapOnServer } from './api';
import { importAsNewMap } from './importMap';
import { importErrorText, readMapFile, repairText } from '../panels/mapFile';
import { errorReason } from '../panels/serverErrors';
import { copyStoredMap, createStoredMap, deleteStoredMap, renameStoredMap } from './room';
import { Icon } from '../views/Icon';
import type { IconName } from '../views/icons';

const TEMPLATE_ICONS: Record<TemplateId, IconName> = { blank: 'file', currentJourney: 'map', serviceBlueprint: 'blocks', futureJourney: 'future' };

export function HomePage({ onOpen }: { onOpen(id: string): void }) {
  const t = useT();
  const format = useFormat();
  const locale = useLocale((s) => s.locale);
  const { maps, upsert, remove: forget } = useMapIndex();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (e) {
      if (e instanceof ApiError) setError(e.status === 0 ? t('editor.linkUnreachable') : t('home.serverError', { reason: errorReason(t, e, format) }));
      else setError(t('home.storageError', { reason: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };

  // New maps are made and seeded by the server; with no server in reach, in this browser only.
  const create = (template: TemplateId) =>
    run(async () => {
      // The templates and their words load when a map is made: the server seeds it, this copy gives
      // its title (and the map itself with no server in reach).
      const { instantiateTemplate } = await withLaterWords(import('../journey/templates'));
      const journey = instantiateTemplate(template, (k) => translate(locale, k), locale, Date.now());
      try {
        const made = await createMapOnServer(template, locale);
        upsert({ id: made.id, title: journey.meta.title, variant: journey.meta.variant, key: made.editKey, role: 'edit', viewKey: made.viewKey });
        onOpen(made.id);
      } catch (error) {
        if (!(error instanceof ApiError) || error.status !== 0) throw error;
        const id = newId();
        await createStoredMap(id, journey);
        upsert({ id, title: journey.meta.title, variant: journey.meta.variant });
        setNotice(t('home.createdLocally'));
        onOpen(id);
      }
    });

  const futureCopy = (m: MapEntry) =>
    run(async () => {
      const title = t('home.futureTitle', { title: m.title || t('map.untitled') });
      if (m.key && m.role === 'edit') {
        const made = await duplicateMapOnServer(m.id, m.key, { title, variant: 'future' });
        upsert({ id: made.id, title, variant: 'future', key: made.editKey, role: 'edit', viewKey: made.viewKey });
      } else {
        const id = newId();
        await copyStoredMap(m.id, id, { title, variant: 'future' });
        upsert({ id, title, variant: 'future' });
      }
    });

  const remove = (m: MapEntry) =>
    run(async () => {
      const title = m.title || t('map.untitled');
      if (!(await askConfirm(t('home.deleteTitle'), t('home.deleteMessage', { title }), t('common.delete')))) return;
      // A map shared from a server is deleted there (for everyone) by its editors.
      if (m.key && m.role === 'edit') await deleteMapOnServer(m.id, m.key);
      await deleteStoredMap(m.id);
      forget(m.id);
    });

  return (
    <main className="home" aria-busy={busy}>
      <header className="home-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden>
            <Icon name="diamond" />
          </span>{' '}
          Touchpoint
        </div>
        <p className="home-tagline">{t('home.tagline')}</p>
        <LanguageSwitcher />
      </header>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {error && (
        <p className="notice error" role="alert">
          {error}
        </p>
      )}
      <section aria-labelledby="new-map">
        <h2 id="new-map">{t('home.new')}</h2>
        <ul className="templates">
          {TEMPLATE_IDS.map((id) => (
            <li key={id}>
              <button type="button" className="template" disabled={busy} onClick={() => create(id)}>
                <span className="template-icon" aria-hidden>
                  <Icon name={TEMPLATE_ICONS[id]} />
                </span>
                <strong>{t(`home.template.${id}`)}</strong>
                <span className="muted">{t(`home.template.${id}.about`)}</span>
              </button>
            </li>
          ))}
        </ul>
      </section>
      <label className="btn import-file">
        <Icon name="upload" /> {t('home.import')}
        <input
          type="file"
          accept=".json,application/json"
          className="sr-only"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (!file) return;
            void run(async () => {
              const read = await readMapFile(file);
              if (!read.ok) return setError(importErrorText(t, read.error, format));
              if (read.repairs.length) setNotice(`${t('import.repaired', { n: read.repairs.length })} ${read.repairs.map((r) => repairText(t, r)).join('; ')}`);
              onOpen(await importAsNewMap(JSON.parse(await file.text())));
            });
          }}
        />
      </label>
      <section aria-labelledby="your-maps">
        <h2 id="your-maps">{t('home.maps')}</h2>
        {maps.length === 0 ? (
          <p className="muted">{t('home.none')}</p>
        ) : (
          <ul className="map-list">
            {maps.map((m) => (
              <li key={m.id} className="map-item">
                <a className="map-open" href={`#/map/${m.id}`} aria-label={t('home.open', { title: m.title || t('map.untitled') })}>
                  <span className={`variant-dot ${m.variant}`} aria-hidden>
                    <Icon name={m.variant === 'future' ? 'future' : 'mapPin'} />
                  </span>
                </a>
                <div className="map-item-main">
                  <EditableText
                    value={m.title}
                    label={t('home.rename')}
                    placeholder={t('map.untitled')}
                    className="map-item-title"
                    editing={renaming === m.id}
                    onClose={() => setRenaming(null)}
                    onSave={(title) =>
                      run(async () => {
                        await renameStoredMap(m.id, title);
                        upsert({ id: m.id, title });
                      })
                    }
                  />
                  <span className="muted small">
                    {t(m.variant === 'future' ? 'map.future' : 'map.current')} · {t('home.updated', { date: format.dateTime(m.updatedAt) })}
                  </span>
                </div>
                <div className="map-item-actions">
                  <a className="btn" href={`#/map/${m.id}`}>
                    {t('home.openShort')}
                  </a>
                  <button type="button" className="btn btn-ghost" aria-label={t('home.renameTitle', { title: m.title || t('map.untitled') })} disabled={busy} onClick={() => setRenaming(m.id)}>
                    <Icon name="pencil" /> {t('home.renameShort')}
                  </button>
                  <button
                    type="button"
                    className="btn btn-ghost"
                    disabled={busy}
                    onClick={() => futureCopy(m)}
                  >
                    <Icon name="future" /> {t('home.futureCopy')}
                  </button>
                  <button
                    type="button"
                    className="btn btn-ghost danger"
                    aria-label={t('home.delete', { title: m.title || t('map.untitled') })}
                    disabled={busy}
                    onClick={() => remove(m)}
                  >
                    <Icon name="trash" /> {t('common.delete')}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
