// Turns the poster's SVG into a PNG in the browser: the SVG is loaded as an image (from a Blob URL)
// and drawn onto a canvas at the asked scale, band by band so the page stays responsive; the canvas
// then encodes the PNG (off the main thread). Also the text measure the SVG builder needs.
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

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Rows drawn per step: the SVG is rasterised for each band, so a step is one short task. */
const BAND_PIXELS = 16_000_000;

/**
 * Draws `svg` (of size `width` × `height`) at `scale` and encodes it as PNG. The scale is lowered
 * when the canvas would be too big (see `fitScale`); `Png.scale` says which was used.
 */
export async function svgToPng(svg: string, width: number, height: number, scale: number, onProgress?: (done: number) => void): Promise<Png> {
  const used = fitScale(width, height, scale);
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  const canvas = document.createElement('canvas');
  try {
    const image = new Image();
    image.decoding = 'async';
    image.src = url;
    await image.decode().catch(() => {
      throw new Error('the picture could not be drawn');
    });
    canvas.width = Math.max(1, Math.ceil(width * used));
    canvas.height = Math.max(1, Math.ceil(height * used));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no canvas');
    // In bands of whole source pixels, so the seams fall on pixel edges.
    const band = Math.max(1, Math.floor(BAND_PIXELS / canvas.width / used));
    for (let y = 0; y < height; y += band) {
      const h = Math.min(band, height - y);
      ctx.drawImage(image, 0, y, width, h, 0, Math.round(y * used), canvas.width, Math.round((y + h) * used) - Math.round(y * used));
      onProgress?.(Math.min(1, (y + h) / height));
      await pause();
    }
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error(`the picture is too big (${canvas.width} × ${canvas.height} px)`);
    return { blob, scale: used };
  } finally {
    URL.revokeObjectURL(url);
    // Frees the canvas's memory now rather than when it is collected.
    canvas.width = 0;
    canvas.height = 0;
  }
}

/** A `Measure` that asks a canvas (the same text engine as the browser drawing the SVG), remembering widths. */
export function measureWith(ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D): Measure {
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
