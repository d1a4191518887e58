// The Export menu: pictures (PNG at 1x, 2x, 4x, or SVG, on white or transparent), print layouts
// (A4 or A3, the whole map on a page or split by stages), and the map's data.
import { useState } from 'react';
import { useStore } from 'zustand';
import { useEditor } from '../store/context';
import { useT } from '../i18n';
import { toExportFile } from '../journey/exchange';
import { downloadBlob, fileName } from '../export/download';
import { useExportJobs } from '../export/jobs';
import { journeyToCsv } from '../export/csv';
import { journeyToMarkdown } from '../export/markdown';

export function ExportMenu() {
  const t = useT();
  const { store } = useEditor();
  const [open, setOpen] = useState(false);
  const [transparent, setTransparent] = useState(false);
  const start = useExportJobs((s) => s.start);
  const busy = useExportJobs((s) => s.job !== null);
  const title = useStore(store, (s) => s.journey.meta.title);
  const run = (fn: () => void) => () => {
    setOpen(false);
    fn();
  };
  const saveJson = () => {
    const file = toExportFile(store.getState().journey, new Date());
    downloadBlob(new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' }), fileName(title, 'touchpoint.json'));
  };
  const saveCsv = () => {
    const csv = journeyToCsv(store.getState().journey, (key) => t(key as never));
    downloadBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), fileName(title, 'csv'));
  };
  const saveMarkdown = () => {
    const md = journeyToMarkdown(store.getState().journey, (key) => t(key as never), new Date());
    downloadBlob(new Blob([md], { type: 'text/markdown;charset=utf-8' }), fileName(title, 'md'));
  };
  return (
    <div className="menu-wrap">
      <button type="button" className="btn btn-ghost" aria-expanded={open} aria-haspopup="menu" disabled={busy} onClick={() => setOpen(!open)}>
        <span aria-hidden>⤓</span> {t('export.button')}
      </button>
      {open && (
        <div className="menu menu-right" role="menu" aria-label={t('export.menu')} onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          <p className="menu-heading">{t('export.pictures')}</p>
          {([1, 2, 4] as const).map((scale) => (
            <button key={scale} type="button" role="menuitem" onClick={run(() => start({ kind: 'png', scale, transparent }))}>
              <span aria-hidden>🖼</span> {t('export.png', { n: scale })}
            </button>
          ))}
          <button type="button" role="menuitem" onClick={run(() => start({ kind: 'svg', transparent }))}>
            <span aria-hidden>🖼</span> {t('export.svg')}
          </button>
          <label className="menu-check">
            <input type="checkbox" checked={transparent} onChange={(e) => setTransparent(e.target.checked)} /> {t('export.transparent')}
          </label>
          <p className="menu-heading">{t('export.print')}</p>
          {(['A4', 'A3'] as const).map((paper) => (
            <span key={paper} role="none">
              <button type="button" role="menuitem" onClick={run(() => start({ kind: 'print', paper, mode: 'fit' }))}>
                <span aria-hidden>🖨</span> {t('export.printFit', { paper })}
              </button>
              <button type="button" role="menuitem" onClick={run(() => start({ kind: 'print', paper, mode: 'split' }))}>
                <span aria-hidden>🖨</span> {t('export.printSplit', { paper })}
              </button>
            </span>
          ))}
          <p className="menu-heading">{t('export.data')}</p>
          <button type="button" role="menuitem" onClick={run(saveJson)}>
            <span aria-hidden>{'{ }'}</span> {t('export.json')}
          </button>
          <button type="button" role="menuitem" onClick={run(saveCsv)}>
            <span aria-hidden>▦</span> {t('export.csv')}
          </button>
          <button type="button" role="menuitem" onClick={run(saveMarkdown)}>
            <span aria-hidden>¶</span> {t('export.markdown')}
          </button>
        </div>
      )}
    </div>
  );
}

/** Shown while a picture is being made, and when an export failed. */
export function ExportStatus() {
  const t = useT();
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
      <progress max={1} value={progress} /> {t('export.working', { percent: Math.round(progress * 100) })}
    </div>
  );
}
