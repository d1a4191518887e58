// The quarterly report's model, between the map's read model and the two files made of it: text
// whose parts users typed are marked (each format escapes them its own way), tables whose columns say
// which format shows them, pictures as trusted SVG markup with the words Markdown writes instead.
// model.ts builds it, html.ts and markdown.ts write it. Pure: no React, no Yjs, no DOM.
import type { Locale } from '../../i18n/catalogue';
import { formatDay, formatNumber } from '../../i18n/format';
import { localDay } from '../reportQuarters';

export interface Span {
  text: string;
  /** Typed by a user: escaped. Labels are trusted. */
  user?: boolean;
  strong?: boolean;
  em?: boolean;
  /** A class for the HTML (trend, warning). */
  cls?: string;
  /** Trusted markup the HTML shows instead of the text (a sparkline, a coloured dot); Markdown writes the text. */
  html?: string;
}
export type Line = Span[];

export interface Column {
  head: string;
  /** The heading was typed by a user (a persona's name): escaped. */
  user?: boolean;
  /** Right-aligned figures. */
  num?: boolean;
  /** A column only one format has (the HTML folds stage and department under the touchpoint's name). */
  only?: 'html' | 'md';
  /** Left empty in the HTML on a row that continues the group above (a touchpoint's second metric). */
  group?: boolean;
  cls?: string;
}

export interface Row {
  cells: Line[];
  /** The row continues the group of the row above it. */
  more?: boolean;
  /** A totals row. */
  total?: boolean;
}

/** A headline figure: the cover's tiles, a list in Markdown. */
export interface Tile {
  label: string;
  value: string;
  /** Under the value: the sample size, what it compares with. */
  detail: Line;
  /** `up`, `down`, `flat` or `alert`: the tile's accent. */
  tone?: string;
  /** Tiles of one row: the customer's voice, then the loops. */
  row: 'voice' | 'loops';
}

export interface QuoteGroup {
  heading: Line;
  items: { quote: string; meta: Line }[];
}

export type Block =
  | { kind: 'p'; line: Line; cls?: string }
  | { kind: 'list'; items: Line[]; cls?: string }
  | { kind: 'table'; columns: Column[]; rows: Row[]; cls?: string }
  | { kind: 'h3'; line: Line }
  | { kind: 'tiles'; tiles: Tile[] }
  | { kind: 'quotes'; groups: QuoteGroup[] }
  /** Trusted SVG markup; Markdown writes `instead` (a note, or a table of the same data). */
  | { kind: 'picture'; svg: string; cls?: string; caption?: Line; instead: Block[] };

export interface Section {
  id: string;
  title: string;
  /** One sentence under the title: what the section shows. */
  lead?: Line;
  blocks: Block[];
  /** Where the printed section starts: on a new page, or on a landscape page of its own (the map). */
  page?: 'new' | 'landscape';
}

export interface ReportModel {
  lang: string;
  /** "Quarterly report 2026-Q3". */
  kicker: string;
  /** The map's title. */
  heading: string;
  /** The cover: subtitle (scenario), the lines under it, the headline figures. */
  cover: { subtitle: Line | null; lines: Line[]; tiles: Tile[]; contents: string[] };
  /** The heading of the cover's list of sections. */
  contentsTitle: string;
  sections: Section[];
  /** What every printed page carries in its margins. */
  running: { title: string; kicker: string; made: string; version: string; page: string };
}

export const plain = (text: string, extra: Omit<Span, 'text'> = {}): Span => ({ text, ...extra });
export const user = (text: string, extra: Omit<Span, 'text' | 'user'> = {}): Span => ({ text, user: true, ...extra });

/** How the report writes numbers and days: in its language, or plainly with ISO days when it has none. */
export interface Writing {
  locale: Locale;
  count(n: number): string;
  /** A moment's local calendar day. */
  day(time: number): string;
}

export function writing(locale: Locale | undefined): Writing {
  const l = locale ?? 'en';
  return { locale: l, count: (n) => (locale ? formatNumber(locale, n) : String(n)), day: (time) => (locale ? formatDay(locale, time) : localDay(time)) };
}

/** A survey answer's day as written in the file (YYYY-MM-DD), the report's way. */
export function answerDay(w: Writing, date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? w.day(new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).getTime()) : date;
}
