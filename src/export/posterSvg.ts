// The whole map as one SVG document, drawn natively (no HTML, no foreignObject): the picture
// export's source, saved as is for "SVG" and rasterised for "PNG". It looks like the HTML poster
// (MapPoster and the CSS of .poster*, .card*, .badge*, .cell, lanes, the emotional curve and the
// legend): same layout (layoutJourney), sizes, colours and labels. Pure: text is measured through
// the injected `measure`, so it runs in Node with a fake one. Text is wrapped and cut with an
// ellipsis here, since SVG text neither wraps nor clips (the curve's notes are wrapped whole).
// The layers chosen in the Export menu (survey figures, department lens, open loops) are drawn by
// the modules in ./poster/, as the screen draws them.
import type { Locale, Translate } from '../i18n/catalogue';
import { NO_LAYERS, type LayerData, type PictureLayers } from './layers';
import { formatNumber } from '../i18n/format';
import { curveSeries } from '../journey/emotions';
import { CARD_H, CARD_W, STAGE_W, cellKey, layoutJourney, type Grid, type LaneRow } from '../journey/layout';
import { crossingAt, linkRoute, visibilityLineBetween } from '../journey/linkRoute';
import { crossesLineOfVisibility } from '../journey/blueprint';
import { sortByIndex } from '../journey/order';
import type { Card, CardKind, Journey, LaneKind } from '../journey/types';
import { stageTarget, touchpointTarget } from '../journey/voc/onMap';
import { defOf, evidenceMark, type Footer, type Mark, type Words } from '../journey/cards';
import { wordsText } from '../views/words';
import { CARD_KIND_ICONS, FACE_ICONS, LANE_ICONS, MOT_ICON, OWNER_ICON, SEVERITY_ICONS } from '../views/marks';
import type { IconName } from '../views/icons';
import { BADGE_H, FONTS, POSTER_FONT, EMOJI_FONT, badgeMarkup, baseline, ellipsize, emojiFont, escapeXml, icon, n, text, wrapText, type Badge, type LegendItem, type Measure, type Out } from './poster/draw';
import { heatOf, surveyLayer, surveyLegend, vocBadges, type SurveyLayer } from './poster/survey';
import { HANDOFF, UNOWNED, handoffArrow, handoffMarks, lensFill, lensLayer, lensLegend, lensTag, unownedFlag, type LensLayer } from './poster/lens';
import { loopFooter, loopMark, loopsLegend } from './poster/loops';
import { curveNotes, notesMarkup, withRoomBelow, type CurveNotes } from './poster/notes';
import { BLUEPRINT_STYLE, blueprintMarkup } from './poster/blueprint';
import { COLORS, CURVE_POINT, POSTER_SIZES, SIZES, TRANSLUCENT } from '../views/theme';
import { curveColor, curveDash, pointX, scoreY, smoothPath, stageMidX } from '../journey/curve';

export { EMOJI_FONT, POSTER_FONT, escapeXml, wrapText, type Measure } from './poster/draw';

export interface PosterOptions {
  transparent: boolean;
  measure: Measure;
  /** The language `t` speaks, for numbers ("4,5" and "1.250" in Romanian and Italian); without one, numbers are written plainly (4.5, 1250). */
  locale?: Locale;
  /** The layers drawn over the map (src/export/layers.ts); none when omitted. */
  layers?: PictureLayers;
  /** What the layers draw from (needed when any layer is on). */
  layerData?: LayerData;
}

export interface PosterSvg {
  svg: string;
  width: number;
  height: number;
}

/**
 * The poster in parts, so it can be built a stage at a time and drawn in layers. Every document
 * made of them starts with `open` and ends with `close`: the whole poster is
 * `open + base() + cards(0) + … + cards(stages - 1) + over() + close`; `open + cards(i) + close`
 * alone is a transparent layer with just that stage's cards, in place.
 */
export interface PosterParts {
  width: number;
  height: number;
  /** The `<svg>` element's start and its definitions (styles, card frames, arrow, gradients). */
  open: string;
  close: string;
  /** Everything but the cards: background, header, stage and lane headers, cells, emotional curve, links, legend. */
  base(): string;
  /** How many stages (columns) the map has. */
  stages: number;
  /** How many cards `cards(stage)` draws. */
  cardCount(stage: number): number;
  /** The cards of a stage, in a group placed on the grid. */
  cards(stage: number): string;
  /** What lies over the cards: the links' labels, which often sit across a card's edge. */
  over(): string;
}

// Sizes of the poster's lane column and stage row (the theme's, as the HTML poster uses them).
const LANE_W = POSTER_SIZES.laneW;
const STAGE_H = POSTER_SIZES.stageH;
const HEAD_PAD_X = 20;
const HEAD_PAD_Y = 16;
const TOP_ROW_H = 16.8; // .card-top: 12px icon at line-height 1.4
const TEXT_LINE = 13 * 1.3;
const PLACEHOLDER_LINE = 12 * 1.3;
const FOOTER_H = 11 * 1.4;
const METRIC_FOOTER_H = 16 * 1.4;

// The app's colours (src/views/theme.ts, the style sheet's var(--tp-…)), by the names drawn with here.
const { ink: INK, inkSoft: INK_SOFT, muted: MUTED, line: LINE, lineStrong: LINE_STRONG, canvas: CANVAS, accent: ACCENT, accentSoft: ACCENT_SOFT, gold: GOLD, paper: PAPER, inverse: INVERSE } = COLORS;
const TONE = COLORS.tone;

const KIND_COLORS: Record<CardKind, string> = COLORS.kind;
const LANE_COLORS: Partial<Record<LaneKind, string>> = COLORS.lane;
const CELL_FILLS: Partial<Record<LaneKind, string>> = COLORS.cell;
const STRIPED: ReadonlySet<LaneKind> = new Set(['backStage', 'support']);
const SEVERITY_COLORS = { 1: TONE['sev-1'], 2: TONE['sev-2'], 3: TONE['sev-3'] } as const;

