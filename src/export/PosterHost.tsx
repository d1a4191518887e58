// Carries out picture and print exports. A picture is drawn natively: the whole map as SVG markup
// (posterSvg, built a stage at a time so the page keeps responding), saved as is for SVG or drawn
// onto a canvas for PNG. Print renders the HTML poster's pages (PrintPages, as printPlan splits the
// map), which the print stylesheet shows alone on paper. Loaded only when an export is asked for.
import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import { useEditor } from '../store/context';
import { shownJourney } from '../store/selectors';
import { useLocale, useT, type Locale, type Translate } from '../i18n';
import type { Journey } from '../journey/types';
import { downloadBlob, fileName } from './download';
import { useExportJobs, type ExportJob } from './jobs';
import { NO_LAYERS, type LayerData } from './layers';
import { PrintPages, fitPages } from './PrintPages';
import { posterParts } from './posterSvg';
import { measureWith, svgToPng } from './rasterize';

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
/** Lets the page handle input and paint (a timer, not a frame: it also runs in a background tab). */
const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

interface Picture {
  blob: Blob;
  /** The PNG's scale, when it had to be lower than asked (the canvas size limit). */
  reducedScale?: number;
}

/** Cards per layer of a PNG: each layer is laid out in one task, short enough not to freeze the page. */
const LAYER_CARDS = 120;

/**
 * The picture of `journey` with the layers the job asks for (survey figures, department lens, open
 * loops: none when it asks for none), drawn from `layerData` (the map's figures, the moment loops
 * are aged to).
 */
async function makePicture(journey: Journey, t: Translate, locale: Locale, job: Extract<ExportJob, { kind: 'png' | 'svg' }>, layerData: LayerData, onProgress: (p: number) => void): Promise<Picture> {
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) throw new Error('no canvas');
  const poster = posterParts(journey, t, { transparent: job.transparent, measure: measureWith(ctx), locale, layers: job.layers ?? NO_LAYERS, layerData });
  // The markup: everything but the cards, then the cards a stage at a time, gathered into layers
  // of about LAYER_CARDS cards; a pause every few dozen milliseconds.
  const share = job.kind === 'svg' ? 0.9 : 0.3;
  const layers: string[][] = [[poster.base()]];
  let since = performance.now();
  let count = Infinity;
  for (let i = 0; i < poster.stages; i++) {
    if (count >= LAYER_CARDS) {
      layers.push([]);
      count = 0;
    }
    layers[layers.length - 1]!.push(poster.cards(i));
    count += poster.cardCount(i);
    if (performance.now() - since > 30) {
      onProgress((share * (i + 1)) / poster.stages);
      await pause();
      since = performance.now();
    }
  }
  layers[layers.length - 1]!.push(poster.over());
  if (job.kind === 'svg') {
    onProgress(0.95);
    return { blob: new Blob(['<?xml version="1.0" encoding="UTF-8"?>\n', poster.open, ...layers.flat(), poster.close], { type: 'image/svg+xml' }) };
  }
  onProgress(share);
  await pause();
  const documents = layers.map((layer) => poster.open + layer.join('') + poster.close);
  const png = await svgToPng(documents, poster.width, poster.height, job.scale, (done) => onProgress(share + done * 0.6));
  onProgress(0.95);
  return { blob: png.blob, reducedScale: png.scale < job.scale ? png.scale : undefined };
}

/**
 * Adds a CSS rule to the page while it is given (the print's `@page` size), through the CSSOM: a
 * `<style>` element would need 'unsafe-inline' in the app's Content-Security-Policy
 * (server/http/static.ts), which the CSSOM does not.
 */
function useDocumentRule(rule: string | null): void {
  useEffect(() => {
    if (!rule) return;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(rule);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    };
  }, [rule]);
}

export function PosterHost() {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const { store } = useEditor();
  const { job, finish } = useExportJobs();
  // The map as shown (the live one, or a version opened from the history), unless the job brings its own.
  const shown = useStore(store, shownJourney);
  const journey = job?.journey ?? shown;
  const ref = useRef<HTMLDivElement>(null);
  // Before the effect below prints: effects run in order.
  useDocumentRule(job?.kind === 'print' ? `@page { size: ${job.paper} landscape; margin: 10mm; }` : null);

  useEffect(() => {
    if (!job) return;
    let alive = true;
    const run = async () => {
      if (job.kind === 'print') {
        await nextFrame();
        if (!ref.current || !alive) return;
        fitPages(ref.current, job.paper);
        const after = () => {
          window.removeEventListener('afterprint', after);
          finish();
        };
        window.addEventListener('afterprint', after);
        window.print();
        return;
      }
      await pause();
      // The map's survey figures as they are now; open loops aged to this moment.
      const layerData: LayerData = { figures: store.getState().voc.figures, now: Date.now() };
      const picture = await makePicture(journey, t, locale, job, layerData, (progress) => {
        if (alive) useExportJobs.setState({ progress });
      });
      if (!alive) return;
      let extension: string = job.kind;
      if (job.kind === 'png' && picture.reducedScale) {
        // Too big for a canvas at the scale asked: the file name says the scale it got.
        console.warn(`Picture drawn at ${picture.reducedScale}x instead of ${job.scale}x: the canvas size limit.`);
        extension = `${picture.reducedScale}x.png`;
      }
      downloadBlob(picture.blob, fileName(journey.meta.title, extension));
      finish();
    };
    run().catch((error: unknown) => finish(t('export.failed', { reason: error instanceof Error ? error.message : String(error) })));
    return () => {
      alive = false;
    };
    // The job alone starts an export; the journey is read as it is at that moment.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [job]);

  if (!job) return null;
  // The pages printPlan gives (print pages, PrintPages.tsx), with the layers chosen in the menu.
  if (job.kind === 'print') return <PrintPages ref={ref} job={job} journey={journey} t={t} />;
  return null;
}
