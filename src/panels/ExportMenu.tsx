// The Export menu: pictures (PNG at 1x, 2x, 4x, or SVG, on white or transparent), print layouts
// (A4 or A3, the whole map on a page or split by stages), the map's data, and the quarterly report
// to leadership for a chosen quarter (HTML that prints to PDF, or Markdown).
import { withLaterWords } from '../i18n/later';
import { ToolbarButton } from './ToolbarButton';
import { useId, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { useEditor } from '../store/context';
import { shownJourney } from '../store/selectors';
import { useFormat, useLocale, useT } from '../i18n';
import { toExportFile } from '../journey/exchange';
import { downloadBlob, fileName } from '../export/download';
import { useExportJobs } from '../export/jobs';
import type { PictureLayers } from '../export/layers';
import { usePrintPages } from './usePrintPages';
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
  // What pictures and print carry over the map: the survey figures when the map has some, the
  // department lens when it is on screen, open loops when asked; a choice made here is kept.
  const lensOnScreen = useStore(store, (s) => s.session.lens === 'department');
  const [chosenLayers, setChosenLayers] = useState<Partial<PictureLayers>>({});
  const layers: PictureLayers = { survey: chosenLayers.survey ?? figures.size > 0, lens: chosenLayers.lens ?? lensOnScreen, loops: chosenLayers.loops ?? false };
  // How many pages each print choice makes (printPlan), said beside it and as its description.
  const menuId = useId();
  const pages = usePrintPages(open, layers);
  const run = (fn: () => void) => () => {
    setOpen(false);
    fn();
  };
  const saveJson = async (withSurvey: boolean) => {
    const journey = shownJourney(store.getState());
    // The survey part is written by its own module, loaded when asked for (most files carry none).
    const survey = withSurvey ? (await withLaterWords(import('../journey/surveyFile'))).surveyOfMap(journey, store.getState().voc) : undefined;
    const file = toExportFile(journey, new Date(), [], survey);
    downloadBlob(new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' }), fileName(title, 'touchpoint.json'));
  };
  const saveCsv = async () => {
    const { journeyToCsv } = await withLaterWords(import('../export/csv'));
    // Excel in Romanian and Italian lists with semicolons (their decimal mark is the comma); the
    // header and the enumerated values are written in the interface language.
    const csv = journeyToCsv(shownJourney(store.getState()), t, { delimiter: locale === 'en' ? ',' : ';', locale });
    downloadBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), fileName(title, 'csv'));
  };
  const saveMarkdown = async () => {
    // Loaded when a file is made, as the reports are (CSV too): the first load stays within its budget.
    const { journeyToMarkdown } = await withLaterWords(import('../export/markdown'));
    const md = journeyToMarkdown(shownJourney(store.getState()), t, new Date(), locale);
    downloadBlob(new Blob([md], { type: 'text/markdown;charset=utf-8' }), fileName(title, 'md'));
  };
  const saveQuarterly = async (format: 'html' | 'md') => {
    // The report's code is loaded when a report is made: most sessions never make one.
    const [{ quarterlyReport, VERBATIMS_PER_TARGET }, { measureWith }] = await Promise.all([withLaterWords(import('../export/quarterlyReport')), import('../export/rasterize')]);
    // The pictures' text is measured by a canvas, the text engine that then draws them (as PosterHost does).
    const ctx = document.createElement('canvas').getContext('2d');
    if (!ctx) throw new Error('no canvas');
    const { voc, session } = store.getState();
    const journey = shownJourney(store.getState());
    // Made while a version is open (History → Open): the report describes that version and says so.
    const version = session.viewing ? { name: session.viewing.label, createdAt: session.viewing.createdAt } : undefined;
    // Quotes from all of the quarter's answers when the server gives them; offline, the report
    // quotes the map's own verbatims instead, and its note says which.
    const quotes = loadQuotes ? await loadQuotes(quarter, VERBATIMS_PER_TARGET).catch(() => undefined) : undefined;
    const report = quarterlyReport({ journey, figures: voc.figures, verbatims: voc.verbatims, quarter, labels: t, now: new Date(), measure: measureWith(ctx), locale, version, quotes });
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
            <button key={scale} type="button" role="menuitem" onClick={run(() => start({ kind: 'png', scale, transparent, layers }))}>
              <Icon name="image" /> {t('export.png', { n: scale })}
            </button>
          ))}
          <button type="button" role="menuitem" onClick={run(() => start({ kind: 'svg', transparent, layers }))}>
            <Icon name="image" /> {t('export.svg')}
          </button>
          <label className="menu-check">
            <input type="checkbox" checked={transparent} onChange={(e) => setTransparent(e.target.checked)} /> {t('export.transparent')}
          </label>
          <div role="group" aria-label={t('layers.group')} className="menu-layers">
            <label className="menu-check">
              <input type="checkbox" checked={layers.survey} disabled={figures.size === 0} onChange={(e) => setChosenLayers({ ...chosenLayers, survey: e.target.checked })} /> {t('layers.survey')}
            </label>
            <label className="menu-check">
              <input type="checkbox" checked={layers.lens} onChange={(e) => setChosenLayers({ ...chosenLayers, lens: e.target.checked })} /> {t('lens.button')}
            </label>
            <label className="menu-check">
              <input type="checkbox" checked={layers.loops} onChange={(e) => setChosenLayers({ ...chosenLayers, loops: e.target.checked })} /> {t('loops.button')}
            </label>
          </div>
          <p className="menu-heading">{t('export.print')}</p>
          {(['A4', 'A3'] as const).map((paper) => (
            <span key={paper} role="none">
              <button type="button" role="menuitem" aria-describedby={pages ? `${menuId}-${paper}-fit` : undefined} onClick={run(() => start({ kind: 'print', paper, mode: 'fit', layers }))}>
                <Icon name="printer" /> {t('export.printFit', { paper })}
                <PageCount id={`${menuId}-${paper}-fit`} n={pages?.[`${paper}-fit`]} />
              </button>
              <button type="button" role="menuitem" aria-describedby={pages ? `${menuId}-${paper}-split` : undefined} onClick={run(() => start({ kind: 'print', paper, mode: 'split', layers }))}>
                <Icon name="printer" /> {t('export.printSplit', { paper })}
                <PageCount id={`${menuId}-${paper}-split`} n={pages?.[`${paper}-split`]} />
              </button>
            </span>
          ))}
          <p className="menu-heading">{t('export.data')}</p>
          <button type="button" role="menuitem" onClick={run(() => void saveJson(false))}>
            <span aria-hidden>{'{ }'}</span> {t('export.json')}
          </button>
          {figures.size > 0 && (
            <button type="button" role="menuitem" onClick={run(() => void saveJson(true))}>
              <span aria-hidden>{'{ }'}</span> {t('layers.jsonWithSurvey')}
            </button>
          )}
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

/** "4 pages" beside a print choice: its description (hidden from its name, which stays the choice's words). */
function PageCount({ id, n }: { id: string; n: number | undefined }) {
  const t = useT();
  if (n === undefined) return null;
  return (
    <span id={id} className="menu-pages" aria-hidden>
      {t('print.pages', { n })}
    </span>
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
