// The card CSV's words in a language, from the app's own catalogue: the column names (`csv.column.*`)
// and the enumerated values (channel "Negozio", status "In corso", ...). `journeyToCsv` writes one
// language's; the importer (src/journey/csvImport.ts, which knows no catalogue) is handed all three
// by its caller, so a file exported in any language reads back in any other.
import { LOCALE_LIST, loadAllLocales, translate, type Locale, type MessageKey } from '../i18n/catalogue';
import { CARD_KINDS, CHANNELS, EVIDENCE_SOURCES, LOOP_STATUSES, PRIORITIES, SEVERITIES } from '../journey/cards';
import { LANE_KINDS } from '../journey/types';
import { CSV_COLUMNS, type CsvWords } from '../journey/csvFormat';

/** Each column's name in the catalogue (a column a kind adds later without one is written as is). */
const COLUMN_KEYS: Record<string, MessageKey> = {
  stage: 'csv.column.stage',
  lane: 'csv.column.lane',
  lane_kind: 'csv.column.lane_kind',
  kind: 'csv.column.kind',
  text: 'csv.column.text',
  channel: 'csv.column.channel',
  department: 'csv.column.department',
  moment_of_truth: 'csv.column.moment_of_truth',
  severity: 'csv.column.severity',
  expectation: 'csv.column.expectation',
  owner: 'csv.column.owner',
  status: 'csv.column.status',
  priority: 'csv.column.priority',
  metric: 'csv.column.metric',
  value: 'csv.column.value',
  sample_size: 'csv.column.sample_size',
  evidence: 'csv.column.evidence',
  evidence_link: 'csv.column.evidence_link',
  links_to: 'csv.column.links_to',
};

const byValue = <T extends string | number>(values: readonly T[], word: (v: T) => string) => Object.fromEntries(values.map((v) => [String(v), word(v)]));

/** The words of `locale` (its catalogue must be loaded: `loadLocale`). */
export function csvWords(locale: Locale): CsvWords {
  const t = (key: MessageKey) => translate(locale, key);
  return {
    columns: Object.fromEntries(CSV_COLUMNS.map((c) => [c, c in COLUMN_KEYS ? t(COLUMN_KEYS[c]!) : c])),
    values: {
      kind: byValue(CARD_KINDS, (k) => t(`card.kind.${k}`)),
      lane_kind: byValue(LANE_KINDS, (k) => t(`lane.kind.${k}`)),
      channel: byValue(CHANNELS, (c) => t(`channel.${c}`)),
      severity: byValue(SEVERITIES, (s) => t(`severity.short.${s}`)),
      status: byValue(LOOP_STATUSES, (s) => t(`status.${s}`)),
      priority: byValue(PRIORITIES, (p) => t(`priority.${p}`)),
      metric: { other: t('metric.other') },
      moment_of_truth: { yes: t('field.yes') },
      evidence: byValue(EVIDENCE_SOURCES, (e) => t(`evidence.${e}`)),
    },
  };
}

/** Every language's words, for the importer (loads the catalogues not loaded yet). */
export async function csvWordsOfAllLocales(): Promise<CsvWords[]> {
  await loadAllLocales();
  return LOCALE_LIST.map(csvWords);
}
