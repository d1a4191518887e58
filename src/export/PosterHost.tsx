// Carries out picture and print exports. The poster is rendered off screen (the canvas draws only
// what is visible, a picture needs everything), then html-to-image turns it into a PNG or SVG, or
// the print stylesheet shows it alone on paper. Loaded only when an export is asked for.
import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import { useEditor } from '../store/context';
import { useT } from '../i18n';
import { STAGE_W } from '../journey/layout';
import { downloadBlob, fileName } from './download';
import { useExportJobs, type ExportJob } from './jobs';
import { MapPoster, POSTER_LANE_W } from './MapPoster';

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

async function makePicture(node: HTMLElement, job: Extract<ExportJob, { kind: 'png' | 'svg' }>, onProgress: (p: number) => void): Promise<Blob> {
  const { toBlob, toSvg } = await import('html-to-image');
  onProgress(0.2);
  await nextFrame();
  const options = {
    backgroundColor: job.transparent ? undefined : '#ffffff',
    width: node.scrollWidth,
    height: node.scrollHeight,
    cacheBust: false,
    // Emoji and system fonts are the viewer's; our own CSS has no web fonts to fetch.
    skipFonts: true,
  };
  if (job.kind === 'svg') {
    const url = await toSvg(node, options);
    onProgress(0.9);
    return new Blob([decodeURIComponent(url.slice(url.indexOf(',') + 1))], { type: 'image/svg+xml' });
  }
  const blob = await toBlob(node, { ...options, pixelRatio: job.scale });
  onProgress(0.9);
  if (!blob) throw new Error('empty picture');
  return blob;
}

/** Usable width of a landscape page at 96 dpi with 10 mm margins. */
const pageWidth = (paper: 'A4' | 'A3') => (paper === 'A3' ? 1510 : 1050);

/** How many stages fit across one page (for the split print layout). */
const stagesPerPage = (paper: 'A4' | 'A3') => Math.max(1, Math.floor((pageWidth(paper) - POSTER_LANE_W) / STAGE_W));

export function PosterHost() {
  const t = useT();
  const { store } = useEditor();
  const journey = useStore(store, (s) => s.journey);
  const { job, finish } = useExportJobs();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!job) return;
    let alive = true;
    const run = async () => {
      await nextFrame();
      const node = ref.current?.firstElementChild as HTMLElement | null;
      if (!node || !alive) return;
      if (job.kind === 'print') {
        const after = () => {
          window.removeEventListener('afterprint', after);
          finish();
        };
        window.addEventListener('afterprint', after);
        window.print();
        return;
      }
      const blob = await makePicture(node, job, (progress) => useExportJobs.setState({ progress }));
      if (!alive) return;
      downloadBlob(blob, fileName(journey.meta.title, job.kind));
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
  if (job.kind === 'print') {
    const per = job.mode === 'split' ? stagesPerPage(job.paper) : journey.stages.size;
    const pages: [number, number][] = [];
    for (let from = 0; from < Math.max(1, journey.stages.size); from += per) pages.push([from, Math.min(journey.stages.size, from + per)]);
    return (
      <div ref={ref} className={`print-host paper-${job.paper} mode-${job.mode}`}>
        <style>{`@page { size: ${job.paper} landscape; margin: 10mm; }`}</style>
        {pages.map((range) => (
          <div key={range[0]} className="print-page" style={job.mode === 'fit' ? { zoom: Math.min(1, pageWidth(job.paper) / (POSTER_LANE_W + (range[1] - range[0]) * STAGE_W)) } : undefined}>
            <MapPoster journey={journey} t={t} stages={range} />
          </div>
        ))}
      </div>
    );
  }
  return (
    <div ref={ref} className="poster-host" aria-hidden>
      <MapPoster journey={journey} t={t} transparent={job.transparent} />
    </div>
  );
}
