// A stage's emotion in the outline: one choice per curve (the map's, or each persona's), from very
// negative to very positive or not set, and its note. The same setEmotion / clearEmotion commands
// as the curve's points, said in the live region.
import type { CurveSeries } from '../../journey/emotions';
import { clampScore } from '../../journey/emotions';
import type { Stage } from '../../journey/types';
import { useActions, useReadOnly } from '../../store/context';
import { useT } from '../../i18n';
import { announce } from '../../views/announce';
import { TextField } from '../fields';

const SCORES = [2, 1, 0, -1, -2] as const;

export function OutlineEmotion({ stage, index, series }: { stage: Stage; index: number; series: readonly CurveSeries[] }) {
  const t = useT();
  const actions = useActions();
  const readOnly = useReadOnly();
  const name = stage.name || t('stage.untitled');
  const words = (s: number) => `${s > 0 ? '+' : ''}${s} ${t(`emotion.score.${clampScore(s)}`)}`;
  return (
    <div className="outline-emotion">
      {series.map((serie) => {
        const pid = serie.persona?.id ?? null;
        const who = serie.persona ? ` (${serie.persona.name})` : '';
        const point = serie.points[index];
        const label = t('emotion.point', { stage: name }) + who;
        return (
          <div key={pid ?? 'map'} className="outline-emotion-row">
            {readOnly ? (
              <p>
                {label}: {point ? words(point.score) : t('outline.noEmotion')}
              </p>
            ) : (
              <div className="field">
                <label htmlFor={`outline-emotion-${stage.id}-${pid ?? 'map'}`}>{label}</label>
                <select
                  id={`outline-emotion-${stage.id}-${pid ?? 'map'}`}
                  value={point ? String(point.score) : ''}
                  onChange={(e) => {
                    if (e.target.value === '') {
                      actions.clearEmotion(stage.id, pid);
                      announce(t('outline.emotionCleared', { stage: name + who }));
                    } else {
                      const score = clampScore(Number(e.target.value));
                      actions.setEmotion(stage.id, pid, score);
                      announce(t('outline.emotionSet', { stage: name + who, value: words(score) }));
                    }
                  }}
                >
                  <option value="">{t('outline.noEmotion')}</option>
                  {SCORES.map((s) => (
                    <option key={s} value={s}>
                      {words(s)}
                    </option>
                  ))}
                </select>
              </div>
            )}
            {point && (
              <TextField
                label={`${t('emotion.note')}${who}`}
                value={point.note}
                multiline
                onSave={(note) => {
                  actions.setEmotion(stage.id, pid, point.score, note);
                  announce(t('outline.noteSaved', { stage: name + who }));
                }}
              />
            )}
          </div>
        );
      })}
    </div>
  );
}
