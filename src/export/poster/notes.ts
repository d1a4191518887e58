// The emotional curve's notes in a picture, whole: under the curve's band, each stage's notes are
// wrapped over as many lines as they need in the stage's column (never cut with an ellipsis, in any
// language), one per persona, each after a short stroke of its persona's curve when the map has
// several. The band grows by what the tallest column needs, and the lanes below move down
// (`withRoomBelow`), so the notes cover neither the curve nor the cards.
import { curveSeries } from '../../journey/emotions';
import { curveColor, curveDash } from '../../journey/curve';
import { STAGE_W, type CardSlot, type Grid } from '../../journey/layout';
import type { Journey } from '../../journey/types';
import { COLORS, CURVE_POINT } from '../../views/theme';
import { FONTS, baseline, n, text, wrapText, type Measure } from './draw';

const PAD_X = 12;
const PAD_Y = 8;
const LINE_H = 15;
const BETWEEN = 6;
const SWATCH_W = 16;

interface Note {
  series: number;
  lines: string[];
}

export interface CurveNotes {
  /** How much taller the band is for its notes (0: no notes). */
  height: number;
  /** The notes of each stage (column), in persona order. */
  columns: Note[][];
  several: boolean;
}

/** The notes laid out: wrapped to their column. */
export function curveNotes(journey: Pick<Journey, 'personas' | 'stages' | 'emotions'>, measure: Measure): CurveNotes {
  const series = curveSeries(journey);
  const several = series.length > 1;
  const width = STAGE_W - 2 * PAD_X - (several ? SWATCH_W : 0);
  const columns: Note[][] = [];
  let tallest = 0;
  const stageCount = series[0]?.points.length ?? 0;
  for (let i = 0; i < stageCount; i++) {
    const notes: Note[] = [];
    series.forEach((serie, si) => {
      const note = serie.points[i]?.note.trim();
      if (note) notes.push({ series: si, lines: wrapText(note, FONTS.small, width, Number.MAX_SAFE_INTEGER, measure) });
    });
    columns.push(notes);
    const h = notes.reduce((sum, note, k) => sum + note.lines.length * LINE_H + (k ? BETWEEN : 0), 0);
    tallest = Math.max(tallest, h);
  }
  return { height: tallest ? tallest + 2 * PAD_Y : 0, columns, several };
}

/**
 * The grid with `extra` px more below the curve in each of its (open) emotion lanes: those rows grow,
 * the rows under them and their cards move down. The same grid when there is nothing to add.
 */
export function withRoomBelow(grid: Grid, extra: number): Grid {
  if (extra <= 0 || !grid.rows.some((r) => r.lane.kind === 'emotions' && !r.lane.collapsed)) return grid;
  let shift = 0;
  const shiftOf = new Map<string, number>();
  const rows = grid.rows.map((r) => {
    const moved = { ...r, y: r.y + shift };
    shiftOf.set(r.lane.id, shift);
    if (r.lane.kind === 'emotions' && !r.lane.collapsed) {
      moved.height = r.height + extra;
      shift += extra;
    }
    return moved;
  });
  const slots = new Map<string, CardSlot>();
  for (const [id, slot] of grid.slots) slots.set(id, { ...slot, y: slot.y + (shiftOf.get(slot.card.laneId) ?? 0) });
  return { ...grid, rows, slots, height: grid.height + shift };
}

/** The notes' markup in a band whose curve is `curveH` tall, the notes under it. */
export function notesMarkup(notes: CurveNotes, curveH: number, width: number): string {
  if (!notes.height) return '';
  const parts = [`<g class="curve-notes"><rect y="${curveH}" width="${width}" height="${notes.height}" fill="${COLORS.paper}" fill-opacity="0.7"/><path d="M0 ${curveH + 0.5}H${width}" stroke="${COLORS.line}"/>`];
  notes.columns.forEach((column, i) => {
    const left = i * STAGE_W + PAD_X;
    let top = curveH + PAD_Y;
    for (const note of column) {
      if (notes.several) {
        const dash = curveDash(note.series);
        parts.push(`<path d="M${left} ${n(top + LINE_H / 2)}h12" stroke="${curveColor(note.series)}" stroke-width="${CURVE_POINT.line}"${dash ? ' stroke-dasharray="4 3"' : ''} stroke-linecap="round"/>`);
      }
      const x = left + (notes.several ? SWATCH_W : 0);
      note.lines.forEach((line, l) => parts.push(text(x, baseline(top + l * LINE_H, LINE_H, 11), line, 'en')));
      top += note.lines.length * LINE_H + BETWEEN;
    }
  });
  parts.push('</g>');
  return parts.join('');
}
