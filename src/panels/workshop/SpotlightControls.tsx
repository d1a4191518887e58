// The facilitator brings everyone to one place: their own view (its centre and zoom, so every
// screen size shows the same part of the map), or one stage, which is highlighted while the rest
// dims. Participants can step away (the workshop bar) and come back with one click.
import { useState } from 'react';
import { useActions, useEditor, useJourney, useWorkshop } from '../../store/context';
import { useT } from '../../i18n';
import { sortByIndex } from '../../journey/order';
import { rememberedName } from '../identity';

export function SpotlightControls() {
  const t = useT();
  const actions = useActions();
  const { store, workshop } = useEditor();
  const stages = useJourney((j) => j.stages);
  const spotlight = useWorkshop((w) => w.spotlight);
  const sorted = sortByIndex([...stages.values()]);
  const [stageId, setStageId] = useState('');
  const chosen = stages.has(stageId) ? stageId : (sorted[0]?.id ?? '');
  const { participantId } = store.getState().session;
  const base = () => ({ by: participantId ?? '', name: rememberedName() || t('presence.guest'), at: workshop.now() });
  const myView = () => store.session.bringEveryoneToMyView(base());
  return (
    <section className="workshop-section" aria-labelledby="workshop-spotlight">
      <h3 id="workshop-spotlight">{t('workshop.spotlight.title')}</h3>
      <button type="button" className="btn" onClick={myView}>
        {t('workshop.spotlight.view')}
      </button>
      <div className="field-row">
        <label htmlFor="workshop-spotlight-stage">{t('workshop.spotlight.stage')}</label>
        <select id="workshop-spotlight-stage" value={chosen} onChange={(e) => setStageId(e.target.value)}>
          {sorted.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
        <button type="button" className="btn" disabled={!chosen} onClick={() => actions.setSpotlight({ ...base(), stageId: chosen, viewport: null })}>
          {t('workshop.spotlight.stageButton')}
        </button>
      </div>
      {spotlight && (
        <button type="button" className="btn btn-ghost" onClick={() => actions.setSpotlight(null)}>
          {t('workshop.spotlight.end')}
        </button>
      )}
    </section>
  );
}
