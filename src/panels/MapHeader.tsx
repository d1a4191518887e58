// The map's header: title, scenario, persona(s), and whether it shows the current or future state.
import { sortByIndex } from '../journey/order';
import { useActions, useEditor, useJourney, useReadOnly } from '../store/context';
import { useT } from '../i18n';
import { EditableText } from './EditableText';
import { Icon } from '../views/Icon';

export function MapHeader() {
  const t = useT();
  const actions = useActions();
  const { store } = useEditor();
  const meta = useJourney((j) => j.meta);
  const personasMap = useJourney((j) => j.personas);
  const personas = sortByIndex(personasMap.values());
  const future = meta.variant === 'future';
  const readOnly = useReadOnly();
  return (
    <header className="map-header">
      <div className="map-titles">
        <h1 className="map-title">
          <EditableText value={meta.title} label={t('map.title')} placeholder={t('map.untitled')} onSave={(title) => actions.updateMeta({ title })} />
        </h1>
        <div className="map-scenario">
          <span className="muted">{t('map.scenario')}:</span>{' '}
          <EditableText value={meta.scenario} label={t('map.scenario')} placeholder={t('map.scenarioPlaceholder')} onSave={(scenario) => actions.updateMeta({ scenario })} />
        </div>
      </div>
      {readOnly ? (
        // A viewer cannot switch it: a label, not a button that does nothing.
        <span className={`variant-badge variant-static ${future ? 'is-future' : 'is-current'}`} title={t('map.variant')}>
          <Icon name={future ? 'future' : 'mapPin'} /> {t(future ? 'map.future' : 'map.current')}
        </span>
      ) : (
        <button
          type="button"
          className={`variant-badge ${future ? 'is-future' : 'is-current'}`}
          aria-label={`${t('map.variant')}: ${t(future ? 'map.future' : 'map.current')}. ${t('map.variantToggle')}`}
          title={t('map.variantToggle')}
          onClick={() => actions.updateMeta({ variant: future ? 'current' : 'future' })}
        >
          <Icon name={future ? 'future' : 'mapPin'} /> {t(future ? 'map.future' : 'map.current')}
        </button>
      )}
      <ul className="persona-chips" aria-label={t('persona.list')}>
        {personas.map((p) => (
          <li key={p.id}>
            <button type="button" className="persona-chip" onClick={() => store.session.openPanel('personas')} aria-label={t('persona.open', { name: p.name })}>
              <Avatar picture={p.picture} /> {p.name || t('persona.unnamed')}
            </button>
          </li>
        ))}
        {personas.length === 0 && !readOnly && (
          <li>
            <button type="button" className="persona-chip muted" onClick={() => store.session.openPanel('personas')}>
              + {t('persona.add')}
            </button>
          </li>
        )}
      </ul>
    </header>
  );
}

export function Avatar({ picture, size = 22 }: { picture: string; size?: number }) {
  if (picture.startsWith('data:image/')) return <img className="avatar" src={picture} alt="" width={size} height={size} />;
  return (
    <span className="avatar" style={{ fontSize: size * 0.8, width: size, height: size }} aria-hidden>
      {picture || <Icon name="user" />}
    </span>
  );
}
