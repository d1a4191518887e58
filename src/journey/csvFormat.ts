// The card CSV's format, shared by the writer (src/export/csv.ts, `journeyToCsv`) and the import
// planner (./csvImport.ts, `planCsvImport`): the column names, the BOM, and the formula guard.
import { EVIDENCE_CSV, KIND_CSV_COLUMNS } from './cards';

/** The columns, in the order written: where the card is, what it is, each kind's own columns (as
 * the kinds declare them, src/journey/cards), its evidence, its links. The importer matches them by
 * name, in any order. */
export const CSV_COLUMNS = ['stage', 'lane', 'lane_kind', 'kind', 'text', ...KIND_CSV_COLUMNS, ...EVIDENCE_CSV, 'links_to'] as const;
/** A column's name (the kinds declare theirs). */
export type CsvColumn = string;

/** What separates the linked cards' texts in `links_to`. */
export const LINK_SEPARATOR = '; ';

export const BOM = '\uFEFF';

/**
 * CSV formula injection, guarded as OWASP recommends: a spreadsheet runs a cell that starts with
 * = + - @ (or a tab or carriage return that hides one) as a formula, so such a user-text cell is
 * written with one leading apostrophe, which spreadsheets show as text. That includes "-": a cell
 * like "-1+cmd|..." is live in an Excel with DDE, and list dashes ("- too slow") cost only an
 * apostrophe that the importer takes off again. Numbers the writer puts in value columns (a
 * metric's "-12") are not user text and are not guarded (only the kinds' `typed` columns are).
 * Text that already starts with apostrophes followed by one of those characters gets one more, so
 * that `unguardFormula` (used by the importer) removes exactly one apostrophe and the round trip
 * is exact.
 */
const FORMULA = /^'*[=+\-@\t\r]/;
const GUARDED = /^'+[=+\-@\t\r]/;

/** The columns whose values are enumerations the file may write in the interface language. */
export const CSV_ENUM_COLUMNS = ['kind', 'lane_kind', 'channel', 'severity', 'status', 'priority', 'metric', 'moment_of_truth', 'evidence'] as const;
export type CsvEnumColumn = (typeof CSV_ENUM_COLUMNS)[number];

/**
 * The file's words in one language, passed in as data (src/journey knows no catalogue): each
 * column's name, and for each enumerated column its values' words by machine value (`inProgress` →
 * "In corso"; severity by "1" "2" "3", moment of truth by "yes"). A value with no word is written
 * as its machine name. The writer uses one language's; the importer accepts every language's.
 */
export interface CsvWords {
  columns: Record<CsvColumn, string>;
  values: Partial<Record<CsvEnumColumn, Record<string, string>>>;
}

export function guardFormula(text: string): string {
  return FORMULA.test(text) ? `'${text}` : text;
}

export function unguardFormula(text: string): string {
  return GUARDED.test(text) ? text.slice(1) : text;
}
