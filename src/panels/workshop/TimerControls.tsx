// The facilitator's countdown: start for some minutes, pause and resume, one more minute, stop.
// Everyone sees it in the workshop bar; times are the server's clock, so a late joiner or a
// reloaded tab shows the same time left.
import { useState } from 'react';
import { useActions, useEditor, useWorkshop } from '../../store/context';
import { useT } from '../../i18n';
import { addMinute, MINUTE, pauseTimer, resumeTimer, startTimer } from '../../journey/workshop';

export function TimerControls() {
  const t = useT();
  const actions = useActions();
  const { workshop } = useEditor();
  const timer = useWorkshop((w) => w.timer);
  const [minutes, setMinutes] = useState(5);
  const valid = Number.isFinite(minutes) && minutes >= 1 && minutes <= 180;
  return (
    <section className="workshop-section" aria-labelledby="workshop-timer">
      <h3 id="workshop-timer">{t('workshop.timer.title')}</h3>
      <div className="field-row">
        <label htmlFor="workshop-minutes">{t('workshop.timer.minutes')}</label>
        <input id="workshop-minutes" type="number" min={1} max={180} value={minutes} onChange={(e) => setMinutes(e.target.valueAsNumber)} />
        <button type="button" className="btn btn-primary" disabled={!valid} onClick={() => actions.setTimer(startTimer(minutes * MINUTE, workshop.now()))}>
          {t('workshop.timer.start')}
        </button>
      </div>
      {timer && (
        <div className="field-row">
          <button type="button" className="btn" onClick={() => actions.setTimer(timer.status === 'running' ? pauseTimer(timer, workshop.now()) : resumeTimer(timer, workshop.now()))}>
            {timer.status === 'running' ? t('workshop.timer.pause') : t('workshop.timer.resume')}
          </button>
          <button type="button" className="btn" onClick={() => actions.setTimer(addMinute(timer, workshop.now()))}>
            {t('workshop.timer.addMinute')}
          </button>
          <button type="button" className="btn btn-ghost" onClick={() => actions.setTimer(null)}>
            {t('workshop.timer.stop')}
          </button>
        </div>
      )}
    </section>
  );
}