/** Classes of the style sheet inside the SVG: one short name per text style. */
const STYLE = [
  `.e{font-family:${EMOJI_FONT}}`,
  '.h1{font-size:22px;font-weight:700}',
  `.sc{font-size:14px;fill:${INK_SOFT}}`,
  '.b{font-weight:700}',
  '.s6{font-size:14px;font-weight:600}',
  '.e14{font-size:14px}',
  `.sn{font-size:11px;font-weight:700;fill:${INVERSE}}`,
  '.sh{font-size:14px;font-weight:700}',
  `.ms{font-size:10px;font-weight:700;fill:${TONE.mot.ink};letter-spacing:0.5px}`,
  '.bd{font-size:10.5px;font-weight:600}',
  '.tx{font-size:13px}',
  `.ph{font-size:12px;font-style:italic;fill:${MUTED}}`,
  `.ft{font-size:11px;fill:${INK_SOFT}}`,
  `.mu{fill:${MUTED}}`,
  '.st{font-weight:600}',
  `.mv{font-size:16px;font-weight:700;fill:${TONE.metric.ink}}`,
  `.ll{font-size:11px;fill:${INK_SOFT};paint-order:stroke;stroke:${PAPER};stroke-width:4px;stroke-linejoin:round}`,
  `.es{font-size:12px;font-weight:700;fill:${INK_SOFT}}`,
  `.en{font-size:11px;fill:${INK_SOFT}}`,
  '.lg{font-size:12px}',
  '.sn,.mid{text-anchor:middle}',
  `.tg{font-size:10px;font-weight:700;fill:${INVERSE}}`,
  `.ho{font-size:11px;font-weight:600;fill:${HANDOFF.ink}}`,
  `.fl{font-size:10.5px;font-weight:600;fill:${UNOWNED.ink}}`,
  BLUEPRINT_STYLE,
].join('');

// ---- the poster ----

/** The poster's SVG markup, in one piece. */
export function posterSvg(journey: Journey, t: Translate, options: PosterOptions): PosterSvg {
  const p = posterParts(journey, t, options);
  const parts = [p.open, p.base()];
  for (let i = 0; i < p.stages; i++) parts.push(p.cards(i));
  parts.push(p.over(), p.close);
  return { svg: parts.join(''), width: p.width, height: p.height };
}

/** The poster planned (layout and sizes known), its markup to be built part by part. */
export function posterParts(journey: Journey, t: Translate, options: PosterOptions): PosterParts {
  const widths = new Map<string, number>();
  const measure: Measure = (s, f) => {
    const key = `${f}\u0000${s}`;
    let w = widths.get(key);
    if (w === undefined) widths.set(key, (w = options.measure(s, f)));
    return w;
  };
  const tr: Tr = t;
  const locale = options.locale;
  const layers = options.layers ?? NO_LAYERS;
  const data = options.layerData;
  // The curve's notes are drawn whole under it: its band grows, the lanes below move down.
  const notes = curveNotes(journey, measure);
  const grid = withRoomBelow(layoutJourney(journey), notes.height);
  const survey = layers.survey ? surveyLayer(data?.figures ?? new Map(), surveyTargets(journey), tr, measure, locale ?? 'en') : null;
  const lens = layers.lens ? lensLayer(journey) : null;
  const now = layers.loops && data ? data.now : null;
  // A stage's figures sit under its name: the stage row grows a line for them.
  const stageH = survey && grid.columns.some((c) => survey.figuresOf(stageTarget(c.stage.id)).length) ? STAGE_H + BADGE_H + 4 : STAGE_H;
  const width = LANE_W + grid.width;
  const head = header(journey, tr, measure, width);
  const gridTop = head.height;
  const bodyTop = gridTop + stageH;
  const legendTop = bodyTop + grid.height;
  const legendGroups: LegendItem[][] = [];
  if (survey?.newest) legendGroups.push(surveyLegend(survey));
  if (lens) legendGroups.push(lensLegend(lens, tr, measure, locale ?? 'en'));
  if (now !== null) legendGroups.push(loopsLegend(tr, measure, locale ?? 'en', now));
  const legend = legendBlock(tr, measure, width, legendTop, legendGroups);
  const height = Math.ceil(legendTop + legend.height);
  const ctx: CardContext = { t: tr, number: (value) => (locale ? formatNumber(locale, value) : String(value)), measure, motLabel: tr('card.momentOfTruth').toUpperCase(), survey, lens, now };
  const bodyOpen = `<g transform="translate(${LANE_W} ${n(bodyTop)})">`;
  const linkRoutes = links(journey, grid);
  const handoffRoutes = lens ? handoffMarks(journey, grid, measure) : { paths: '', labels: '' };
  const overMarkup = linkRoutes.labels + handoffRoutes.labels;
  const slotsOf = (stage: number) => {
    const column = grid.columns[stage];
    if (!column) return [];
    return grid.rows.flatMap((row) => (grid.cells.get(cellKey(column.stage.id, row.lane.id)) ?? []).flatMap((id) => grid.slots.get(id) ?? []));
  };

  return {
    width,
    height,
    open:
      `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${POSTER_FONT}" fill="${INK}" xml:space="preserve">` +
      `<title>${escapeXml(journey.meta.title || tr('map.untitled'))}</title>` +
      defs(ctx),
    close: '</svg>',
    stages: grid.columns.length,
    base() {
      const out: string[] = [];
      const o: Out = { push: (...parts) => out.push(...parts) };
      if (!options.transparent) o.push(`<rect width="${width}" height="${height}" fill="${PAPER}"/>`);
      o.push(head.markup);
      stageHeaders(o, grid, gridTop, stageH, measure, survey);
      laneHeaders(o, grid, bodyTop, measure);
      o.push(bodyOpen);
      cells(o, grid, notes);
      for (const row of grid.rows) if (row.lane.kind === 'emotions' && !row.lane.collapsed) emotionBand(o, journey, grid, row, measure, notes);
      // The service blueprint's lines: over the lanes, under the links and cards.
      o.push(blueprintMarkup(grid.rows, grid.width, tr, measure, locale));
      o.push(linkRoutes.paths, handoffRoutes.paths);
      o.push('</g>', legend.markup);
      return out.join('');
    },
    cardCount: (stage) => slotsOf(stage).length,
    over: () => (overMarkup ? bodyOpen + overMarkup + '</g>' : ''),
    cards(stage) {
      const out: string[] = [bodyOpen];
      const o: Out = { push: (...parts) => out.push(...parts) };
      for (const slot of slotsOf(stage)) cardMarkup(o, slot.card, slot.x, slot.y, ctx);
      out.push('</g>');
      return out.join('');
    },
  };
}

