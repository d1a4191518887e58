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
 * CSV formula injection (OWASP): a spreadsheet runs a cell that starts with = + @ (or a tab or
 * carriage return that hides one) as a formula. Such a user-text cell is written with one leading
 * apostrophe, which spreadsheets show as text. A leading "-" is deliberately left alone, although
 * OWASP lists it too: list dashes ("- too slow") and negative figures are common in what CX teams
 * write, and an apostrophe before each would change what they see in the sheet. The residual risk
 * is a cell like "-1+cmd|..." that an old Excel with DDE enabled may evaluate; the cells are
 * written by the map's own editors, who can already put anything in them.
 * Text that already starts with apostrophes followed by one of those characters gets one more, so
 * that `unguardFormula` (used by the importer) removes exactly one apostrophe and the round trip
 * is exact.
 */
const FORMULA = /^'*[=+@\t\r]/;
const GUARDED = /^'+[=+@\t\r]/;

export function guardFormula(text: string): string {
  return FORMULA.test(text) ? `'${text}` : text;
}

export function unguardFormula(text: string): string {
  return GUARDED.test(text) ? text.slice(1) : text;
}
