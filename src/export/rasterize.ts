// Turns the poster's SVG into a PNG in the browser. The SVG is loaded as an image (from a Blob URL)
// and drawn at the asked scale, band by band (a band is one short task, so the page keeps
// responding). The bands go to a worker that holds the full-size canvas and encodes the PNG there:
// allocating a canvas of a few hundred megapixels and encoding it would otherwise freeze the page
// for seconds. Without workers or OffscreenCanvas, the same bands are drawn on a canvas here.
// Also the text measure the SVG builder needs.
import type { Measure } from './posterSvg';

/** Chromium's limits for a canvas: 16,384 px a side (GPU textures), 2^28 pixels in all. */
export const MAX_CANVAS_SIDE = 16_384;
export const MAX_CANVAS_AREA = 268_435_456;

/** The scale to use for a picture `width` × `height`: `wanted`, or less so the canvas stays within the limits. */
export function fitScale(width: number, height: number, wanted: number): number {
  if (width <= 0 || height <= 0) return wanted;
  const limit = Math.min(MAX_CANVAS_SIDE / width, MAX_CANVAS_SIDE / height, Math.sqrt(MAX_CANVAS_AREA / (width * height)));
  if (wanted <= limit) return wanted;
  // Rounded down to hundredths, so the rounded-up canvas size still fits.
  return Math.floor(limit * 100) / 100;
}

export interface Png {
  blob: Blob;
  /** The scale drawn at: the one asked for, or less when the picture would be too big for a canvas. */
  scale: number;
}

/** Canvas pixels drawn per step. */
const BAND_PIXELS = 4_000_000;

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Loads an SVG document as an image. */
async function loadSvg(svg: string): Promise<HTMLImageElement> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.decoding = 'async';
    image.src = url;
    await image.decode().catch(() => {
      throw new Error('the picture could not be drawn');
    });
    return image;
  } finally {
    URL.revokeObjectURL(url);
  }
}

type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** Where the bands go: the whole picture, which then becomes a PNG. */
interface Target {
  /** Draws one band, `rows` canvas rows from `top`: `draw` paints it at `offset` on the context given. */
  band(top: number, rows: number, draw: (ctx: Context2D, offset: number) => void): Promise<void>;
  png(): Promise<Blob>;
  close(): void;
}

// The worker: a full-size OffscreenCanvas that bands are drawn onto, then encoded. Plain script
// (not a module file of its own) so it needs no bundler setup.
const WORKER_SOURCE = `
let canvas = null;
let ctx = null;
onmessage = async (event) => {
  const m = event.data;
  try {
    if (m.type === 'start') {
      canvas = new OffscreenCanvas(m.width, m.height);
      ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('no canvas');
      postMessage({ type: 'ready' });
    } else if (m.type === 'band') {
      ctx.drawImage(m.bitmap, 0, m.top);
      m.bitmap.close();
      postMessage({ type: 'drawn' });
    } else if (m.type === 'png') {
      const blob = await canvas.convertToBlob({ type: 'image/png' });
      canvas.width = 0;
      canvas.height = 0;
      postMessage({ type: 'png', blob });
    }
  } catch (error) {
    postMessage({ type: 'error', message: error && error.message ? error.message : String(error) });
  }
};
`;

type WorkerReply = { type: 'ready' | 'drawn' } | { type: 'png'; blob: Blob } | { type: 'error'; message: string };

