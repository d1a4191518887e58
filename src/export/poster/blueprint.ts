// The service blueprint's lines on the picture, as the canvas draws them (src/canvas/BlueprintLines.tsx):
// the line of interaction, of visibility and of internal interaction across the whole map between
// the lane groups they separate (src/journey/blueprint.ts says where), each with its own stroke
// (solid, dashed, dotted) and its label in a pill at the map's left edge, beside the lane headers.
// Drawn over the cells and under the links and cards, in the grid's coordinates.
import type { Locale, Translate } from '../../i18n/catalogue';
import { blueprintLines, lineLabelKey } from '../../journey/blueprintLines';
import type { LaneRow } from '../../journey/layout';
import { BLUEPRINT_DASH, COLORS } from '../../views/theme';
import { baseline, font, n, text, type Measure } from './draw';

const LABEL_FONT = font(10.5, 700);
const LABEL_SPACING = 0.42; // 0.04em
const LABEL_H = 19;
const LABEL_PAD_X = 9;
const LABEL_X = 8;

/** The lines of a map's rows, `width` wide; '' when no line has lanes on both sides. */
export function blueprintMarkup(rows: readonly LaneRow[], width: number, t: Translate, measure: Measure, locale?: Locale): string {
  const places = blueprintLines(rows);
  if (!places.length) return '';
  const ink = COLORS.inkSoft;
  const parts = places.map((p) => {
    const strokes = p.lines.map((line, i) => {
      const y = p.y + (i - (p.lines.length - 1) / 2) * 3;
      const dash = BLUEPRINT_DASH[line];
      return `<path d="M0 ${n(y)}H${width}" stroke="${ink}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`;
    });
    const label = p.lines.map((line) => t(lineLabelKey(line))).join(' · ').toLocaleUpperCase(locale);
    const w = measure(label, LABEL_FONT) + label.length * LABEL_SPACING + 2 * LABEL_PAD_X;
    const top = p.y - LABEL_H / 2;
    return (
      `<g class="blueprint-line" data-lines="${p.lines.join(' ')}">${strokes.join('')}` +
      `<rect x="${LABEL_X}" y="${n(top)}" width="${n(w)}" height="${LABEL_H}" rx="${LABEL_H / 2}" fill="${COLORS.paper}" stroke="${ink}" stroke-width="1.5"/>` +
      text(LABEL_X + LABEL_PAD_X, baseline(top, LABEL_H, 10.5), label, 'bl') +
      '</g>'
    );
  });
  return `<g class="blueprint-lines">${parts.join('')}</g>`;
}

/** The labels' text style, for the poster's style sheet. */
export const BLUEPRINT_STYLE = `.bl{font-size:10.5px;font-weight:700;letter-spacing:${LABEL_SPACING}px;fill:${COLORS.inkSoft}}`;
