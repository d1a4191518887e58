// Touchpoint's look, defined once: the colours and the sizes that the app's style sheet
// (src/styles.css), the SVG/PNG poster (src/export/posterSvg.ts, drawn without the DOM, also in Node)
// and the emotional curve share. Plain constants, so everything that draws can import them; at start
// (src/main.tsx) `applyTheme` writes them as CSS custom properties `--tp-…` on the page's root, and
// styles.css uses `var(--tp-…)` instead of literals (theme.test.ts keeps it so). The sizes the grid
// layout needs stay in src/journey/layout.ts, and are written from there.
import { CARD_H, CARD_W, CELL_PAD } from '../journey/layout';
import type { CardKind, LaneKind } from '../journey/types';

/**
 * Every colour a token below uses, by its name in Tailwind's palette (where the app's colours come
 * from). styles.css uses a palette colour itself only where no token says what it means.
 */
export const PALETTE = {
  white: '#fff',
  slate50: '#f8fafc',
  slate200: '#e2e8f0',
  slate300: '#cbd5e1',
  slate400: '#94a3b8',
  slate500: '#64748b',
  slate600: '#475569',
  slate800: '#1e293b',
  slate900: '#0f172a',
  indigo50: '#eef2ff',
  indigo600: '#4f46e5',
  red50: '#fef2f2',
  red100: '#fee2e2',
  red400: '#f87171',
  red600: '#dc2626',
  red700: '#b91c1c',
  red800: '#991b1b',
  orange100: '#ffedd5',
  orange800: '#9a3412',
  amber50: '#fffbeb',
  amber100: '#fef3c7',
  amber700: '#b45309',
  yellow100: '#fef9c3',
  yellow600: '#ca8a04',
  yellow800: '#854d0e',
  green50: '#f0fdf4',
  green100: '#dcfce7',
  green200: '#bbf7d0',
  green400: '#4ade80',
  green600: '#16a34a',
  green700: '#15803d',
  green800: '#166534',
  sky50: '#f0f9ff',
  sky100: '#e0f2fe',
  sky300: '#7dd3fc',
  sky600: '#0284c7',
  sky800: '#075985',
  violet50: '#f5f3ff',
  violet100: '#ede9fe',
  violet300: '#c4b5fd',
  violet600: '#7c3aed',
  violet800: '#5b21b6',
  pink600: '#db2777',
} as const;

const P = PALETTE;

/** A mark's colours: its fill, its text and icon, its border ('' for none). */
export interface ToneColors {
  fill: string;
  ink: string;
  border: string;
}
const tone = (fill: string, ink: string, border = ''): ToneColors => ({ fill, ink, border });

/** What each colour means. */
export const COLORS = {
  ink: P.slate800,
  inkSoft: P.slate600,
  muted: P.slate500,
  line: P.slate200,
  lineStrong: P.slate300,
  /** The map's grid: the lines between cells, quieter than any card's border. */
  gridLine: '#eaeef4',
  /** The frozen stage header band: a touch darker than the canvas, so the band reads as a heading. */
  stageBand: '#f3f5f9',
  paper: P.white,
  canvas: P.slate50,
  /** Text and icons on a coloured fill (a stage's number, a moment of truth's strip, a name tag). */
  inverse: P.white,
  accent: P.indigo600,
  accentSoft: P.indigo50,
  danger: P.red700,
  /** A moment of truth's frame and strip; `goldSoft` the background of a notice. */
  gold: P.amber700,
  goldSoft: P.amber100,
  /** Shadows and what dims the page behind a dialog or a spotlight. */
  shadow: P.slate900,
  /** The arrows of the links between cards. */
  link: P.slate500,
  /** The bar on a card's left edge, by kind. */
  kind: { note: P.slate400, touchpoint: P.sky600, gap: P.red600, opportunity: P.green600, metric: P.violet600 } satisfies Record<CardKind, string>,
  /** The bar on a lane header's left edge, by lane kind (`laneDefault` for the others). */
  lane: {
    touchpoints: P.sky600,
    painPoints: P.red600,
    opportunities: P.green600,
    metrics: P.violet600,
    emotions: P.pink600,
    thoughts: P.yellow600,
  } satisfies Partial<Record<LaneKind, string>>,
  laneDefault: P.slate400,
  /** A lane's cells, softly tinted by kind (paper for the others); back stage and support are also striped. */
  cell: {
    touchpoints: '#f8fbff',
    painPoints: '#fffafa',
    opportunities: '#fbfef9',
    thoughts: '#fffdf7',
    backStage: '#fafafa',
    support: '#fafafa',
  } satisfies Partial<Record<LaneKind, string>>,
  /** A mark's colours by its tone (the names of src/journey/cards' marks): badges, the strip, a status. */
  tone: {
    channel: tone(P.sky100, P.sky800),
    'sev-1': tone(P.yellow100, P.yellow800),
    'sev-2': tone(P.orange100, P.orange800),
    'sev-3': tone(P.red100, P.red800, P.red400),
    'prio-low': tone(P.green100, P.green800),
    'prio-medium': tone(P.green100, P.green800),
    'prio-high': tone(P.green200, P.green800, P.green400),
    metric: tone(P.violet100, P.violet800),
    mot: tone(P.amber700, P.white),
    'status-open': tone('', P.red700),
    'status-inProgress': tone('', P.amber700),
    'status-done': tone('', P.green700),
    /** What a card rests on: quiet when there is evidence, an outlined (dashed) warm mark for an assumption. */
    evidence: tone(P.slate50, P.slate600, P.slate400),
    assumption: tone(P.amber50, P.orange800, P.orange800),
  },
  /** The map's current/future badge. */
  variant: {
    current: tone(P.sky50, P.sky800, P.sky300),
    future: tone(P.violet50, P.violet800, P.violet300),
  },
  /** What a comparison marks on a card (always with its word: the colour only helps), and the frame of
   * a version shown read-only from the history. */
  compare: {
    added: tone(P.green100, P.green800, P.green600),
    removed: tone(P.red100, P.red800, P.red600),
    changed: tone(P.amber100, P.orange800, P.amber700),
    moved: tone(P.sky100, P.sky800, P.sky600),
  },
  version: tone(P.indigo50, P.slate800, P.indigo600),
  /** The emotional curve's band: green at the top (delight) through paper to red (pain), its axes. */
  emotion: { high: P.green50, middle: P.white, low: P.red50, axis: P.slate200, axisZero: P.slate300 },
  /** The pale wash at the top of a moment of truth. */
  motWash: P.amber50,
};