/** A worker holding the picture; null where workers or OffscreenCanvas are missing or refused. */
async function workerTarget(width: number, height: number): Promise<Target | null> {
  if (typeof Worker !== 'function' || typeof OffscreenCanvas !== 'function' || !('transferToImageBitmap' in OffscreenCanvas.prototype)) return null;
  let worker: Worker;
  const url = URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }));
  try {
    worker = new Worker(url);
  } catch {
    return null; // e.g. a content security policy without blob: workers
  } finally {
    URL.revokeObjectURL(url);
  }
  // Replies come in the order of the requests: each request waits for the next one.
  const waiting: { resolve: (reply: WorkerReply) => void; reject: (error: Error) => void }[] = [];
  worker.onmessage = (event: MessageEvent<WorkerReply>) => {
    const next = waiting.shift();
    if (!next) return;
    if (event.data.type === 'error') next.reject(new Error(event.data.message));
    else next.resolve(event.data);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    for (const w of waiting.splice(0)) w.reject(new Error(event.message || 'the picture worker failed'));
  };
  const ask = (message: unknown, transfer: Transferable[] = []) =>
    new Promise<WorkerReply>((resolve, reject) => {
      waiting.push({ resolve, reject });
      worker.postMessage(message, transfer);
    });
  try {
    await ask({ type: 'start', width, height });
  } catch {
    worker.terminate();
    return null;
  }
  const canvas = new OffscreenCanvas(width, 1);
  let inFlight: Promise<WorkerReply> = Promise.resolve({ type: 'drawn' });
  return {
    async band(top, rows, draw) {
      if (canvas.height !== rows) canvas.height = rows;
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('no canvas');
      draw(ctx, 0);
      const bitmap = canvas.transferToImageBitmap();
      // At most one band waiting in the worker: the next is drawn while it is copied.
      await inFlight;
      inFlight = ask({ type: 'band', top, bitmap }, [bitmap]);
    },
    async png() {
      await inFlight;
      const reply = await ask({ type: 'png' });
      if (reply.type !== 'png') throw new Error('no picture');
      return reply.blob;
    },
    close: () => worker.terminate(),
  };
}

/** The picture on a canvas of this page (where there is no worker to hold it). */
function pageTarget(width: number, height: number): Target {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no canvas');
  return {
    async band(top, _rows, draw) {
      draw(ctx, top);
      // Rasterises now (the canvas records drawing and would do it all at the end, in one go).
      ctx.getImageData(0, 0, 1, 1);
    },
    async png() {
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
      if (!blob) throw new Error(`the picture is too big (${width} × ${height} px)`);
      return blob;
    },
    close() {
      // Frees the canvas's memory now rather than when it is collected.
      canvas.width = 0;
      canvas.height = 0;
    },
  };
}

/**
 * Draws `svg` (of size `width` × `height`) at `scale` and encodes it as PNG. `svg` may be several
 * documents of that size, drawn one over the other: layers of a big picture, so that no single
 * one takes long to lay out. The scale is lowered when the canvas would be too big (see
 * `fitScale`); `Png.scale` says which was used. `onProgress` hears 0..1 as bands are drawn.
 */
export async function svgToPng(
  svg: string | readonly string[],
  width: number,
  height: number,
  scale: number,
  onProgress?: (done: number) => void,
): Promise<Png> {
  const used = fitScale(width, height, scale);
  const canvasW = Math.max(1, Math.ceil(width * used));
  const canvasH = Math.max(1, Math.ceil(height * used));
  const images: HTMLImageElement[] = [];
  const warm = document.createElement('canvas').getContext('2d');
  for (const layer of typeof svg === 'string' ? [svg] : svg) {
    const image = await loadSvg(layer);
    // Lays the document out now, one task per layer, rather than all in the first band.
    warm?.drawImage(image, 0, 0, 1, 1);
    images.push(image);
    await pause();
  }
  const target = (await workerTarget(canvasW, canvasH)) ?? pageTarget(canvasW, canvasH);
  try {
    // Bands of whole source rows, so the seams fall on pixel edges.
    const rowsPerBand = Math.max(1, Math.floor(BAND_PIXELS / canvasW / used));
    for (let y = 0; y < height; y += rowsPerBand) {
      const h = Math.min(rowsPerBand, height - y);
      const top = Math.round(y * used);
      const rows = (y + h >= height ? canvasH : Math.round((y + h) * used)) - top;
      if (rows <= 0) continue;
      await target.band(top, rows, (ctx, offset) => {
        for (const image of images) ctx.drawImage(image, 0, y, width, h, 0, offset, canvasW, rows);
      });
      onProgress?.(Math.min(1, (y + h) / height));
      await pause();
    }
    return { blob: await target.png(), scale: used };
  } finally {
    target.close();
  }
}

/** A `Measure` that asks a canvas (the same text engine as the browser drawing the SVG), remembering widths. */
export function measureWith(ctx: Context2D): Measure {
  let current = '';
  const widths = new Map<string, number>();
  return (text, font) => {
    const key = `${font}\u0000${text}`;
    let w = widths.get(key);
    if (w === undefined) {
      if (font !== current) {
        ctx.font = font;
        current = font;
      }
      w = ctx.measureText(text).width;
      widths.set(key, w);
    }
    return w;
  };
}
