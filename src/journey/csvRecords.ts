// Reading CSV as records that know the line they start on (quoted fields may span lines), with the
// delimiter taken from the header line: what the card import and the survey import both need, so a
// bad row can be reported by its line number. Parsing is papaparse's.
import Papa from 'papaparse';

/** The delimiter the header line uses: the most frequent of , ; and tab outside quotes (`,` on a tie). */
export function detectDelimiter(text: string): string {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch]!++;
  }
  return Object.entries(counts).reduce((best, c) => (c[1] > best[1] ? c : best), [',', 0] as [string, number])[0];
}

/**
 * Why a line cannot be read as CSV: a quoted field that never closes, or papaparse's own reason by
 * its error code ('InvalidQuotes', …), which the UI says in its reader's language.
 */
export type CsvRecordError = { code: 'unclosedQuote'; detail: '' } | { code: 'unreadable'; detail: string };

export interface CsvRecord {
  line: number;
  fields: string[];
  error?: CsvRecordError;
}

/** The file's records, each with the line it starts on (quoted fields may span several lines). */
export function readRecords(text: string, delimiter: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let start = 0; // where the next record starts
  let scanned = 0; // how far line breaks have been counted
  let line = 1;
  const lineAt = (offset: number) => {
    for (; scanned < offset; scanned++) {
      const ch = text.charCodeAt(scanned);
      if (ch === 10 || (ch === 13 && text.charCodeAt(scanned + 1) !== 10)) line++;
    }
    return line;
  };
  Papa.parse<string[]>(text, {
    delimiter,
    skipEmptyLines: false,
    step: (result) => {
      const record: CsvRecord = { line: lineAt(start), fields: result.data };
      const problem = result.errors[0];
      if (problem)
        record.error = problem.code === 'MissingQuotes' ? { code: 'unclosedQuote', detail: '' } : { code: 'unreadable', detail: problem.code };
      records.push(record);
      start = result.meta.cursor;
    },
  });
  return records;
}
