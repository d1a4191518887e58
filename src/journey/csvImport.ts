// Reading cards from a spreadsheet: the CSV that `journeyToCsv` writes, or one a team filled in by
// hand. `planCsvImport` only plans: it matches stages and lanes to the map's (or plans new ones),
// checks every row, and reports the bad ones by line; `importCards` (src/doc/importCards.ts) then
// writes the plan as one undoable step. Pure: no Yjs, no DOM.
import { CARD_KINDS, EVIDENCE_SOURCES, cardKindForLane, homeLane, kindOf, type CsvCells } from './cards';
import { sortByIndex } from './order';
import {
  LANE_KINDS,
  type CardFields,
  type CardKind,
  type Journey,
  type Lane,
  type LaneKind,
  type Severity,
} from './types';
import { BOM, CSV_COLUMNS, CSV_ENUM_COLUMNS, unguardFormula, type CsvColumn, type CsvEnumColumn, type CsvWords } from './csvFormat';
import { detectDelimiter, readRecords } from './csvRecords';

/** An existing stage or lane (its id), or one the plan creates (its position in `newStages` / `newLanes`). */
export type PlanRef = { existing: string } | { created: number };

/** A card the plan creates: where it goes, what it holds, and what it links to. */
export interface PlannedCard {
  /** The line of the file the row starts on (the header is line 1). */
  line: number;
  stage: PlanRef;
  lane: PlanRef;
  kind: CardKind;
  text: string;
  fields: CardFields;
  /** Links from this card: to another planned card (its position in `rows`) or to a card of the map. */
  links: ({ row: number } | { card: string })[];
}

export interface NewLane {
  name: string;
  kind: LaneKind;
}

/** Why a row is not imported (or imported with a link left out): a code with the catalogue's
 * `csvImport.<code>` text, and the values it names. */
export type ImportIssueCode =
  | 'empty'
  | 'headerUnclosedQuote'
  | 'headerUnreadable'
  | 'missingColumns'
  | 'rowUnclosedQuote'
  | 'rowUnreadable'
  | 'wrongWidth'
  | 'emptyText'
  | 'emptyStage'
  | 'unknownKind'
  | 'unknownLaneKind'
  | 'newLaneNeedsKind'
  | 'laneAndKindEmpty'
  | 'emotionLane'
  | 'kindNotInLane'
  | 'unknownValue'
  | 'badMomentOfTruth'
  | 'badSeverity'
  | 'notNumber'
  | 'badSampleSize'
  | 'missingLinkTarget';

export interface ImportIssue {
  line: number;
  code: ImportIssueCode;
  params: Record<string, string | number>;
}

export interface CsvImportPlan {
  rows: PlannedCard[];
  newStages: string[];
  newLanes: NewLane[];
  /** Rows that are not imported, and why. */
  errors: ImportIssue[];
  /** Rows that are imported with something left out (a link to a card that cannot be found). */
  warnings: ImportIssue[];
}

export interface CsvImportOptions {
  /** Translates message keys: names a lane the plan creates from a kind alone ("Pain points & gaps"). */
  labels?: (key: `lane.kind.${LaneKind}`) => string;
  /** The file's words in every language the file may be written in (src/export/csvWords.ts builds
   * them from the catalogues): their column names and enumerated values are accepted besides the
   * machine names, so a file exported in Italian reads back in an English interface. */
  words?: readonly CsvWords[];
}

// ---- matching ---------------------------------------------------------------------------------

/** Header names compare without case, spaces, underscores or dashes: "Sample size" = "sample_size". */
const headerKey = (name: string) => name.normalize('NFC').trim().toLowerCase().replace(/[\s_-]+/g, '');
const HEADER_ALIASES = new Map<string, CsvColumn>([['links', 'links_to'], ['link', 'links_to'], ['linkto', 'links_to'], ['type', 'kind']]);

/**
 * Names of stages and lanes compare trimmed, without case, in Unicode NFC (macOS writes accents
 * decomposed), with the old cedilla forms of Romanian ş ţ equal to the correct comma forms ș ț.
 */
const nameKey = (name: string) =>
  name
    .normalize('NFC')
    .trim()
    .replace(/\s+/g, ' ')
    .toLocaleLowerCase()
    .replace(/ş/g, 'ș')
    .replace(/ţ/g, 'ț');

/** An enumeration value, matched without case, spaces, underscores or dashes: "In progress" = inProgress. */
function enumValue<T extends string>(values: readonly T[], raw: string): T | undefined {
  const key = headerKey(raw);
  return values.find((v) => v.toLowerCase() === key);
}

const isEnumColumn = (c: string): c is CsvEnumColumn => (CSV_ENUM_COLUMNS as readonly string[]).includes(c);

