// The Import menu. A map file (JSON) as a new map or replacing this one (undoable), with what was
// repaired listed; cards from a spreadsheet (CSV), shown as a plan first (what is added, which rows
// are refused and why, by line) and applied as one undoable step. Nothing is ever half-imported.
import { withLaterWords } from '../i18n/later';
import { ToolbarButton } from './ToolbarButton';
import { readTextFile } from './readTextFile';
import { lazy, Suspense, useRef, useState, type RefObject } from 'react';
import type { CsvImportPlan } from '../journey/csvImport';
import { useEditor } from '../store/context';
import { useFormat, useLocale, useT } from '../i18n';
import { Dialog } from './Dialog';
import { importErrorText, readMapFile, repairText } from './mapFile';
import { errorReason } from './serverErrors';
// The survey import (its planner and CSV parser) is loaded when a survey file is chosen.
const SurveyImport = lazy(() => withLaterWords(import('./SurveyImport')).then((m) => ({ default: m.SurveyImport })));
import type { SurveyResponse } from '../journey/voc/scores';
import type { Journey } from '../journey/types';
import type { Repair } from '../journey/repair';
import type { MapSurvey } from '../journey/surveyFile';
import { cardIssueText } from './importIssues';
import { Icon } from '../views/Icon';

const MAX_CSV_BYTES = 10 * 1024 * 1024;

/** A file input the menu opens by clicking it; out of the tab order (the menu items are the way in). */
function HiddenFilePicker({ ref, accept, label, onFile }: { ref: RefObject<HTMLInputElement | null>; accept: string; label: string; onFile(file: File): void }) {
  return (
    <input
      ref={ref}
      type="file"
      accept={accept}
      className="sr-only"
      aria-label={label}
      tabIndex={-1}
      onChange={(e) => {
        const file = e.target.files?.[0];
        e.target.value = ''; // the same file can be picked again
        if (file) onFile(file);
      }}
    />
  );
}

type MapFileChoice = { file: string; mode: 'new' | 'replace'; journey: Journey; repairs: Repair[]; text: string; survey: MapSurvey };

interface Props {
  onImported(file: unknown): Promise<void>;
  /** Sends survey answers to the server; absent for a map kept only in this browser. */
  sendResponses?: (responses: SurveyResponse[]) => Promise<{ imported: number; skipped: number }>;
  /** Asks the server to keep a version of the map as it is, before a map file replaces it. */
  keepVersion?: () => Promise<void>;
}

