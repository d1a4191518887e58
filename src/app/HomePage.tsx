// The home page: the maps this browser has (open, rename, future-state copy, delete) and new maps
// from a blank page or a template.
import { useState } from 'react';
import { newId } from '../journey/ids';
import { instantiateTemplate, TEMPLATE_IDS, type TemplateId } from '../journey/templates';
import { translate, useLocale, useT, type MessageKey } from '../i18n';
import { askConfirm } from '../panels/confirm';
import { EditableText } from '../panels/EditableText';
import { LanguageSwitcher } from '../panels/LanguageSwitcher';
import { useMapIndex } from './mapIndex';
import { copyStoredMap, createStoredMap, deleteStoredMap, renameStoredMap } from './room';

const TEMPLATE_ICONS: Record<TemplateId, string> = { blank: '📄', currentJourney: '🗺️', serviceBlueprint: '🏗️', futureJourney: '🔮' };

export function HomePage({ onOpen }: { onOpen(id: string): void }) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const { maps, upsert, remove } = useMapIndex();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(t('home.storageError', { reason: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };

  const create = (template: TemplateId) =>
    run(async () => {
      const id = newId();
      const journey = instantiateTemplate(template, (k) => translate(locale, k), locale, Date.now());
      await createStoredMap(id, journey);
      upsert({ id, title: journey.meta.title, variant: journey.meta.variant });
      onOpen(id);
    });

  return (
    <main className="home" aria-busy={busy}>
      <header className="home-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden>
            ◆
          </span>{' '}
          Touchpoint
        </div>
        <p className="home-tagline">{t('home.tagline')}</p>
        <LanguageSwitcher />
      </header>
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
                  {TEMPLATE_ICONS[id]}
                </span>
                <strong>{t(`home.template.${id}` as MessageKey)}</strong>
                <span className="muted">{t(`home.template.${id}.about` as MessageKey)}</span>
              </button>
            </li>
          ))}
        </ul>
      </section>
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
                    {m.variant === 'future' ? '🔮' : '📍'}
                  </span>
                </a>
                <div className="map-item-main">
                  <EditableText
                    value={m.title}
                    label={t('home.rename')}
                    placeholder={t('map.untitled')}
                    className="map-item-title"
                    onSave={(title) =>
                      run(async () => {
                        await renameStoredMap(m.id, title);
                        upsert({ id: m.id, title });
                      })
                    }
                  />
                  <span className="muted small">
                    {t(m.variant === 'future' ? 'map.future' : 'map.current')} · {t('home.updated', { date: new Date(m.updatedAt).toLocaleString(locale) })}
                  </span>
                </div>
                <div className="map-item-actions">
                  <a className="btn" href={`#/map/${m.id}`}>
                    {t('home.openShort')}
                  </a>
                  <button
                    type="button"
                    className="btn btn-ghost"
                    disabled={busy}
                    onClick={() =>
                      run(async () => {
                        const id = newId();
                        const title = t('home.futureTitle', { title: m.title || t('map.untitled') });
                        await copyStoredMap(m.id, id, { title, variant: 'future' });
                        upsert({ id, title, variant: 'future' });
                      })
                    }
                  >
                    🔮 {t('home.futureCopy')}
                  </button>
                  <button
                    type="button"
                    className="btn btn-ghost danger"
                    aria-label={t('home.delete', { title: m.title || t('map.untitled') })}
                    disabled={busy}
                    onClick={() =>
                      run(async () => {
                        if (!(await askConfirm(t('home.deleteTitle'), t('home.deleteMessage', { title: m.title || t('map.untitled') }), t('common.delete')))) return;
                        await deleteStoredMap(m.id);
                        remove(m.id);
                      })
                    }
                  >
                    🗑 {t('common.delete')}
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