/** The spellings of `words`: column names by key, and each enumerated column's values by key (the first language wins). */
function spellings(words: readonly CsvWords[]) {
  const columns = new Map<string, CsvColumn>();
  const values = new Map<CsvEnumColumn, Map<string, string>>();
  for (const w of words) {
    for (const [column, name] of Object.entries(w.columns)) if (!columns.has(headerKey(name))) columns.set(headerKey(name), column);
    for (const [column, byValue] of Object.entries(w.values) as [CsvEnumColumn, Record<string, string>][]) {
      const map = values.get(column) ?? new Map<string, string>();
      values.set(column, map);
      for (const [value, word] of Object.entries(byValue)) if (!map.has(headerKey(word))) map.set(headerKey(word), value);
    }
  }
  /** The machine value a cell spells in some language, if it is one of `allowed`. */
  const value = <T extends string>(column: CsvEnumColumn, raw: string, allowed: readonly T[]): T | undefined => {
    const v = values.get(column)?.get(headerKey(raw));
    return allowed.find((a) => a === v);
  };
  return { columns, value };
}

/** The values a cell may hold, as the file writes them (the message around them is translated). */
const listOf = (values: readonly string[]) => values.join(', ');



const YES = new Set(['yes', 'y', 'true', '1', 'x', '✓', '✔', '★', 'da', 'sì', 'si']);
const NO = new Set(['', 'no', 'n', 'false', '0', 'nu']);

const SEVERITIES = new Map<string, Severity>([['1', 1], ['2', 2], ['3', 3], ['low', 1], ['medium', 2], ['high', 3]]);

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
/** A number as typed: "4.5", or "4,5" as Excel writes it in locales with a decimal comma. */
function parseNumber(raw: string): number | undefined {
  const t = raw.trim().replace(/^([+-]?\d+),(\d+)$/, '$1.$2');
  return NUMBER.test(t) ? Number(t) : undefined;
}

// ---- reading the file -------------------------------------------------------------------------


// ---- planning ---------------------------------------------------------------------------------