/** Where survey figures may be drawn: the map's touchpoints and stages (figure targets, onMap.ts). */
function surveyTargets(journey: Journey): Set<string> {
  const targets = new Set<string>();
  for (const card of journey.cards.values()) if (card.kind === 'touchpoint') targets.add(touchpointTarget(card.id));
  for (const id of journey.stages.keys()) targets.add(stageTarget(id));
  return targets;
}

type Tr = Translate;

interface CardContext {
  t: Tr;
  /** A number the language's way. */
  number(value: number): string;
  measure: Measure;
  motLabel: string;
  /** The layers on: survey badges and heat, the department lens, open loops aged to `now`. */
  survey: SurveyLayer | null;
  lens: LensLayer | null;
  now: number | null;
}

// ---- shared shapes ----

/** The outside of a card's border but its left bar: where the bar's colour meets the rest on the rounded corners, as Chromium joins the borders. */
function borderPath(): string {
  const R = SIZES.radius;
  const joinX = 7;
  const joinY = R - Math.sqrt(R * R - (R - joinX) ** 2);
  return `M${joinX} ${n(joinY)}L${R} 0H${CARD_W - R}A${R} ${R} 0 0 1 ${CARD_W} ${R}V${CARD_H - R}A${R} ${R} 0 0 1 ${CARD_W - R} ${CARD_H}H${R}L${joinX} ${n(CARD_H - joinY)}Z`;
}

/** A card's frame: a 5 px left border in `bar` (the kind's colour, or the department's under the lens), 1 px grey elsewhere, radius 10 (inner radii as CSS draws them). */
function frame(id: string, bar: string): string {
  return `<g id="${id}"><rect width="${CARD_W}" height="${CARD_H}" rx="${SIZES.radius}" fill="${bar}"/><path d="${borderPath()}" fill="${LINE_STRONG}"/><path d="${cardInside(1)}" fill="${PAPER}"/></g>`;
}

/** A moment of truth's frame: 2 px gold (its left 5 px in `bar`: gold, or the department's colour under the lens), a pale gold wash and the strip. */
function motFrame(id: string, bar: string): string {
  return (
    `<g id="${id}"><rect width="${CARD_W}" height="${CARD_H}" rx="${SIZES.radius}" fill="${bar}"/>` +
    (bar === GOLD ? '' : `<path d="${borderPath()}" fill="${GOLD}"/>`) +
    `<path d="${cardInside(SIZES.motBorder)}" fill="url(#mot-bg)"/><use xlink:href="#mot-strip"/></g>`
  );
}

/** A card's inside (its padding box) within borders `b` px wide and the kind's bar on the left: the inner radii are the outer radius less the border, as CSS draws them. */
function cardInside(b: number): string {
  const { radius: R, kindBar: bar } = SIZES;
  const r = R - b;
  return `M${R} ${b}H${CARD_W - R}A${r} ${r} 0 0 1 ${CARD_W - b} ${R}V${CARD_H - R}A${r} ${r} 0 0 1 ${CARD_W - R} ${CARD_H - b}H${R}A${R - bar} ${r} 0 0 1 ${bar} ${CARD_H - R}V${R}A${R - bar} ${r} 0 0 1 ${R} ${b}Z`;
}

function defs(ctx: CardContext): string {
  const strip = ctx.motLabel;
  const stripText = ellipsize(strip, FONTS.strip, 213 - 18 - 14 - strip.length * 0.5, ctx.measure);
  return (
    '<defs>' +
    `<style>${STYLE}</style>` +
    `<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="10" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="${COLORS.link}"/></marker>` +
    `<linearGradient id="mot-bg" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${COLORS.motWash}"/><stop offset="0.4" stop-color="${PAPER}"/></linearGradient>` +
    `<linearGradient id="emo-bg" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${COLORS.emotion.high}"/><stop offset="0.5" stop-color="${COLORS.emotion.middle}"/><stop offset="1" stop-color="${COLORS.emotion.low}"/></linearGradient>` +
    // A soft shadow (0 1px 2px and 0 2px 6px, 6 % ink) as a few translucent rounded rectangles.
    `<g id="shadow" fill="${COLORS.shadow}">` +
    `<rect x="-2" y="0" width="${CARD_W + 4}" height="${CARD_H + 5}" rx="${SIZES.radius + 2}" fill-opacity="0.018"/>` +
    `<rect x="-1" y="0.5" width="${CARD_W + 2}" height="${CARD_H + 3}" rx="${SIZES.radius + 1}" fill-opacity="0.03"/>` +
    `<rect x="-0.5" y="0.5" width="${CARD_W + 1}" height="${CARD_H + 1.5}" rx="${SIZES.radius + 0.5}" fill-opacity="0.05"/></g>` +
    // A moment of truth's strip, drawn by its frame and again over a heat fill.
    `<g id="mot-strip"><path d="M5 20V8A6 6 0 0 1 11 2H${CARD_W - 8}A6 6 0 0 1 ${CARD_W - 2} 8V20Z" fill="${TONE.mot.fill}"/>` +
    icon(MOT_ICON, 14, 11, 10, TONE.mot.ink) +
    text(28, baseline(4, 14, 10), stripText, 'ms') +
    '</g>' +
    (['note', 'touchpoint', 'gap', 'opportunity', 'metric'] as const).map((kind) => frame(`frame-${kind}`, KIND_COLORS[kind])).join('') +
    motFrame('frame-mot', GOLD) +
    // The insides of the two frames, unfilled: a card's heat or department tint fills them.
    `<path id="in-1" d="${cardInside(1)}"/><path id="in-mot" d="${cardInside(SIZES.motBorder)}"/>` +
    (ctx.lens ? handoffArrow + ctx.lens.frames.map((f) => frame(f.id, f.color) + motFrame(`${f.id}-mot`, f.color)).join('') : '') +
    '</defs>'
  );
}

