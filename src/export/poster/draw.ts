// The poster's drawing vocabulary, shared by the SVG poster (../posterSvg.ts) and its layers (the
// survey figures, the department lens, the open loops, the curve's notes: the files beside this one):
// fonts, XML-safe text, text measured, wrapped and cut, icons and pills. Pure: text is measured
// through an injected `measure`, so everything here runs in Node with a fake one.
import { iconSvg, type IconName } from '../../views/icons';

/** The width of `text` drawn in `font` (a CSS font shorthand, e.g. "600 10.5px Segoe UI, …"). */
export type Measure = (text: string, font: string) => number;

export const POSTER_FONT = 'Segoe UI, system-ui, Noto Sans, DejaVu Sans, sans-serif';
export const EMOJI_FONT = 'Apple Color Emoji, Segoe UI Emoji, Noto Color Emoji, sans-serif';

export const font = (size: number, weight = 400, style = '') => `${style ? `${style} ` : ''}${weight === 400 ? '' : `${weight} `}${size}px ${POSTER_FONT}`;
export const emojiFont = (size: number) => `${size}px ${EMOJI_FONT}`;
export const FONTS = {
  title: font(22, 700),
  body: font(14),
  bodyBold: font(14, 700),
  semi: font(14, 600),
  stageNumber: font(11, 700),
  strip: font(10, 700),
  badge: font(10.5, 600),
  badgeBold: font(10.5, 700),
  badgePlain: font(10.5),
  tag: font(10, 700),
  flag: font(10.5, 600),
  text: font(13),
  placeholder: font(12, 400, 'italic'),
  small: font(11),
  smallSemi: font(11, 600),
  value: font(16, 700),
  legend: font(12),
  legendBold: font(12, 700),
  score: font(12, 700),
};

/** A badge's height: 10.5 px text at line-height 1.4, 1 px border. */
export const BADGE_H = 16.7;


const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
// Characters XML 1.0 does not allow (control characters, lone surrogates, U+FFFE/U+FFFF): a map's
// text may hold them, and one would make the whole file unreadable.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text made safe for XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '\uFFFD').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** A number for markup: at most two decimals. */
export const n = (value: number): string => String(Math.round(value * 100) / 100);

/** The baseline of a line of text `size` px in a line box `lineHeight` tall starting at `top`. */
export const baseline = (top: number, lineHeight: number, size: number) => top + lineHeight / 2 + size * 0.35;
/** An icon of the app's icon set, `size` px square (1em of the text beside it), centred on `cy`. */
export const icon = (name: IconName, x: number, cy: number, size: number, color: string) => iconSvg(name, x, cy - size / 2, size, color);

