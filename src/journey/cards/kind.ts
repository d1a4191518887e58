// What a card kind declares, in one place (one module per kind beside this file, gathered by
// registry.ts): its fields with their types, defaults and checks; the lane it lives in; how it is
// drawn (the card face on the canvas, and the same marks in the poster and print); its inspector
// fields; its CSV columns; its report lines. The rest of the app asks the registry rather than
// switching on `card.kind`. Pure data and functions: the views turn the descriptions into DOM or SVG.
import type * as v from 'valibot';
import type { MessageKey } from '../../i18n/en';
import type { IconName } from '../../views/icons';
import type { CardBase, LaneKind } from '../types';

/** Words to show: a catalogue message (translated where it is drawn), text as typed, or a number
 * (written the language's way where it is drawn). */
export type Words = { key: MessageKey; params?: Record<string, string | number> } | { plain: string } | { number: number };
export const say = (key: MessageKey, params?: Record<string, string | number>): Words => ({ key, params });
export const plain = (text: string): Words => ({ plain: text });

/**
 * A mark on a card: an icon with words, so colour is never the only signal. `tone` names its colours
 * (CSS class `tone-<tone>` on the canvas, the poster's table of the same name).
 */
export interface Mark {
  icon: IconName;
  words: Words;
  tone: string;
}

/** The bottom row of a card. `figure`: a big value and its caption; `loop`: who owns it and its status. */
export type Footer =
  | { layout: 'line'; icon: IconName; words: Words }
  | { layout: 'figure'; value: Words; caption: Words }
  | { layout: 'loop'; owner: string; status: Mark };

export interface Face {
  /** A band across the top (a moment of truth). */
  strip: Mark | null;
  /** The kind's own badge beside the kind icon (channel, severity, priority, metric). */
  badge: Mark | null;
  footer: Footer | null;
  /** Extra class names of the card (`card-mot`). */
  classes: readonly string[];
  /** What a screen reader hears after the kind's name ("Moment of truth", "Severity: high"). */
  says: readonly Words[];
}

/** One field of the inspector, described; `key` is the card field it edits. */
export type InspectorField =
  | { type: 'select'; key: string; label: MessageKey; options: readonly { value: string; words: Words }[]; numeric?: boolean }
  | { type: 'text'; key: string; label: MessageKey; multiline?: boolean; suggest?: 'departments'; inputType?: 'url' }
  | { type: 'check'; key: string; label: MessageKey }
  | { type: 'number'; key: string; label: MessageKey; min?: number }
  | { type: 'statusStamp' };

/** Reading a CSV row's cells; each reader reports a bad cell itself (by line, in the import's words). */
export interface CsvCells {
  /** The cell as typed (its formula guard removed); '' when the file has no such column. */
  text(column: string): string;
  /** One of `values` (matched loosely), undefined when empty or not one of them (then reported). */
  oneOf<T extends string>(column: string, values: readonly T[]): T | undefined;
  /** yes/no (in the three languages); undefined when empty or not a yes/no (then reported). */
  yesNo(column: string): boolean | undefined;
  /** A number; null when empty, undefined when not a number (then reported). */
  number(column: string): number | null | undefined;
  /** A count (a whole number ≥ 0); null when empty, undefined when not (then reported). */
  count(column: string): number | null | undefined;
  /** 1–3 or low/medium/high (in the three languages); undefined when empty or not (then reported). */
  severity(column: string): 1 | 2 | 3 | undefined;
}

/** A card's CSV columns: written in this order, read back by name. */
export interface CsvColumns<C> {
  columns: readonly string[];
  /** The cells of this card; text a user typed is listed in `typed` (the formula guard applies). */
  write(card: C): Record<string, string>;
  /** Columns that hold what users typed (guarded against spreadsheet formulas). */
  typed: readonly string[];
  /** The fields a row gives (undefined fields take the kind's defaults). */
  read(cells: CsvCells): Partial<OwnFields<C>>;
}

/** How a report (Markdown, the printed summary) writes a card around its text. */
export interface ReportLines {
  /** Bold words before the text ("Severity: high"); `star` marks a moment of truth (★). */
  lead: Words | null;
  star?: boolean;
  /** After the text and " — ", joined with " · ": words, or an owner (flagged when there is none). */
  after: readonly (Words | { owner: string })[];
  /** A figure after the text and ": " (a metric: "**NPS 42** (n = 120)"). */
  figure?: { name: Words; value: Words; caption: Words };
  /** Lines under the card: a label and the value as typed ("Expectation: …"). */
  details: readonly { label: Words; value: string }[];
}

/** A kind's own fields: all but identity, placement, text and evidence (which every card has). */
export type OwnFields<C> = Omit<C, keyof CardBase | 'kind' | 'evidence' | 'evidenceLink'>;

export interface CardKindDef<K extends string, C extends CardBase & { kind: K }> {
  kind: K;
  /** Its name (`card.kind.*`) and icon. */
  name: MessageKey;
  icon: IconName;
  /** The lane kind its cards go to when a file names no lane of the map. */
  homeLane: LaneKind;
  /** The kind's own fields: type, check and the value a missing field reads as. */
  fields: v.ObjectEntries;
  /** The fields of a new card of this kind (`now`: the loop's status time). */
  initial(now: number): OwnFields<C>;
  face(card: C): Face;
  inspector(card: C): readonly InspectorField[];
  csv: CsvColumns<C>;
  report(card: C): ReportLines;
  /** Who answers for the card (a touchpoint's department, a loop's owner): the department lens and filter. */
  responsible(card: C): string;
}