// ---- header ----

interface HeadItem {
  width: number;
  height: number;
  draw(x: number, cy: number): string;
}

function header(journey: Journey, t: Tr, measure: Measure, width: number): { height: number; markup: string } {
  const inner = Math.max(0, width - 2 * HEAD_PAD_X);
  const future = journey.meta.variant === 'future';
  const items: HeadItem[] = [];

  // The current/future badge.
  const badgeIcon: IconName = future ? 'future' : 'mapPin';
  const badgeLabel = t(future ? 'map.future' : 'map.current');
  const iconW = 14;
  const spaceW = measure(' ', FONTS.semi);
  const badgeW = 26 + iconW + spaceW + measure(badgeLabel, FONTS.semi);
  const colors = COLORS.variant[future ? 'future' : 'current'];
  items.push({
    width: badgeW,
    height: 29.6,
    draw: (x, cy) =>
      `<rect x="${n(x + 0.5)}" y="${n(cy - 14.3)}" width="${n(badgeW - 1)}" height="28.6" rx="14.3" fill="${colors.fill}" stroke="${colors.border}"/>` +
      icon(badgeIcon, x + 13, cy, 14, colors.ink) +
      text(x + 13 + iconW + spaceW, baseline(cy - 9.8, 19.6, 14), badgeLabel, 's6', ` fill="${colors.ink}"`),
  });

  // The personas: picture (emoji or image) and name.
  sortByIndex(journey.personas.values()).forEach((p, i) => {
    const image = p.picture.startsWith('data:image/');
    const emoji = p.picture;
    const avatarW = image ? 28 : emoji ? measure(emoji, emojiFont(14)) : 14;
    const name = ellipsize(p.name, FONTS.semi, Math.max(40, inner - avatarW - 6), measure);
    const w = avatarW + 6 + measure(name, FONTS.semi);
    items.push({
      width: w,
      height: image ? 28 : 19.6,
      draw: (x, cy) => {
        const avatar = image
          ? `<clipPath id="persona-${i}"><circle cx="${n(x + 14)}" cy="${n(cy)}" r="14"/></clipPath>` +
            `<image x="${n(x)}" y="${n(cy - 14)}" width="28" height="28" preserveAspectRatio="xMidYMid slice" clip-path="url(#persona-${i})" xlink:href="${escapeXml(p.picture)}"/>`
          : `<ellipse cx="${n(x + avatarW / 2)}" cy="${n(cy)}" rx="${n(avatarW / 2)}" ry="7" fill="${ACCENT_SOFT}"/>` +
            (emoji ? text(x, baseline(cy - 7, 14, 14), emoji, 'e e14') : icon(OWNER_ICON, x, cy, 14, ACCENT));
        return avatar + text(x + avatarW + 6, baseline(cy - 9.8, 19.6, 14), name, 's6');
      },
    });
  });

  const gapAfter = (i: number) => (i === 0 ? 16 : 12);
  const rightW = items.reduce((sum, item, i) => sum + item.width + (i < items.length - 1 ? gapAfter(i) : 0), 0);
  const sideBySide = inner - rightW - 16 >= 240;
  const titleW = sideBySide ? inner - rightW - 16 : inner;

  // Title (up to 2 lines) and scenario (up to 2 lines, after its bold label).
  const title = wrapText(journey.meta.title || t('map.untitled'), FONTS.title, titleW, 2, measure);
  const scenarioLabel = `${t('map.scenario')}:`;
  const labelW = measure(scenarioLabel, FONTS.bodyBold) + measure(' ', FONTS.body);
  const scenario = journey.meta.scenario ? wrapText(journey.meta.scenario, FONTS.body, titleW, 2, measure, titleW - labelW) : [];
  const titleH = title.length * 30.8 + (scenario.length ? 4 + scenario.length * 19.6 : 0);
  const drawTitle = (top: number) => {
    let s = title.map((line, i) => text(HEAD_PAD_X, baseline(top + i * 30.8, 30.8, 22), line, 'h1')).join('');
    scenario.forEach((line, i) => {
      const y = baseline(top + title.length * 30.8 + 4 + i * 19.6, 19.6, 14);
      s +=
        i === 0
          ? `<text x="${HEAD_PAD_X}" y="${n(y)}" class="sc"><tspan class="b">${escapeXml(scenarioLabel)}</tspan>${escapeXml(` ${line}`)}</text>`
          : text(HEAD_PAD_X, y, line, 'sc');
    });
    return s;
  };

  let markup = '';
  let height: number;
  if (sideBySide) {
    const contentH = Math.max(titleH, ...items.map((i) => i.height));
    height = 2 * HEAD_PAD_Y + contentH;
    markup += drawTitle(HEAD_PAD_Y + (contentH - titleH) / 2);
    let x = HEAD_PAD_X + titleW + 16;
    const cy = HEAD_PAD_Y + contentH / 2;
    items.forEach((item, i) => {
      markup += item.draw(x, cy);
      x += item.width + gapAfter(i);
    });
  } else {
    // Too narrow: the badge and personas go below the title, in as many rows as they need.
    markup += drawTitle(HEAD_PAD_Y);
    let top = HEAD_PAD_Y + titleH + 8;
    let row: HeadItem[] = [];
    let rowW = 0;
    const flush = () => {
      const rowH = Math.max(...row.map((i) => i.height));
      let x = HEAD_PAD_X;
      for (const item of row) {
        markup += item.draw(x, top + rowH / 2);
        x += item.width + 12;
      }
      top += rowH + 8;
      row = [];
      rowW = 0;
    };
    for (const item of items) {
      if (row.length && rowW + 12 + item.width > inner) flush();
      rowW += (row.length ? 12 : 0) + item.width;
      row.push(item);
    }
    if (row.length) flush();
    height = top - 8 + HEAD_PAD_Y;
  }
  return { height, markup: `<g class="poster-head">${markup}</g>` };
}