export function ImportMenu({ onImported, sendResponses, keepVersion }: Props) {
  const t = useT();
  const format = useFormat();
  const locale = useLocale((s) => s.locale);
  const { store, actions } = useEditor();
  const [open, setOpen] = useState(false);
  const [plan, setPlan] = useState<{ file: string; plan: CsvImportPlan } | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const csvInput = useRef<HTMLInputElement>(null);
  const jsonInput = useRef<HTMLInputElement>(null);
  const surveyInput = useRef<HTMLInputElement>(null);
  const [survey, setSurvey] = useState<{ name: string; text: string } | null>(null);
  const [mode, setMode] = useState<'new' | 'replace'>('new');
  const [mapFile, setMapFile] = useState<MapFileChoice | null>(null);

  const readJson = async (file: File) => {
    setMessage(null);
    const read = await readMapFile(file);
    if (!read.ok) return setMessage({ text: importErrorText(t, read.error, format), error: true });
    setMapFile({ file: file.name, mode, journey: read.journey, repairs: read.repairs, text: await file.text(), survey: read.survey });
  };
  const applyMapFile = async () => {
    if (!mapFile) return;
    const { journey, text, survey } = mapFile;
    setMapFile(null);
    if (mapFile.mode === 'replace') {
      // The map as it was stays in the history; without a connection the replace still goes ahead (Undo takes it back).
      await keepVersion?.().catch(() => undefined);
      actions.replaceJourney(journey, survey.figures.size || survey.verbatims.size ? survey : undefined);
      setMessage({ text: t('import.done', { n: journey.cards.size }), error: false });
      return;
    }
    try {
      await onImported(JSON.parse(text));
    } catch (error) {
      setMessage({ text: t('import.failed', { reason: errorReason(t, error, format) }), error: true });
    }
  };

  const readCsv = async (file: File) => {
    setMessage(null);
    if (file.size > MAX_CSV_BYTES) return setMessage({ text: t('import.failed', { reason: t('import.error.csvTooLarge', { file: file.name, max: format.bytes(MAX_CSV_BYTES) }) }), error: true });
    const text = await readTextFile(file, locale);
    // The CSV reader (and its parser) is loaded when a file is chosen: most sessions never import one.
    // A file written in any of the languages reads back: every catalogue's column names and values.
    const [{ planCsvImport }, words] = await Promise.all([withLaterWords(import('../journey/csvImport')), import('../export/csvWords').then((m) => m.csvWordsOfAllLocales())]);
    setPlan({ file: file.name, plan: planCsvImport(store.getState().journey, text, { labels: t, words }) });
  };
  const apply = () => {
    if (!plan) return;
    const ids = actions.importCards(plan.plan);
    store.session.select(ids);
    setMessage({ text: t('import.done', { n: ids.length }), error: false });
    setPlan(null);
  };

  return (
    <div className="menu-wrap">
      <ToolbarButton icon="upload" label={t('import.button')} aria-expanded={open} aria-haspopup="menu" onClick={() => setOpen(!open)} />
      <HiddenFilePicker ref={csvInput} accept=".csv,text/csv" label={t('import.csv')} onFile={(file) => void readCsv(file)} />
      <HiddenFilePicker ref={jsonInput} accept=".json,application/json" label={t(mode === 'new' ? 'import.jsonNew' : 'import.jsonReplace')} onFile={(file) => void readJson(file)} />
      <HiddenFilePicker
        ref={surveyInput}
        accept=".csv,text/csv"
        label={t('survey.menu')}
        onFile={async (file) => {
          if (file.size > MAX_CSV_BYTES) return setMessage({ text: t('import.failed', { reason: t('import.error.csvTooLarge', { file: file.name, max: format.bytes(MAX_CSV_BYTES) }) }), error: true });
          setSurvey({ name: file.name, text: await readTextFile(file, locale) });
        }}
      />
      {survey && sendResponses && (
        <Suspense fallback={null}>
          <SurveyImport
            file={survey}
            send={sendResponses}
            onClose={(done) => {
              setSurvey(null);
              if (done) setMessage({ text: done, error: false });
            }}
          />
        </Suspense>
      )}
      {open && (
        <div className="menu menu-right" role="menu" aria-label={t('import.menu')} onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          {(['new', 'replace'] as const).map((m) => (
            <button
              key={m}
              type="button"
              role="menuitem"
              onClick={() => {
                setOpen(false);
                setMode(m);
                jsonInput.current?.click();
              }}
            >
              <span aria-hidden>{'{ }'}</span> {t(m === 'new' ? 'import.jsonNew' : 'import.jsonReplace')}
            </button>
          ))}
          <button
            type="button"
            role="menuitem"
            onClick={() => {
              setOpen(false);
              csvInput.current?.click();
            }}
          >
            <Icon name="table" /> {t('import.csv')}
          </button>
          <button
            type="button"
            role="menuitem"
            onClick={() => {
              setOpen(false);
              if (sendResponses) surveyInput.current?.click();
              else setMessage({ text: t('survey.needsServer'), error: true });
            }}
          >
            <Icon name="chart" /> {t('survey.menu')}
          </button>
        </div>
      )}
      {message && (
        <p className={`notice toast${message.error ? ' error' : ''}`} role={message.error ? 'alert' : 'status'}>
          {message.text}{' '}
          <button type="button" className="link-btn" onClick={() => setMessage(null)}>
            {t('common.close')}
          </button>
        </p>
      )}
      {mapFile && (
        <Dialog title={mapFile.mode === 'new' ? t('import.newTitle', { file: mapFile.file }) : t('import.replaceTitle')} onClose={() => setMapFile(null)}>
          {mapFile.mode === 'replace' && <p>{t('import.replaceMessage', { title: mapFile.journey.meta.title || t('map.untitled') })}</p>}
          <p>
            <strong>{mapFile.journey.meta.title || t('map.untitled')}</strong> · {t('import.csvSummary', { n: mapFile.journey.cards.size })}
          </p>
          {mapFile.repairs.length > 0 && (
            <>
              <p>{t('import.repaired', { n: mapFile.repairs.length })}</p>
              <ul className="import-warnings">
                {mapFile.repairs.map((r, i) => (
                  <li key={i}>{repairText(t, r)}</li>
                ))}
              </ul>
            </>
          )}
          <div className="dialog-actions">
            <button type="button" className="btn" onClick={() => setMapFile(null)}>
              {t('common.cancel')}
            </button>
            <button type="button" className="btn btn-primary" onClick={() => void applyMapFile()}>
              {mapFile.mode === 'new' ? t('import.create') : t('import.replace')}
            </button>
          </div>
        </Dialog>
      )}
      {plan && (
        <Dialog title={t('import.csvTitle', { file: plan.file })} onClose={() => setPlan(null)} className="import-dialog">
          <p>{plan.plan.rows.length ? t('import.csvSummary', { n: plan.plan.rows.length }) : t('import.nothing')}</p>
          {plan.plan.newStages.length > 0 && <p>{t('import.newStages', { names: plan.plan.newStages.join(', ') })}</p>}
          {plan.plan.newLanes.length > 0 && <p>{t('import.newLanes', { names: plan.plan.newLanes.map((l) => l.name).join(', ') })}</p>}
          {plan.plan.errors.length > 0 && (
            <>
              <p className="import-errors-title">{t('import.badRows', { n: plan.plan.errors.length })}</p>
              <ul className="import-errors">
                {plan.plan.errors.slice(0, 50).map((e, i) => (
                  <li key={i}>{t('import.line', { line: String(e.line), message: cardIssueText(t, e) })}</li>
                ))}
              </ul>
            </>
          )}
          {plan.plan.warnings.length > 0 && (
            <ul className="import-warnings">
              {plan.plan.warnings.slice(0, 20).map((w, i) => (
                <li key={i}>{t('import.line', { line: String(w.line), message: cardIssueText(t, w) })}</li>
              ))}
            </ul>
          )}
          <div className="dialog-actions">
            <button type="button" className="btn" onClick={() => setPlan(null)}>
              {t('common.cancel')}
            </button>
            <button type="button" className="btn btn-primary" disabled={!plan.plan.rows.length} onClick={apply}>
              {t('import.confirm', { n: plan.plan.rows.length })}
            </button>
          </div>
        </Dialog>
      )}
    </div>
  );
}
