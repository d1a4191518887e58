// The Export menu: pictures (PNG at 1x, 2x, 4x, or SVG, on white or transparent), print layouts
// (A4 or A3, the whole map on a page or split by stages), the map's data, and the quarterly report
// to leadership for a chosen quarter (HTML that prints to PDF, or Markdown).
import { ToolbarButton } from './ToolbarButton';
import { useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { useEditor } from '../store/context';
import { shownJourney } from '../store/selectors';
import { useFormat, useLocale, useT } from '../i18n';
import { toExportFile } from '../journey/exchange';
import { downloadBlob, fileName } from '../export/download';
import { useExportJobs } from '../export/jobs';
import { quarterOfTime, reportQuarters } from '../export/reportQuarters';
import { Icon } from '../views/Icon';
import type { Quote } from '../journey/voc/quotes';

export interface ExportMenuProps {
  /** The quarter's quotes chosen on the server from all of its answers (a map on a server); none: the report ranks the map's verbatims. */
  /** The quarter's lowest comments per target (`per` of them), chosen by the server from all its answers. */
  loadQuotes?: (quarter: string, per: number) => Promise<{ quotes: Record<string, Quote[]>; answers: number }>;
}

export function ExportMenu({ loadQuotes }: ExportMenuProps = {}) {
  const t = useT();
  const { store } = useEditor();
  const [open, setOpen] = useState(false);
  const [transparent, setTransparent] = useState(false);
  const start = useExportJobs((s) => s.start);
  const busy = useExportJobs((s) => s.job !== null);
  // What is shown: the live map, or a version opened from the history.
  const title = useStore(store, (s) => shownJourney(s).meta.title);
  const figures = useStore(store, (s) => s.voc.figures);
  const locale = useLocale((s) => s.locale);
  const [chosenQuarter, setChosenQuarter] = useState<string | null>(null);
  // The quarters to report on (with figures, or with loops that changed), worked out when the menu
  // opens; the newest with figures by default, or with none yet, the current quarter.
  const { quarters, defaultQuarter } = useMemo(() => {
    const fallback = reportQuarters(figures)[0] ?? quarterOfTime(new Date());
    if (!open) return { quarters: [fallback], defaultQuarter: fallback };
    const list = reportQuarters(figures, shownJourney(store.getState()));
    if (!list.includes(fallback)) list.push(fallback);
    return { quarters: list.sort().reverse(), defaultQuarter: fallback };
  }, [figures, open, store]);
  const quarter = chosenQuarter && quarters.includes(chosenQuarter) ? chosenQuarter : defaultQuarter;
  const run = (fn: () => void) => () => {
    setOpen(false);
    fn();
  };
  const saveJson = () => {
    const file = toExportFile(shownJourney(store.getState()), new Date());
    downloadBlob(new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' }), fileName(title, 'touchpoint.json'));
  };
  const saveCsv = async () => {
    const { journeyToCsv } = await import('../export/csv');
    // Excel in Romanian and Italian lists with semicolons (their decimal mark is the comma); the
    // header and the enumerated values are written in the interface language.
    const csv = journeyToCsv(shownJourney(store.getState()), t, { delimiter: locale === 'en' ? ',' : ';', locale });
    downloadBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), fileName(title, 'csv'));
  };
  const saveMarkdown = async () => {
    // Loaded when a file is made, as the reports are (CSV too): the first load stays within its budget.
    const { journeyToMarkdown } = await import('../export/markdown');
    const md = journeyToMarkdown(shownJourney(store.getState()), t, new Date(), locale);
    downloadBlob(new Blob([md], { type: 'text/markdown;charset=utf-8' }), fileName(title, 'md'));
  };
  const saveQuarterly = async (format: 'html' | 'md') => {
    // The report's code is loaded when a report is made: most sessions never make one.
    const { quarterlyReport, VERBATIMS_PER_TARGET } = await import('../export/quarterlyReport');
    const { voc, session } = store.getState();
    const journey = shownJourney(store.getState());
    // Made while a version is open (History → Open): the report describes that version and says so.
    const version = session.viewing ? { name: session.viewing.label, createdAt: session.viewing.createdAt } : undefined;
    // Quotes from all of the quarter's answers when the server gives them; offline, the report
    // quotes the map's own verbatims instead, and its note says which.
    const quotes = loadQuotes ? await loadQuotes(quarter, VERBATIMS_PER_TARGET).catch(() => undefined) : undefined;
    const report = quarterlyReport({ journey, figures: voc.figures, verbatims: voc.verbatims, quarter, labels: t, now: new Date(), locale, version, quotes });
    const name = fileName(`${title} ${quarter}`, format);
    if (format === 'html') downloadBlob(new Blob([report.html], { type: 'text/html;charset=utf-8' }), name);
    else downloadBlob(new Blob([report.markdown], { type: 'text/markdown;charset=utf-8' }), name);
  };
  return (
    <div className="menu-wrap">
      <ToolbarButton icon="download" label={t('export.button')} aria-expanded={open} aria-haspopup="menu" disabled={busy} onClick={() => setOpen(!open)} />
      {open && (
        <div
          className="menu menu-right"
          role="menu"
          aria-label={t('export.menu')}
          // The menu is long: it scrolls rather than running off a short screen.
          style={{ maxHeight: 'calc(100vh - 120px)', overflowY: 'auto' }}
          onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
        >
          <p className="menu-heading">{t('export.pictures')}</p>
          {([1, 2, 4] as const).map((scale) => (
            <button key={scale} type="button" role="menuitem" onClick={run(() => start({ kind: 'png', scale, transparent }))}>
              <Icon name="image" /> {t('export.png', { n: scale })}
            </button>
          ))}
          <button type="button" role="menuitem" onClick={run(() => start({ kind: 'svg', transparent }))}>
            <Icon name="image" /> {t('export.svg')}
          </button>
          <label className="menu-check">
            <input type="checkbox" checked={transparent} onChange={(e) => setTransparent(e.target.checked)} /> {t('export.transparent')}
          </label>
          <p className="menu-heading">{t('export.print')}</p>
          {(['A4', 'A3'] as const).map((paper) => (
            <span key={paper} role="none">
              <button type="button" role="menuitem" onClick={run(() => start({ kind: 'print', paper, mode: 'fit' }))}>
                <Icon name="printer" /> {t('export.printFit', { paper })}
              </button>
              <button type="button" role="menuitem" onClick={run(() => start({ kind: 'print', paper, mode: 'split' }))}>
                <Icon name="printer" /> {t('export.printSplit', { paper })}
              </button>
            </span>
          ))}
          <p className="menu-heading">{t('export.data')}</p>
          <button type="button" role="menuitem" onClick={run(saveJson)}>
            <span aria-hidden>{'{ }'}</span> {t('export.json')}
          </button>
          <button type="button" role="menuitem" onClick={run(() => void saveCsv())}>
            <Icon name="table" /> {t('export.csv')}
          </button>
          <button type="button" role="menuitem" onClick={run(() => void saveMarkdown())}>
            <span aria-hidden>¶</span> {t('export.markdown')}
          </button>
          <p className="menu-heading">{t('export.quarterly')}</p>
          <label className="menu-check">
            {t('export.quarter')}{' '}
            <select value={quarter} onChange={(e) => setChosenQuarter(e.target.value)}>
              {quarters.map((q) => (
                <option key={q} value={q}>
                  {q}
                </option>
              ))}
            </select>
          </label>
          <button type="button" role="menuitem" onClick={run(() => void saveQuarterly('html'))}>
            <Icon name="chart" /> {t('export.quarterlyHtml')}
          </button>
          <button type="button" role="menuitem" onClick={run(() => void saveQuarterly('md'))}>
            <Icon name="chart" /> {t('export.quarterlyMarkdown')}
          </button>
        </div>
      )}
    </div>
  );
}

/** Shown while a picture is being made, and when an export failed. */
export function ExportStatus() {
  const t = useT();
  const format = useFormat();
  const { job, progress, error, finish } = useExportJobs();
  if (error) {
    return (
      <p className="notice error" role="alert">
        {error}{' '}
        <button type="button" className="link-btn" onClick={() => finish()}>
          {t('common.close')}
        </button>
      </p>
    );
  }
  if (!job || job.kind === 'print') return null;
  return (
    <div className="export-progress" role="status">
      <progress max={1} value={progress} /> {t('export.working', { percent: format.percent(progress) })}
    </div>
  );
}