export function planCsvImport(journey: Journey, csvText: string, options: CsvImportOptions = {}): CsvImportPlan {
  const plan: CsvImportPlan = { rows: [], newStages: [], newLanes: [], errors: [], warnings: [] };
  const text = csvText.startsWith(BOM) ? csvText.slice(1) : csvText;
  const records = readRecords(text, detectDelimiter(text)).filter((r) => r.error || r.fields.some((f) => f.trim() !== ''));
  const header = records.shift();
  if (!header) {
    plan.errors.push({ line: 1, code: 'empty', params: {} });
    return plan;
  }
  if (header.error) {
    const code = header.error.code === 'unclosedQuote' ? 'headerUnclosedQuote' : 'headerUnreadable';
    plan.errors.push({ line: header.line, code, params: { detail: header.error.detail } });
    return plan;
  }

  // Columns by name; unknown columns are ignored, the first of two equal names wins.
  const column = new Map<CsvColumn, number>();
  const spelled = spellings(options.words ?? []);
  const known = new Map(CSV_COLUMNS.map((c) => [headerKey(c), c]));
  for (const [key, c] of spelled.columns) if (!known.has(key)) known.set(key, c);
  header.fields.forEach((name, i) => {
    const key = headerKey(name);
    const c = known.get(key) ?? HEADER_ALIASES.get(key);
    if (c && !column.has(c)) column.set(c, i);
  });
  const placeable = column.has('lane') || column.has('kind') || column.has('lane_kind');
  if (!column.has('stage') || !column.has('text') || !placeable) {
    const missing: string[] = (['stage', 'text'] as const).filter((c) => !column.has(c)).map((c) => `"${c}"`);
    if (!placeable) missing.push('"lane" or "kind"');
    plan.errors.push({ line: header.line, code: 'missingColumns', params: { missing: missing.join(', ') } });
    return plan;
  }
  const width = header.fields.length;
  const laneLabel = (kind: LaneKind) => (options.labels ? options.labels(`lane.kind.${kind}`) : kind);

  const stages = sortByIndex(journey.stages.values());
  const lanes = sortByIndex(journey.lanes.values());
  const stageByName = new Map<string, string>();
  for (const s of stages) if (!stageByName.has(nameKey(s.name))) stageByName.set(nameKey(s.name), s.id);
  const newStageByName = new Map<string, number>();
  const newLaneByName = new Map<string, number>();
  const linkCells: string[] = [];

  for (const record of records) {
    const errors: ImportIssue[] = [];
    const error = (code: ImportIssueCode, params: ImportIssue['params'] = {}) => errors.push({ line: record.line, code, params });
    const fail = () => plan.errors.push(...errors);
    if (record.error) {
      error(record.error.code === 'unclosedQuote' ? 'rowUnclosedQuote' : 'rowUnreadable', { detail: record.error.detail });
      fail();
      continue;
    }
    const f = record.fields;
    if (f.length < width || f.slice(width).some((v) => v.trim() !== '')) {
      error('wrongWidth', { found: f.length, expected: width });
      fail();
      continue;
    }
    const raw = (c: CsvColumn) => {
      const i = column.get(c);
      return i === undefined ? '' : (f[i] ?? '');
    };
    const userText = (c: CsvColumn) => unguardFormula(raw(c));

    const cardText = userText('text');
    if (!cardText.trim()) error('emptyText');
    const stageName = userText('stage').trim();
    if (!stageName) error('emptyStage');

    const kindCell = raw('kind').trim();
    const givenKind = kindCell ? (enumValue(CARD_KINDS, kindCell) ?? spelled.value('kind', kindCell, CARD_KINDS)) : undefined;
    if (kindCell && !givenKind) error('unknownKind', { value: kindCell, allowed: listOf(CARD_KINDS) });
    const laneKindCell = raw('lane_kind').trim();
    const givenLaneKind = laneKindCell ? (enumValue(LANE_KINDS, laneKindCell) ?? spelled.value('lane_kind', laneKindCell, LANE_KINDS)) : undefined;
    if (laneKindCell && !givenLaneKind) error('unknownLaneKind', { value: laneKindCell, allowed: listOf(LANE_KINDS) });

    // The lane: by name, else by a lane kind's name, else a new lane.
    const laneName = userText('lane').trim();
    let lane: { ref: PlanRef | { pending: NewLane }; kind: LaneKind; name: string } | undefined;
    const firstOfKind = (kind: LaneKind) => {
      const existing = lanes.find((l) => l.kind === kind);
      if (existing) return { ref: { existing: existing.id }, kind, name: existing.name };
      const created = plan.newLanes.findIndex((l) => l.kind === kind);
      if (created >= 0) return { ref: { created }, kind, name: plan.newLanes[created]!.name };
      return undefined;
    };
    const fits = (l: Lane) => (givenLaneKind ? l.kind === givenLaneKind : givenKind ? cardKindForLane(l.kind) === givenKind : true);
    if (laneName) {
      const named = lanes.filter((l) => nameKey(l.name) === nameKey(laneName));
      const created = newLaneByName.get(nameKey(laneName));
      const asKind = enumValue(LANE_KINDS, laneName) ?? spelled.value('lane_kind', laneName, LANE_KINDS);
      const match = named.find(fits) ?? named[0];
      if (match) lane = { ref: { existing: match.id }, kind: match.kind, name: match.name };
      else if (created !== undefined) lane = { ref: { created }, kind: plan.newLanes[created]!.kind, name: plan.newLanes[created]!.name };
      else if (asKind) lane = firstOfKind(asKind) ?? { ref: { pending: { name: laneLabel(asKind), kind: asKind } }, kind: asKind, name: laneLabel(asKind) };
      else {
        const kind = givenLaneKind ?? (givenKind ? homeLane(givenKind) : undefined);
        if (kind) lane = { ref: { pending: { name: laneName, kind } }, kind, name: laneName };
        else if (!kindCell && !laneKindCell) error('newLaneNeedsKind', { lane: laneName });
      }
    } else {
      const kind = givenLaneKind ?? (givenKind ? homeLane(givenKind) : undefined);
      if (kind) {
        // A lane of the card's home kind, else any lane that makes this kind of card, else a new one.
        const other = givenKind && !givenLaneKind ? lanes.find((l) => cardKindForLane(l.kind) === givenKind) : undefined;
        lane =
          firstOfKind(kind) ??
          (other ? { ref: { existing: other.id }, kind: other.kind, name: other.name } : undefined) ??
          { ref: { pending: { name: laneLabel(kind), kind } }, kind, name: laneLabel(kind) };
      } else if (!kindCell && !laneKindCell) error('laneAndKindEmpty');
    }

    // The lane decides the card's kind; a kind that the lane does not make is an error, not a conversion.
    const kind = lane ? cardKindForLane(lane.kind) : givenKind;
    if (lane && !kind) error('emotionLane', { lane: lane.name });
    else if (lane && givenKind && kind !== givenKind) error('kindNotInLane', { kind: givenKind, lane: lane.name, laneKind: kind ?? '' });

    const cells: CsvCells = {
      text: userText,
      oneOf: (c, values) => {
        const v = raw(c).trim();
        if (!v) return undefined;
        const found = enumValue(values, v) ?? (isEnumColumn(c) ? spelled.value(c, v, values) : undefined);
        if (!found) error('unknownValue', { column: c, value: v, allowed: listOf(values) });
        return found;
      },
      yesNo: (c) => {
        const v = raw(c).trim().toLowerCase();
        if (YES.has(v) || spelled.value('moment_of_truth', v, ['yes'])) return true;
        if (NO.has(v)) return false;
        error('badMomentOfTruth', { value: raw(c).trim() });
        return undefined;
      },
      number: (c) => {
        const v = raw(c).trim();
        if (!v) return null;
        const n = parseNumber(v);
        if (n === undefined) error('notNumber', { value: v });
        return n;
      },
      count: (c) => {
        const v = raw(c).trim();
        if (!v) return null;
        const n = parseNumber(v);
        if (n === undefined || !Number.isInteger(n) || n < 0) {
          error('badSampleSize', { value: v });
          return undefined;
        }
        return n;
      },
      severity: (c) => {
        const v = raw(c).trim();
        const severity = SEVERITIES.get(v.toLowerCase()) ?? SEVERITIES.get(spelled.value('severity', v, ['1', '2', '3']) ?? '');
        if (!severity && v) error('badSeverity', { value: v });
        return severity;
      },
    };
    // The kind's own columns, as it declares them; the evidence every card may have.
    const fields: CardFields = kind ? { ...kindOf(kind).csv.read(cells) } : {};
    const evidence = cells.oneOf('evidence', EVIDENCE_SOURCES);
    if (evidence) fields.evidence = evidence;
    if (userText('evidence_link').trim()) fields.evidenceLink = userText('evidence_link').trim();
    if (errors.length || !lane || !kind) {
      fail();
      continue;
    }

    // A good row: only now are its new stage and lane planned.
    let stage: PlanRef;
    const existingStage = stageByName.get(nameKey(stageName));
    if (existingStage) stage = { existing: existingStage };
    else {
      let created = newStageByName.get(nameKey(stageName));
      if (created === undefined) {
        created = plan.newStages.push(stageName) - 1;
        newStageByName.set(nameKey(stageName), created);
      }
      stage = { created };
    }
    let laneRef: PlanRef;
    if ('pending' in lane.ref) {
      const created = plan.newLanes.push(lane.ref.pending) - 1;
      newLaneByName.set(nameKey(lane.ref.pending.name), created);
      laneRef = { created };
    } else laneRef = lane.ref;

    for (const key of Object.keys(fields) as (keyof CardFields)[]) if (fields[key] === undefined) delete fields[key];
    plan.rows.push({ line: record.line, stage, lane: laneRef, kind, text: cardText, fields, links: [] });
    linkCells.push(userText('links_to'));
  }

  resolveLinks(journey, plan, linkCells);
  return plan;
}

