// The print layout: the pages printPlan gives for the job's paper and mode, each a MapPoster of
// its stages and lanes with the layers chosen in the Export menu, scaled to its sheet. The print
// stylesheet shows them alone on paper, a sheet each (PosterHost prints them).
import { useMemo, useState, type Ref } from 'react';
import { useStore } from 'zustand';
import { useEditor } from '../store/context';
import type { Translate } from '../i18n';
import type { Journey } from '../journey/types';
import type { ExportJob } from './jobs';
import { NO_LAYERS, type LayerData } from './layers';
import { MapPoster } from './MapPoster';
import { legendWords, printLegend } from './printLegend';
import { PAGE_PX, planFor, type Paper } from './printPlan';

type PrintJob = Extract<ExportJob, { kind: 'print' }>;

/**
 * Sets each page's scale: the plan's, or lower when the page's content came out larger than the plan
 * reckoned (a legend longer than estimated): a page never spills onto a second sheet. A split page
 * then fills its sheet (its legend at the foot); "whole map on one page" is scaled to fit, as before.
 */
export function fitPages(host: HTMLElement, paper: Paper): void {
  const sheet = PAGE_PX[paper];
  for (const page of host.querySelectorAll<HTMLElement>('.print-page')) {
    const planned = Number(page.dataset.zoom) || 1;
    const poster = page.firstElementChild as HTMLElement | null;
    if (!poster) continue;
    const split = page.classList.contains('is-split');
    // Measured unscaled; a split page as wide as its sheet holds at the planned scale.
    page.style.zoom = '1';
    page.style.width = split ? `${sheet.width / planned}px` : '';
    page.style.height = '';
    const zoom = Math.min(planned, sheet.width / poster.scrollWidth, sheet.height / poster.scrollHeight);
    page.style.zoom = String(zoom);
    if (split) {
      page.style.width = `${sheet.width / zoom}px`;
      page.style.height = `${sheet.height / zoom}px`;
    }
  }
}

export function PrintPages({ job, journey, t, ref }: { job: PrintJob; journey: Journey; t: Translate; ref: Ref<HTMLDivElement> }) {
  const { store } = useEditor();
  const figures = useStore(store, (s) => s.voc.figures);
  const layers = job.layers ?? NO_LAYERS;
  // Loops are aged to the moment the print was laid out (the layout lives for one print).
  const [now] = useState(() => Date.now());
  const layerData = useMemo<LayerData>(() => ({ figures, now }), [figures, now]);
  const legend = useMemo(() => printLegend(journey, t, layers), [journey, t, layers]);
  const plan = useMemo(() => planFor(journey, job.paper, job.mode, legendWords(legend)), [journey, job.paper, job.mode, legend]);
  const split = job.mode === 'split';
  return (
    <div ref={ref} className={`print-host paper-${job.paper} mode-${job.mode}`}>
      {plan.pages.map((p, i) => (
        <div key={i} className={`print-page${split ? ' is-split' : ''}`} data-zoom={split ? p.zoom : 1}>
          <MapPoster
            journey={journey}
            t={t}
            stages={p.stages}
            lanes={p.lanes}
            layers={layers}
            layerData={layerData}
            legend={legend}
            page={split ? { number: i + 1, of: plan.pages.length } : undefined}
          />
        </div>
      ))}
    </div>
  );
}