// ---- grid ----

function stageHeaders(o: Out, grid: Grid, top: number, stageH: number, measure: Measure, survey: SurveyLayer | null): void {
  const parts: string[] = [];
  grid.columns.forEach((c, i) => {
    const x = LANE_W + c.x;
    // With the survey layer, the stage's own figures under its name and its heat behind it (FrozenHeaders on screen).
    const figures = survey ? survey.figuresOf(stageTarget(c.stage.id)) : [];
    const badges = survey ? vocBadges(figures, survey, STAGE_W - 42 - 8) : null;
    parts.push(
      `<rect x="${x}" y="${n(top)}" width="${STAGE_W}" height="${stageH}" fill="${heatOf(figures) ?? CANVAS}"/>`,
      `<path d="M${x + STAGE_W - 0.5} ${n(top)}v${stageH}" stroke="${LINE}"/>`,
      `<circle cx="${x + 12 + SIZES.stageNumber / 2}" cy="${n(top + stageH / 2)}" r="${SIZES.stageNumber / 2}" fill="${ACCENT}"/>`,
      text(x + 12 + SIZES.stageNumber / 2, baseline(top + stageH / 2 - 7.7, 15.4, 11), String(i + 1), 'sn'),
    );
    // The name: up to 2 lines, centred in the row (with its figures under it).
    const lines = wrapText(c.stage.name, FONTS.bodyBold, STAGE_W - 42 - 13, 2, measure);
    const contentH = lines.length * 19.6 + (badges ? 2 + BADGE_H : 0);
    const y0 = top + (stageH - contentH) / 2;
    lines.forEach((line, l) => parts.push(text(x + 42, baseline(y0 + l * 19.6, 19.6, 14), line, 'sh')));
    if (badges) parts.push(badges.draw(x + 42, y0 + lines.length * 19.6 + 2));
  });
  o.push(`<g class="stages">${parts.join('')}`);
  if (grid.columns.length) o.push(`<path d="M${LANE_W} ${n(top + stageH - 0.5)}H${LANE_W + grid.width}" stroke="${LINE_STRONG}"/>`);
  o.push('</g>');
}

function laneHeaders(o: Out, grid: Grid, top: number, measure: Measure): void {
  o.push('<g class="lanes">');
  for (const r of grid.rows) {
    const y = top + r.y;
    const laneIcon = LANE_ICONS[r.lane.kind];
    const iconW = 14;
    const spaceW = measure(' ', FONTS.bodyBold);
    const maxLines = Math.max(1, Math.floor((r.height - 16 + 2) / 19.6));
    const lines = wrapText(r.lane.name, FONTS.bodyBold, 175, maxLines, measure, 175 - iconW - spaceW);
    o.push(
      `<rect x="0" y="${n(y)}" width="${LANE_W}" height="${r.height}" fill="${CANVAS}"/>`,
      `<rect x="0" y="${n(y)}" width="${SIZES.laneBar}" height="${r.height}" fill="${LANE_COLORS[r.lane.kind] ?? COLORS.laneDefault}"/>`,
      `<path d="M${SIZES.laneBar} ${n(y + r.height - 0.5)}H${LANE_W}" stroke="${LINE}"/>`,
      icon(laneIcon, 14, y + 8 + 9.8, 14, INK),
      ...lines.map((line, i) => text(i === 0 ? 14 + iconW + spaceW : 14, baseline(y + 8 + i * 19.6, 19.6, 14), line, 'sh')),
    );
  }
  if (grid.rows.length) o.push(`<path d="M${LANE_W - 0.5} ${n(top)}v${grid.height}" stroke="${LINE_STRONG}"/>`);
  o.push('</g>');
}

function cells(o: Out, grid: Grid, notes: CurveNotes): void {
  o.push('<g class="cells">');
  for (const r of grid.rows) {
    if (r.lane.kind === 'emotions' && !r.lane.collapsed) {
      // The band's gradient behind the curve; its notes, under it, on paper.
      o.push(
        `<rect y="${r.y}" width="${grid.width}" height="${r.height - notes.height}" fill="url(#emo-bg)"/>`,
        `<path d="M0 ${r.y + r.height - 0.5}H${grid.width}" stroke="${LINE}"/>`,
      );
      continue;
    }
    o.push(`<rect y="${r.y}" width="${grid.width}" height="${r.height}" fill="${CELL_FILLS[r.lane.kind] ?? PAPER}"/>`);
    if (STRIPED.has(r.lane.kind)) o.push(stripes(r.y, grid.width, r.height));
    const d = grid.columns.map((c) => `M${c.x + STAGE_W - 0.5} ${r.y}v${r.height}`).join('');
    o.push(`<path d="${d}M0 ${r.y + r.height - 0.5}H${grid.width}" stroke="${LINE}"/>`);
  }
  o.push('</g>');
}

