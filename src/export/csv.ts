// The cards of a map as a spreadsheet: one row per card in map order (stage, lane, rank in the cell),
// with its column names and enumerated values in the interface language (`options.locale`; English
// files keep the machine names, `inProgress`, which scripts expect), and `planCsvImport`
// (src/journey/csvImport.ts) reads any language's back, whatever the UI language. UTF-8 with a BOM
// and CRLF line ends, quoted as RFC 4180 says, so Excel and LibreOffice open it with its diacritics
// (ă î ș ț à è) intact. Numbers are written with a dot and no grouping in every language: the file
// is data for the importer and for scripts (the importer also reads "4,5" as Excel writes it).
import type { MessageKey } from '../i18n/catalogue';
import { layoutJourney, cellKey } from '../journey/layout';
import { sortByIndex } from '../journey/order';
import type { Card, Journey } from '../journey/types';
import { defOf } from '../journey/cards';
import { BOM, CSV_COLUMNS, CSV_ENUM_COLUMNS, LINK_SEPARATOR, guardFormula, type CsvColumn } from '../journey/csvFormat';
import type { Locale } from '../i18n/catalogue';
import { csvWords } from './csvWords';

/** One field, quoted when it holds the delimiter, a quote or a line break (quotes doubled). */
export function csvField(value: string, delimiter = ','): string {
  return value.includes(delimiter) || /["\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export interface CsvOptions {
  /** `,` (the default) or `;`, which Excel expects in locales with a decimal comma (ro, it). */
  delimiter?: ',' | ';';
  /** The language of the header and the enumerated values (its catalogue loaded); English, the
   * default, writes the machine names. */
  locale?: Locale;
}

/** The cards in map order: stage by stage, lane by lane, by rank in the cell; unplaced cards last. */
export function cardsInMapOrder(journey: Journey): Card[] {
  const grid = layoutJourney(journey);
  const out: Card[] = [];
  const stages = sortByIndex(journey.stages.values());
  const lanes = sortByIndex(journey.lanes.values());
  for (const stage of stages)
    for (const lane of lanes) for (const id of grid.cells.get(cellKey(stage.id, lane.id)) ?? []) out.push(journey.cards.get(id)!);
  return [...out, ...grid.unplaced];
}

/**
 * The map's cards as CSV. `labels` translates message keys: it names a stage that has no name
 * ("Untitled stage"); a lane with no name is written as its kind (`painPoints`), which the importer
 * matches to a lane of that kind.
 */
export function journeyToCsv(journey: Journey, labels: (key: MessageKey) => string, options: CsvOptions = {}): string {
  const delimiter = options.delimiter ?? ',';
  const order = cardsInMapOrder(journey);
  const rank = new Map(order.map((c, i) => [c.id, i]));
  const linksFrom = new Map<string, Card[]>();
  for (const link of journey.links.values()) {
    const to = journey.cards.get(link.to);
    if (!to || !journey.cards.has(link.from)) continue;
    linksFrom.set(link.from, [...(linksFrom.get(link.from) ?? []), to]);
  }
  // A linked card is named by its text; by its id when it has none (the importer resolves both).
  const linkName = (c: Card) => (c.text.trim() ? c.text : c.id);

  const words = options.locale && options.locale !== 'en' ? csvWords(options.locale) : undefined;
  const rows: string[][] = [CSV_COLUMNS.map((c) => words?.columns[c] ?? c)];
  for (const card of order) {
    const stage = journey.stages.get(card.stageId);
    const lane = journey.lanes.get(card.laneId);
    const def = defOf(card);
    const row: Record<CsvColumn, string> = {
      stage: stage ? stage.name || labels('stage.untitled') : '',
      lane: lane ? lane.name || (words?.values.lane_kind?.[lane.kind] ?? lane.kind) : '',
      lane_kind: lane?.kind ?? '',
      kind: card.kind,
      text: card.text,
      ...def.csv.write(card),
      evidence: card.evidence ?? '',
      evidence_link: card.evidenceLink ?? '',
      links_to: (linksFrom.get(card.id) ?? [])
        .sort((a, b) => rank.get(a.id)! - rank.get(b.id)!)
        .map(linkName)
        .join(LINK_SEPARATOR),
    };
    // Every cell that holds what a user typed is guarded; enumerations and numbers cannot start with = + @.
    for (const column of ['stage', 'lane', 'text', ...def.csv.typed, 'evidence_link', 'links_to']) row[column] = guardFormula(row[column]!);
    // Enumerated values in the file's language (a value with no word, like "NPS", as it is).
    if (words) for (const column of CSV_ENUM_COLUMNS) if (row[column]) row[column] = words.values[column]?.[row[column]] ?? row[column];
    rows.push(CSV_COLUMNS.map((c) => row[c] ?? ''));
  }
  return BOM + rows.map((r) => r.map((v) => csvField(v, delimiter)).join(delimiter)).join('\r\n') + '\r\n';
}
