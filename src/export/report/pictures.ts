// The report's two pictures, as inline SVG: the map with its survey layer (the poster of
// src/export/posterSvg.ts, split into parts of a few stages when the map is too wide to read on one
// landscape page) and the emotional curve, one line per persona across the stages, drawn for a page
// (the curve's geometry from src/journey/curve.ts). Text is measured through the injected `measure`,
// so this runs in Node with a fake one. Pure: model.ts asks for both.
import type { Locale, Translate } from '../../i18n/catalogue';
import { formatSigned } from '../../i18n/format';
import { curveSeries } from '../../journey/emotions';
import { curveColor, curveDash, smoothPath } from '../../journey/curve';
import { sortByIndex } from '../../journey/order';
import type { Journey } from '../../journey/types';
import type { MapFigure } from '../../journey/voc/onMap';
import { FACE_ICONS } from '../../views/marks';
import { iconSvg } from '../../views/icons';
import { COLORS } from '../../views/theme';
import { POSTER_FONT, posterSvg, wrapText, type Measure } from '../posterSvg';
import { escapeHtml } from './escape';

/** At most this many stages in one picture of the map: seven columns on a landscape A4 page keep card text about 6 pt. */
export const STAGES_PER_PICTURE = 7;

export interface MapPicture {
  svg: string;
  width: number;
  height: number;
  /** The stages it shows, as positions (from, to inclusive), when the map is split. */
  stages: [number, number] | null;
}

/**
 * The map's stages in parts of at most STAGES_PER_PICTURE, as even as they can be (11 stages: 6 and
 * 5, never 7 and 4): [from, to] positions, inclusive.
 */
export function stageParts(count: number, most = STAGES_PER_PICTURE): [number, number][] {
  if (count <= most) return [[0, Math.max(0, count - 1)]];
  const parts = Math.ceil(count / most);
  const out: [number, number][] = [];
  let from = 0;
  for (let i = 0; i < parts; i++) {
    const size = Math.ceil((count - from) / (parts - i));
    out.push([from, from + size - 1]);
    from += size;
  }
  return out;
}

/** The map reduced to some of its stages: their cards, emotions and the links between what is left. */
function stagesOnly(journey: Journey, ids: ReadonlySet<string>): Journey {
  const cards = new Map([...journey.cards].filter(([, c]) => ids.has(c.stageId)));
  return {
    ...journey,
    stages: new Map([...journey.stages].filter(([id]) => ids.has(id))),
    cards,
    links: new Map([...journey.links].filter(([, l]) => cards.has(l.from) && cards.has(l.to))),
    emotions: new Map([...journey.emotions].filter(([key]) => ids.has(key.split(':')[0]!))),
    unreadable: [],
  };
}

/**
 * Class names inside the poster's own style sheet scoped to `scope`: an inline SVG's <style> applies
 * to the whole HTML document, and the poster's short class names (.b, .e, .mu …) would restyle the
 * report's text.
 */
export function scopeStyle(svg: string, scope: string): string {
  return svg.replace(/<style>([\s\S]*?)<\/style>/g, (_, css: string) => {
    const scoped = css.replace(/(^|\})\s*([^{}@][^{}]*)\{/g, (_m, close: string, selectors: string) => `${close}${selectors.split(',').map((s) => `.${scope} ${s.trim()}`).join(',')}{`);
    return `<style>${scoped}</style>`;
  });
}

/** What a printed page leaves for the map's picture under its heading, in mm: A4 upright and on its side (html.ts's margins). */
const PORTRAIT_ROOM = { width: 176, height: 220 };
const LANDSCAPE_ROOM = { width: 273, height: 158 };

/** Whether the pictures are drawn larger on landscape pages than on upright ones (a wide map; a tall one is not). */
export function landscapeFits(pictures: readonly Pick<MapPicture, 'width' | 'height'>[]): boolean {
  const scale = (room: { width: number; height: number }, p: Pick<MapPicture, 'width' | 'height'>) => Math.min(room.width / p.width, room.height / p.height);
  return pictures.some((p) => scale(LANDSCAPE_ROOM, p) > scale(PORTRAIT_ROOM, p));
}

export interface MapPictureOptions {
  measure: Measure;
  locale?: Locale;
  /** The map's figures up to the report's quarter (the survey layer shows the newest quarter of them). */
  figures: ReadonlyMap<string, MapFigure>;
  /** Loop ages are counted to this moment. */
  now: number;
}

/** The map with its survey layer: one picture, or one per part of its stages when it is wide. */
export function mapPictures(journey: Journey, t: Translate, o: MapPictureOptions): MapPicture[] {
  const stages = sortByIndex(journey.stages.values());
  const options = { transparent: false, measure: o.measure, locale: o.locale, layers: { survey: true, lens: false, loops: false }, layerData: { figures: o.figures, now: o.now } };
  const parts = stageParts(stages.length);
  return parts.map(([from, to]) => {
    const part = parts.length > 1 ? stagesOnly(journey, new Set(stages.slice(from, to + 1).map((s) => s.id))) : journey;
    const poster = posterSvg(part, t, options);
    const svg = scopeStyle(poster.svg, 'map-svg').replace(/^<svg /, `<svg class="map-svg" role="img" aria-label="${escapeHtml(journey.meta.title.trim() || t('map.untitled'))}" `);
    return { svg, width: poster.width, height: poster.height, stages: parts.length > 1 ? [from, to] : null };
  });
}

// ---- the emotional curve ----------------------------------------------------------------------

