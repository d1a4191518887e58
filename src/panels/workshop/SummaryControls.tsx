// The workshop summary as Markdown: copied to the clipboard or downloaded, for the notes of the
// session (src/export/workshopSummary.ts writes it). A new session starts the count again.
import { useState } from 'react';
import { useActions, useEditor } from '../../store/context';
import { useLocale, useT } from '../../i18n';
import { workshopSummary } from '../../export/workshopSummary';
import { downloadBlob, fileName } from '../../export/download';

export function SummaryControls() {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const actions = useActions();
  const { store, workshop } = useEditor();
  const [copied, setCopied] = useState(false);
  const text = () => {
    const { journey, workshop: state } = store.getState();
    return workshopSummary(journey, state, t, locale);
  };
  return (
    <section className="workshop-section" aria-labelledby="workshop-summary">
      <h3 id="workshop-summary">{t('workshop.summary.title')}</h3>
      <div className="field-row">
        <button
          type="button"
          className="btn"
          onClick={() =>
            void navigator.clipboard.writeText(text()).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {t('workshop.summary.copy')}
        </button>
        <button type="button" className="btn" onClick={() => downloadBlob(new Blob([text()], { type: 'text/markdown;charset=utf-8' }), fileName(`${store.getState().journey.meta.title} ${t('workshop.summary.title')}`, 'md'))}>
          {t('workshop.summary.download')}
        </button>
      </div>
      {copied && (
        <p role="status" className="muted small">
          {t('workshop.summary.copied')}
        </p>
      )}
      <button type="button" className="btn btn-ghost" onClick={() => actions.restartSession(workshop.now())}>
        {t('workshop.summary.newSession')}
      </button>
    </section>
  );
}