let segmenter: Intl.Segmenter | undefined;
/** The user-perceived characters of a text (an emoji or a letter with its accents is one). */
export function graphemes(text: string): string[] {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/** `text` cut to `width` with an ellipsis, if it does not fit. */
export function ellipsize(text: string, fontName: string, width: number, measure: Measure): string {
  if (measure(text, fontName) <= width) return text;
  const chars = graphemes(text);
  while (chars.length) {
    chars.pop();
    const cut = `${chars.join('').trimEnd()}…`;
    if (measure(cut, fontName) <= width) return cut;
  }
  return '';
}

/**
 * `text` broken into lines of at most `width` (the first `firstWidth`): at spaces, within a word
 * too long for a line, and at line breaks. More than `maxLines` lines: the last shown one ends in
 * an ellipsis, as CSS line-clamp does.
 */
export function wrapText(text: string, fontName: string, width: number, maxLines: number, measure: Measure, firstWidth = width): string[] {
  const lines: string[] = [];
  const room = () => (lines.length === 0 ? firstWidth : width);
  const fits = (s: string) => measure(s.trimEnd(), fontName) <= room();
  let more = false;
  outer: for (const paragraph of text.split(/\r\n|\r|\n/)) {
    let line = '';
    for (const token of paragraph.match(/\S+\s*|\s+/g) ?? ['']) {
      if (fits(line + token)) {
        line += token;
        continue;
      }
      if (line.trim()) {
        lines.push(line.trimEnd());
        if (lines.length > maxLines) break outer;
      }
      line = '';
      if (fits(token)) {
        line = token;
        continue;
      }
      // A word longer than the line: break it anywhere (overflow-wrap: anywhere).
      for (const g of graphemes(token)) {
        if (line && !fits(line + g)) {
          lines.push(line.trimEnd());
          line = '';
          if (lines.length > maxLines) break outer;
        }
        line += g;
      }
    }
    lines.push(line.trimEnd());
    if (lines.length > maxLines) break;
  }
  if (lines.length > maxLines) {
    more = true;
    lines.length = maxLines;
  }
  if (more && maxLines > 0) {
    const last = lines[maxLines - 1]!;
    const w = maxLines === 1 ? firstWidth : width;
    lines[maxLines - 1] = ellipsize(`${last}…`, fontName, w, measure) || '…';
  }
  return lines;
}

export interface Out {
  push(...parts: string[]): void;
}

export const text = (x: number, y: number, content: string, cls: string, extra = '') =>
  `<text x="${n(x)}" y="${n(y)}" class="${cls}"${extra}>${escapeXml(content)}</text>`;

// ---- pills ----

export interface Badge {
  fill: string;
  ink: string;
  border: string;
  dashed?: boolean;
  icon: IconName | null;
  label: string;
}

/** A badge (pill) at x, top `top`, at most `room` wide: its width and markup. */
export function badgeMarkup(b: Badge, x: number, top: number, room: number, measure: Measure): { width: number; markup: string } {
  const iconW = b.icon ? 10.5 + 3 : 0;
  const cut = ellipsize(b.label, FONTS.badge, Math.max(0, room - 14 - iconW), measure);
  // Too narrow for a word: the icon alone says it (the screen's badge gives way the same).
  const label = b.icon && [...cut].length < 5 && cut !== b.label ? '' : cut;
  const w = label ? 14 + iconW + measure(label, FONTS.badge) : 14 + 10.5;
  const y = baseline(top + 1, 14.7, 10.5);
  let s = `<rect x="${n(x + (b.border ? 0.5 : 0))}" y="${n(top + (b.border ? 0.5 : 0))}" width="${n(w - (b.border ? 1 : 0))}" height="${n(BADGE_H - (b.border ? 1 : 0))}" rx="${n(BADGE_H / 2)}" fill="${b.fill}"${b.border ? ` stroke="${b.border}"` : ''}${b.dashed ? ' stroke-dasharray="3 2"' : ''}/>`;
  if (b.icon) s += icon(b.icon, x + 7, top + BADGE_H / 2, 10.5, b.ink);
  return { width: w, markup: label ? s + text(x + 7 + iconW, y, label, 'bd', ` fill="${b.ink}"`) : s };
}

/** One entry of the poster's legend: its width, and its markup in an 18 px row whose top is `y`. */
export interface LegendItem {
  width: number;
  draw(x: number, y: number): string;
}

/** A legend entry that is a text only (a group's title, in bold, or a sentence). */
export function legendText(label: string, measure: Measure, bold = false): LegendItem {
  return {
    width: measure(label, bold ? FONTS.legendBold : FONTS.legend),
    draw: (x, y) => text(x, baseline(y + 0.6, 16.8, 12), label, bold ? 'lg b' : 'lg'),
  };
}

/** A small triangle pointing up (a rise) or down (a fall), `size` px wide, its middle at `cy`: the ▲ ▼ of the screen, drawn, since a font may not have them. */
export const triangle = (x: number, cy: number, size: number, up: boolean, color: string) =>
  up
    ? `<path d="M${n(x)} ${n(cy + size * 0.43)}H${n(x + size)}L${n(x + size / 2)} ${n(cy - size * 0.43)}Z" fill="${color}"/>`
    : `<path d="M${n(x)} ${n(cy - size * 0.43)}H${n(x + size)}L${n(x + size / 2)} ${n(cy + size * 0.43)}Z" fill="${color}"/>`;