/**
 * Links name their target by its text (or, when it had none, its id): a card of the file first, then
 * a card of the map. Names are separated by ";" and may contain ";" themselves, so the longest run
 * of pieces that names a card wins.
 */
function resolveLinks(journey: Journey, plan: CsvImportPlan, cells: string[]): void {
  const rowByText = new Map<string, number>();
  plan.rows.forEach((row, i) => {
    if (!rowByText.has(row.text)) rowByText.set(row.text, i);
  });
  const cardByText = new Map<string, string>();
  for (const card of sortByIndex(journey.cards.values())) if (!cardByText.has(card.text)) cardByText.set(card.text, card.id);
  const find = (name: string): { row: number } | { card: string } | undefined => {
    for (const candidate of [name, name.replace(/^ /, ''), name.trim()]) {
      const row = rowByText.get(candidate);
      if (row !== undefined) return { row };
      const card = cardByText.get(candidate) ?? (journey.cards.has(candidate) ? candidate : undefined);
      if (card) return { card };
    }
    return undefined;
  };
  cells.forEach((cell, i) => {
    if (!cell.trim()) return;
    const row = plan.rows[i]!;
    const parts = cell.split(';');
    const seen = new Set<string>();
    for (let start = 0; start < parts.length; ) {
      let end = parts.length;
      let target: ReturnType<typeof find>;
      for (; end > start; end--) if ((target = find(parts.slice(start, end).join(';')))) break;
      if (!target) {
        const name = parts[start]!.trim();
        if (name) plan.warnings.push({ line: row.line, code: 'missingLinkTarget', params: { name } });
        start++;
        continue;
      }
      start = end;
      const key = 'row' in target ? `r${target.row}` : `c${target.card}`;
      if (('row' in target && target.row === i) || seen.has(key)) continue;
      seen.add(key);
      row.links.push(target);
    }
  });
}