const CURVE_FONT = (size: number, weight = 400) => `${weight === 400 ? '' : `${weight} `}${size}px ${POSTER_FONT}`;
const W = 680;
const LEFT = 96;
const RIGHT = 16;
const TOP = 18;
const PLOT_H = 150;
const r = (n: number) => Math.round(n * 10) / 10;
const text = (x: number, y: number, content: string, attrs: string) => `<text x="${r(x)}" y="${r(y)}" ${attrs}>${escapeHtml(content)}</text>`;

/**
 * The emotional curve as a chart for a page: the five levels from very negative to very positive
 * as rows with their face and words, the stages as columns, one smoothed line per persona (the
 * map's colours and dashes, a legend when there are several), each point with its score. Null when
 * no stage has a score. `label`: what a screen reader says of it.
 */
export function curveSvg(journey: Pick<Journey, 'personas' | 'stages' | 'emotions'>, t: Translate, measure: Measure, locale: Locale, label: string): string | null {
  const series = curveSeries(journey);
  if (!series.some((s) => s.points.some(Boolean))) return null;
  const stages = sortByIndex(journey.stages.values());
  const col = (W - LEFT - RIGHT) / Math.max(1, stages.length);
  const mid = (i: number) => LEFT + col * i + col / 2;
  const y = (score: number) => TOP + ((2 - score) / 4) * PLOT_H;
  const out: string[] = [];
  // Bands: pale green above neutral, pale red below, the neutral line dashed.
  out.push(`<rect x="${LEFT}" y="${TOP - 8}" width="${W - LEFT - RIGHT}" height="${PLOT_H / 2 + 8}" fill="${COLORS.emotion.high}"/>`);
  out.push(`<rect x="${LEFT}" y="${y(0)}" width="${W - LEFT - RIGHT}" height="${PLOT_H / 2 + 20}" fill="${COLORS.emotion.low}"/>`);
  for (const s of [2, 1, 0, -1, -2] as const) {
    out.push(`<path d="M${LEFT} ${r(y(s))}H${W - RIGHT}" stroke="${s === 0 ? COLORS.emotion.axisZero : COLORS.emotion.axis}"${s === 0 ? ' stroke-dasharray="4 4"' : ''}/>`);
    out.push(iconSvg(FACE_ICONS[s], 4, y(s) - 7, 14, COLORS.inkSoft));
    out.push(text(22, y(s) + 3.5, t(`emotion.score.${s}`), `font-size="10" fill="${COLORS.inkSoft}"`));
  }
  // Stage names under the chart, wrapped to two lines in their column.
  // Below the band's edge, with room for a score written under a point at -2.
  const labelTop = TOP + PLOT_H + 32;
  stages.forEach((s, i) => {
    const lines = wrapText(s.name.trim() || t('stage.untitled'), CURVE_FONT(10.5, 600), col - 8, 2, measure);
    lines.forEach((line, li) => out.push(text(mid(i), labelTop + li * 13, line, `font-size="10.5" font-weight="600" text-anchor="middle" fill="${COLORS.ink}"`)));
    if (i > 0) out.push(`<path d="M${r(LEFT + col * i)} ${TOP - 8}V${TOP + PLOT_H + 20}" stroke="${COLORS.emotion.axis}" stroke-opacity="0.6"/>`);
  });
  let height = labelTop + 2 * 13 + 4;
  // The curves: several personas' points spread a little apart so equal scores stay distinct.
  series.forEach((serie, si) => {
    const color = curveColor(si);
    const dash = curveDash(si);
    const spread = (si - (series.length - 1) / 2) * Math.min(12, col * 0.16);
    const points = serie.points.flatMap((e, i) => (e ? [{ x: r(mid(i) + spread), y: r(y(e.score)) }] : []));
    if (points.length > 1) out.push(`<path d="${smoothPath(points).replace(/\d+\.\d{2,}/g, (v) => String(r(Number(v))))}" fill="none" stroke="${color}" stroke-width="2.5" stroke-linecap="round"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`);
    serie.points.forEach((e, i) => {
      if (!e) return;
      const x = mid(i) + spread;
      out.push(`<circle cx="${r(x)}" cy="${r(y(e.score))}" r="4.5" fill="${COLORS.paper}" stroke="${color}" stroke-width="2.5"/>`);
      // One persona's scores above its points, the next one's below, so equal scores stay readable.
      const above = series.length > 1 ? si % 2 === 0 : e.score < 2;
      out.push(text(x, y(e.score) + (above ? -9 : 17), formatSigned(locale, e.score), `font-size="10" font-weight="700" text-anchor="middle" fill="${color}"`));
    });
  });
  // A legend of the personas when there are several.
  if (series.length > 1) {
    let x = LEFT;
    const ly = height + 8;
    series.forEach((serie, si) => {
      const name = serie.persona?.name.trim() || t('persona.unnamed');
      const dash = curveDash(si);
      out.push(`<path d="M${r(x)} ${ly}h22" stroke="${curveColor(si)}" stroke-width="2.5"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`);
      out.push(text(x + 28, ly + 3.5, name, `font-size="10.5" fill="${COLORS.ink}"`));
      x += 28 + measure(name, CURVE_FONT(10.5)) + 20;
    });
    height = ly + 12;
  }
  return (
    `<svg class="curve-svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${r(height)}" width="${W}" height="${r(height)}" font-family="${POSTER_FONT}" role="img" aria-label="${escapeHtml(label)}">` +
    `<title>${escapeHtml(label)}</title>${out.join('')}</svg>`
  );
}