/** A colour seen through: its colour and how opaque it is. */
export interface Translucent {
  color: string;
  opacity: number;
}

/** Colours drawn translucent, the same in the app and the poster. */
export const TRANSLUCENT = {
  /** The faint diagonal stripes of back-stage and support lanes. */
  stripe: { color: P.slate500, opacity: 0.04 },
  /** Behind the emotional curve's legend, over the band. */
  legendBackdrop: { color: P.white, opacity: 0.85 },
} satisfies Record<string, Translucent>;

/** Sizes in px the style sheet and the poster share (the grid's from layout.ts). */
export const SIZES = {
  cardW: CARD_W,
  cardH: CARD_H,
  cellPad: CELL_PAD,
  /** A card's corner radius (and the app's panels'). */
  radius: 10,
  /** The kind's bar on a card's left edge; `motBorder` the gold frame of a moment of truth. */
  kindBar: 5,
  motBorder: 2,
  /** A card's padding inside its border: top, left and right, bottom. */
  cardPadTop: 7,
  cardPadX: 9,
  cardPadBottom: 6,
  /** The kind's bar on a lane header's left edge. */
  laneBar: 4,
  /** The round stage number's diameter. */
  stageNumber: 22,
} as const;

/** The picture's and print's lane header width and stage header height. */
export const POSTER_SIZES = { laneW: 200, stageH: 52 } as const;

/** A point of the emotional curve, the same in the app (EmotionCurve) and the poster. */
export const CURVE_POINT = {
  /** The ring around the face, and its stroke; `line` the curve's own stroke. */
  radius: 17,
  ring: 3,
  line: 3,
  face: 22,
  /** Where the score is written, beside the ring. */
  labelDx: 23,
  labelDy: 4,
} as const;

/** The service blueprint's lines, the same on screen and in pictures: each its own stroke (the dashes; none is solid), 2 px in `inkSoft`. */
export const BLUEPRINT_DASH = { interaction: null, visibility: '10 6', internalInteraction: '2 5' } as const;

/** `rgb(r g b / a)` of a `#rgb` or `#rrggbb` colour: how CSS spells a translucent token. */
export function cssTranslucent({ color, opacity }: Translucent): string {
  const h = color.slice(1);
  const v = parseInt(h.length === 3 ? [...h].map((c) => c + c).join('') : h, 16);
  return `rgb(${(v >> 16) & 255} ${(v >> 8) & 255} ${v & 255} / ${opacity})`;
}

/** `inkSoft` → `ink-soft`, `slate800` → `slate-800`, `status-inProgress` → `status-in-progress`. */
const kebab = (key: string) => key.replace(/([a-z])([A-Z0-9])/g, '$1-$2').toLowerCase();

function flatten(prefix: string, value: unknown, put: (name: string, value: string) => void): void {
  if (typeof value === 'string') {
    // An empty colour is "none" (a tone without a border): no property, so a var() falls back.
    if (value) put(prefix, value);
    return;
  }
  for (const [key, inner] of Object.entries(value as object)) flatten(`${prefix}-${kebab(key)}`, inner, put);
}

/** Every token as a CSS custom property and its value: `--tp-ink` → `#1e293b`, `--tp-card-w` → `220px`. */
export function themeProperties(): Map<string, string> {
  const out = new Map<string, string>();
  const put = (name: string, value: string) => {
    if (out.has(name)) throw new Error(`two tokens are named ${name}`);
    out.set(name, value);
  };
  flatten('--tp', PALETTE, put);
  flatten('--tp', COLORS, put);
  for (const [key, t] of Object.entries(TRANSLUCENT)) put(`--tp-${kebab(key)}`, cssTranslucent(t));
  for (const [key, px] of Object.entries(SIZES)) put(`--tp-${kebab(key)}`, `${px}px`);
  return out;
}

/**
 * Writes the tokens on `root` (the page's <html>) as custom properties. Through the CSSOM, which the
 * page's Content-Security-Policy (style-src 'self', no inline styles) allows, unlike a <style>.
 */
export function applyTheme(root: { style: Pick<CSSStyleDeclaration, 'setProperty'> }): void {
  for (const [name, value] of themeProperties()) root.style.setProperty(name, value);
}