/**
 * The faint diagonal stripes of back-stage and support lanes (CSS: repeating-linear-gradient(135deg,
 * transparent 0 14px, 4 % slate 14px 15px)) as plain lines: an SVG pattern that is rotated costs
 * seconds to rasterise on a big map.
 */
function stripes(top: number, width: number, height: number): string {
  const step = 15 * Math.SQRT2;
  let d = '';
  for (let c = 14.5 * Math.SQRT2; c < width + height; c += step) {
    // The line x + y = c, inside the band.
    const x1 = Math.max(0, c - height);
    const x2 = Math.min(width, c);
    d += `M${n(x1)} ${n(top + c - x1)}L${n(x2)} ${n(top + c - x2)}`;
  }
  return `<path d="${d}" stroke="${TRANSLUCENT.stripe.color}" stroke-opacity="${TRANSLUCENT.stripe.opacity}"/>`;
}

function links(journey: Journey, grid: Grid): { paths: string; labels: string } {
  const paths: string[] = [];
  const labels: string[] = [];
  const rings: string[] = [];
  for (const link of journey.links.values()) {
    const a = grid.slots.get(link.from);
    const b = grid.slots.get(link.to);
    if (!a || !b) continue;
    const d = linkRoute(a, b);
    // Across the line of visibility: dashed, with a ring where it crosses (as on the canvas).
    if (crossesLineOfVisibility(journey, a.card, b.card)) {
      const lineY = visibilityLineBetween(grid.rows, a.card.laneId, b.card.laneId);
      const at = lineY === null ? null : crossingAt(d.points, lineY);
      paths.push(`<path class="crossing" d="${d.path}" stroke-dasharray="7 4"/>`);
      if (at) rings.push(`<circle cx="${n(at.x)}" cy="${n(at.y)}" r="4.5"/>`);
    } else paths.push(`<path d="${d.path}"/>`);
    if (link.label) labels.push(text(d.labelX, d.labelY, link.label, 'll mid'));
  }
  return {
    paths:
      (paths.length ? `<g class="links" fill="none" stroke="${COLORS.link}" stroke-width="2" marker-end="url(#arrow)">${paths.join('')}</g>` : '') +
      (rings.length ? `<g class="link-crossings" fill="${COLORS.paper}" stroke="${COLORS.link}" stroke-width="2">${rings.join('')}</g>` : ''),
    labels: labels.length ? `<g class="link-labels">${labels.join('')}</g>` : '',
  };
}

// ---- emotional curve ----

function emotionBand(o: Out, journey: Journey, grid: Grid, row: LaneRow, measure: Measure, notes: CurveNotes): void {
  const series = curveSeries(journey);
  // The curve keeps the band's height on screen; the notes are drawn whole below it.
  const h = row.height - notes.height;
  const parts: string[] = [`<g class="emotions" transform="translate(0 ${row.y})">`];
  if (journey.personas.size > 1) {
    // The legend of the curves, top left as the HTML list is (under the curves).
    let x = 20;
    const items: string[] = [];
    series.forEach((serie, si) => {
      const p = serie.persona;
      const color = curveColor(si);
      const dash = curveDash(si);
      items.push(`<path d="M${x} 16.4h28" stroke="${color}" stroke-width="${CURVE_POINT.line}"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`);
      x += 34;
      if (p?.picture.startsWith('data:image/')) {
        items.push(`<image x="${x}" y="9.4" width="14" height="14" preserveAspectRatio="xMidYMid slice" xlink:href="${escapeXml(p.picture)}"/>`);
        x += 14 + measure(' ', FONTS.legend);
      } else if (p?.picture) {
        items.push(text(x, baseline(8, 16.8, 12), p.picture, 'e lg'));
        x += measure(p.picture, emojiFont(12)) + measure(' ', FONTS.legend);
      }
      const name = p?.name ?? '';
      items.push(text(x, baseline(8, 16.8, 12), name, 'lg'));
      x += measure(name, FONTS.legend) + 16;
    });
    parts.push(`<rect x="12" y="6" width="${n(x - 16 - 12 + 8)}" height="20.8" rx="6" fill="${TRANSLUCENT.legendBackdrop.color}" fill-opacity="${TRANSLUCENT.legendBackdrop.opacity}"/>`, ...items);
  }
  for (const s of [-2, -1, 0, 1, 2]) {
    const y = n(scoreY(s, h));
    parts.push(`<path d="M0 ${y}H${grid.width}" stroke="${s === 0 ? LINE_STRONG : LINE}"${s === 0 ? ' stroke-dasharray="4 4"' : ''}/>`);
  }
  series.forEach((serie, si) => {
    const color = curveColor(si);
    const dash = curveDash(si);
    const points = serie.points.flatMap((e, i) => (e ? [{ x: stageMidX(i), y: Math.round(scoreY(e.score, h) * 100) / 100 }] : []));
    if (points.length) {
      parts.push(`<path d="${smoothPath(points).replace(/\d+\.\d{3,}/g, (v) => n(Number(v)))}" fill="none" stroke="${color}" stroke-width="${CURVE_POINT.line}"${dash ? ` stroke-dasharray="${dash}"` : ''} stroke-linecap="round"/>`);
    }
    serie.points.forEach((e, i) => {
      if (!e) return;
      const x = pointX(i, si, series.length);
      const y = scoreY(e.score, h);
      const labelLeft = series.length > 1 && si % 2 === 0;
      parts.push(
        `<circle cx="${n(x)}" cy="${n(y)}" r="${CURVE_POINT.radius}" fill="${PAPER}" stroke="${color}" stroke-width="${CURVE_POINT.ring}"/>`,
        icon(FACE_ICONS[e.score], x - CURVE_POINT.face / 2, y, CURVE_POINT.face, INK),
        text(labelLeft ? x - CURVE_POINT.labelDx : x + CURVE_POINT.labelDx, y + CURVE_POINT.labelDy, e.score > 0 ? `+${e.score}` : String(e.score), 'es', labelLeft ? ' text-anchor="end"' : ''),
      );
    });
  });
  parts.push(notesMarkup(notes, h, grid.width), '</g>');
  o.push(parts.join(''));
}

