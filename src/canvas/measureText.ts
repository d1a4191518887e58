// The width of a stage header's text, measured on an offscreen canvas in the header's own font (bold,
// the page's font family), for stageLabel's choice of wrap or abbreviation. A canvas measure needs no
// layout of the page, so it is cheap at every zoom step; widths are cached per size and text.
let context: CanvasRenderingContext2D | null | undefined;
let family = '';
const widths = new Map<string, number>();

export function measureHeaderText(text: string, size: number): number {
  const key = `${size}\u0000${text}`;
  const known = widths.get(key);
  if (known !== undefined) return known;
  if (context === undefined) {
    context = document.createElement('canvas').getContext('2d');
    family = getComputedStyle(document.documentElement).fontFamily || 'sans-serif';
  }
  // Without a canvas (never in a browser): a generous estimate, so names wrap rather than overflow.
  const width = context ? ((context.font = `700 ${size}px ${family}`), context.measureText(text).width) : text.length * size * 0.65;
  if (widths.size > 5000) widths.clear();
  widths.set(key, width);
  return width;
}
