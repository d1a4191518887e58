// Importing survey answers (CSV): columns matched by header and fixable by the user, the first rows
// previewed, bad rows listed by line before anything is imported. The answers go to the server's
// database; the map gets the figures and a few verbatims.
import { useMemo, useRef, useState } from 'react';
import { planSurveyImport, surveyTargets, SURVEY_COLUMNS, type ColumnMapping, type SurveyColumn } from '../journey/voc/surveyCsv';
import type { SurveyResponse } from '../journey/voc/scores';
import { useEditor } from '../store/context';
import { useT } from '../i18n';
import { Dialog } from './Dialog';
import { surveyErrorText } from './importIssues';
import { errorReason } from './serverErrors';

const CHUNK = 20_000;

interface Props {
  file: { name: string; text: string };
  send(responses: SurveyResponse[]): Promise<{ imported: number; skipped: number }>;
  onClose(message?: string): void;
}

export function SurveyImport({ file, send, onClose }: Props) {
  const t = useT();
  const { store } = useEditor();
  const [mapping, setMapping] = useState<Partial<ColumnMapping>>({});
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const stop = useRef(false);
  const plan = useMemo(() => planSurveyImport(file.text, surveyTargets(store.getState().journey), mapping), [file.text, mapping, store]);
  const set = (column: SurveyColumn, index: string) => setMapping({ ...mapping, [column]: index === '' ? null : Number(index) });
  // In parts, so a large survey stays within the server's request limits. The server skips answers
  // it already has, so after a failure or a stop the same file can simply be imported again.
  const run = async () => {
    setBusy(true);
    setError(null);
    stop.current = false;
    let imported = 0;
    let skipped = 0;
    try {
      for (let i = 0; i < plan.responses.length; i += CHUNK) {
        if (stop.current) return onClose(t('survey.stopped', { n: imported }));
        const part = await send(plan.responses.slice(i, i + CHUNK));
        imported += part.imported;
        skipped += part.skipped;
        setSent(Math.min(plan.responses.length, i + CHUNK));
      }
      onClose(skipped ? t('survey.doneSkipped', { n: imported, skipped }) : t('survey.done', { n: imported }));
    } catch (e) {
      setError(t('survey.failed', { reason: errorReason(t, e), n: imported }));
      setBusy(false);
    }
  };
  return (
    <Dialog title={t('survey.title', { file: file.name })} onClose={() => (busy ? (stop.current = true) : onClose())} className="survey-dialog">
      <fieldset className="survey-mapping">
        <legend>{t('survey.columns')}</legend>
        {SURVEY_COLUMNS.map((column) => (
          <label key={column}>
            <span>{t(`survey.column.${column}`)}</span>
            <select value={plan.mapping[column] ?? ''} onChange={(e) => set(column, e.target.value)}>
              <option value="">{t('survey.none')}</option>
              {plan.header.map((h, i) => (
                <option key={i} value={i}>
                  {h || `#${i + 1}`}
                </option>
              ))}
            </select>
          </label>
        ))}
      </fieldset>
      {plan.preview.length > 0 && (
        <div className="survey-preview">
          <table>
            <caption>{t('survey.preview')}</caption>
            <thead>
              <tr>
                {plan.header.map((h, i) => (
                  <th key={i} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {plan.preview.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, c) => (
                    <td key={c}>{cell}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>{t('survey.ready', { n: plan.responses.length })}</p>
      {plan.errors.length > 0 && (
        <>
          <p className="import-errors-title">{t('import.badRows', { n: plan.errors.length })}</p>
          <ul className="import-errors">
            {plan.errors.slice(0, 100).map((e, i) => (
              <li key={i}>{t('import.line', { line: String(e.line), message: surveyErrorText(t, e) })}</li>
            ))}
          </ul>
        </>
      )}
      {error && (
        <p className="notice error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        {busy && (
          <span className="muted" role="status">
            {t('survey.sending', { done: sent, total: plan.responses.length })}
          </span>
        )}
        <button type="button" className="btn" onClick={() => (busy ? (stop.current = true) : onClose())}>
          {t(busy ? 'survey.stop' : 'common.cancel')}
        </button>
        <button type="button" className="btn btn-primary" disabled={busy || !plan.responses.length} onClick={() => void run()}>
          {t('survey.import', { n: plan.responses.length })}
        </button>
      </div>
    </Dialog>
  );
}