// ---- cards ----

/** A mark a card kind declares, as a pill in the colours of its tone (the same as on screen). */
function badgeOf(mark: Mark, ctx: CardContext): Badge {
  const tone = TONE[mark.tone as keyof typeof TONE] ?? TONE.channel;
  // An assumption's outline is dashed, as on screen (.badge-assumption), so it reads without colour.
  return { fill: tone.fill, ink: tone.ink, border: tone.border, dashed: mark.tone === 'assumption', icon: mark.icon, label: wordsText(ctx.t, mark.words, ctx.number) };
}

function cardMarkup(o: Out, card: Card, x: number, y: number, ctx: CardContext): void {
  const { t, measure } = ctx;
  const def = defOf(card);
  const face = def.face(card);
  const mot = face.strip !== null;
  const border = mot ? SIZES.motBorder : 1;
  const left = SIZES.kindBar + SIZES.cardPadX;
  const right = CARD_W - border - SIZES.cardPadX;
  const contentW = right - left;
  const bottom = CARD_H - border - SIZES.cardPadBottom;
  // The layers: a touchpoint's survey figures and heat; its department's colour under the lens
  // (the heat, when both, fills the card, as on screen); the loop's age on its footer.
  const { survey, lens } = ctx;
  const figures = survey && card.kind === 'touchpoint' ? survey.figuresOf(touchpointTarget(card.id)) : [];
  const color = lens?.colorOf(card);
  const fill = heatOf(figures) ?? (color ? lensFill(color) : undefined);
  const frameId = lens && color ? `${lens.frameOf(color)}${mot ? '-mot' : ''}` : `frame-${mot ? 'mot' : card.kind}`;
  const parts: string[] = [
    `<g class="card" data-kind="${card.kind}${mot ? ' mot' : ''}" transform="translate(${x} ${y})">`,
    '<use xlink:href="#shadow"/>',
    `<use xlink:href="#${frameId}"/>`,
  ];
  if (fill) parts.push(`<use xlink:href="#${mot ? 'in-mot' : 'in-1'}" fill="${fill}"/>`, mot ? '<use xlink:href="#mot-strip"/>' : '');

  // Top row: the kind's icon, then its badge, then the evidence mark; the survey badge at its end,
  // where the others give way to it (styles.css .card-top .voc-badges).
  let top = mot ? border + 18 + 3 : border + SIZES.cardPadTop;
  const kindW = 12;
  parts.push(icon(def.icon, left, top + TOP_ROW_H / 2, 12, INK));
  let badgeX = left + kindW + 4;
  const voc = survey ? vocBadges(figures, survey, contentW - kindW - 4) : null;
  if (voc) parts.push(voc.draw(Math.max(badgeX, right - voc.width), top + (TOP_ROW_H - BADGE_H) / 2));
  const badgesRight = voc ? right - voc.width - 4 : right;
  for (const mark of [face.badge, evidenceMark(card)]) {
    if (!mark) continue;
    const room = badgesRight - badgeX;
    if (room < 25) break;
    const drawn = badgeMarkup(badgeOf(mark, ctx), badgeX, top + (TOP_ROW_H - BADGE_H) / 2, room, measure);
    parts.push(drawn.markup);
    badgeX += drawn.width + 4;
  }
  top += TOP_ROW_H + 3;

  // Footer, at the bottom.
  // (With the layers: a loop's age and owner, on one line or two; or a moment of truth's missing department.)
  const loop = ctx.now !== null ? loopMark(card, t, ctx.now) : null;
  const loopDrawn = loop ? loopFooter(loop, left, right, bottom, FOOTER_H, t, measure) : null;
  const flag = lens && !face.footer ? unownedFlag(card, lens, t, measure) : null;
  const footerH = loopDrawn ? loopDrawn.height : flag ? flag.height : face.footer?.layout === 'figure' ? METRIC_FOOTER_H : face.footer ? FOOTER_H : 0;
  const footerTop = bottom - footerH;
  if (loopDrawn) parts.push(loopDrawn.markup);
  else if (flag) parts.push(flag.draw(left, right, bottom));
  else if (face.footer) parts.push(footerMarkup(face.footer, left, right, footerTop, ctx));

  // The text between them: at most 3 lines, as many as fit.
  const empty = !card.text;
  const lineH = empty ? PLACEHOLDER_LINE : TEXT_LINE;
  const textBottom = footerH ? footerTop - 3 : bottom;
  const maxLines = Math.max(1, Math.min(3, Math.floor((textBottom - top + 2) / lineH)));
  const lines = wrapText(empty ? t('card.placeholder') : card.text, empty ? FONTS.placeholder : FONTS.text, contentW, maxLines, measure);
  lines.forEach((line, i) => parts.push(text(left, baseline(top + i * lineH, lineH, empty ? 12 : 13), line, empty ? 'ph' : 'tx')));

  if (lens) parts.push(lensTag(card, lens, measure));
  parts.push('</g>');
  o.push(parts.join(''));
}

function footerMarkup(footer: Footer, left: number, right: number, top: number, ctx: CardContext): string {
  const { t, measure } = ctx;
  const say = (w: Words) => wordsText(t, w, ctx.number);
  const y = baseline(top, FOOTER_H, 11);
  const width = right - left;
  const middle = top + FOOTER_H / 2;
  /** An icon and a text after it, cut to `room`. */
  const withIcon = (name: IconName, label: string, room: number, cls: string) => {
    const iconW = 11 + measure(' ', FONTS.small);
    return icon(name, left, middle, 11, INK_SOFT) + text(left + iconW, y, ellipsize(label, FONTS.small, room - iconW, measure), cls);
  };
  switch (footer.layout) {
    case 'line':
      return withIcon(footer.icon, say(footer.words), width, 'ft');
    case 'figure': {
      const value = say(footer.value);
      const caption = say(footer.caption);
      const valueW = measure(value, FONTS.value);
      return (
        text(left, baseline(top, METRIC_FOOTER_H, 16), ellipsize(value, FONTS.value, width, measure), 'mv') +
        text(right, y, ellipsize(caption, FONTS.small, Math.max(0, width - valueW - 6), measure), 'ft', ' text-anchor="end"')
      );
    }
    case 'loop': {
      const color = TONE[footer.status.tone as keyof typeof TONE]?.ink ?? INK_SOFT;
      const statusIconW = 11 + measure(' ', FONTS.smallSemi);
      const statusText = ellipsize(say(footer.status.words), FONTS.smallSemi, width / 2 - statusIconW, measure);
      const statusW = statusIconW + measure(statusText, FONTS.smallSemi);
      return (
        withIcon('user', footer.owner || t('card.noOwner'), width - statusW - 6, footer.owner ? 'ft' : 'ft mu') +
        icon(footer.status.icon, right - statusW, middle, 11, color) +
        text(right, y, statusText, 'ft st', ` style="fill:${color}" text-anchor="end"`)
      );
    }
    default:
      return '';
  }
}

// ---- legend ----

/** The legend: the kinds and marks, then a row (or more) per layer drawn (`groups`, from ./poster/). */
function legendBlock(t: Tr, measure: Measure, width: number, top: number, groups: LegendItem[][] = []): { height: number; markup: string } {
  const items: LegendItem[] = [];
  const spaceW = measure(' ', FONTS.legend);
  for (const kind of ['note', 'touchpoint', 'gap', 'opportunity', 'metric'] as const) {
    const kindIcon = CARD_KIND_ICONS[kind];
    const label = t(`card.kind.${kind}`);
    const iconW = 12;
    items.push({
      width: 19 + iconW + spaceW + measure(label, FONTS.legend),
      draw: (x, y) =>
        `<path d="M${n(x + 3)} ${n(y + 2)}H${n(x + 5)}V${n(y + 16)}H${n(x + 3)}A3 3 0 0 1 ${n(x)} ${n(y + 13)}V${n(y + 5)}A3 3 0 0 1 ${n(x + 3)} ${n(y + 2)}Z" fill="${KIND_COLORS[kind]}"/>` +
        `<path d="M${n(x + 5)} ${n(y + 2.5)}H${n(x + 11)}A2.5 2.5 0 0 1 ${n(x + 13.5)} ${n(y + 5)}V${n(y + 13)}A2.5 2.5 0 0 1 ${n(x + 11)} ${n(y + 15.5)}H${n(x + 5)}" fill="none" stroke="${LINE_STRONG}"/>` +
        icon(kindIcon, x + 19, y + 0.6 + 8.4, 12, INK) +
        text(x + 19 + iconW + spaceW, baseline(y + 0.6, 16.8, 12), label, 'lg'),
    });
  }
  const mot = t('card.momentOfTruth');
  items.push({
    width: 23 + measure(mot, FONTS.legend),
    draw: (x, y) =>
      `<rect x="${n(x)}" y="${n(y)}" width="18" height="18" rx="4" fill="${TONE.mot.fill}"/>` +
      icon(MOT_ICON, x + 3.5, y + 9, 11, TONE.mot.ink) +
      text(x + 23, baseline(y + 0.6, 16.8, 12), mot, 'lg'),
  });
  for (const s of [1, 2, 3] as const) {
    const label = t(`card.severity.${s}`);
    const c = SEVERITY_COLORS[s];
    items.push({ width: 14 + 13.5 + measure(label, FONTS.badge), draw: (x, y) => badgeMarkup({ ...c, icon: SEVERITY_ICONS[s], label }, x, y + 0.65, Infinity, measure).markup });
  }
  // Laid out as the HTML flex row: 14 px apart, wrapping onto more rows when the poster is narrow;
  // each layer's entries start a row of their own.
  const rows: { x: number; item: LegendItem }[][] = [];
  let x = HEAD_PAD_X;
  for (const group of [items, ...groups]) {
    rows.push([]);
    x = HEAD_PAD_X;
    for (const item of group) {
      if (x > HEAD_PAD_X && x + item.width > width - HEAD_PAD_X) {
        rows.push([]);
        x = HEAD_PAD_X;
      }
      rows[rows.length - 1]!.push({ x, item });
      x += item.width + 14;
    }
  }
  const height = 1 + 24 + rows.length * 18 + (rows.length - 1) * 14;
  let markup = `<g class="legend"><path d="M0 ${n(top + 0.5)}H${width}" stroke="${LINE}"/>`;
  rows.forEach((row, i) => {
    for (const { x: ix, item } of row) markup += item.draw(ix, top + 13 + i * 32);
  });
  return { height, markup: `${markup}</g>` };
}
