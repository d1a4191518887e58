// Reading survey answers from a spreadsheet (a survey tool's export, or one a team filled in by
// hand): one answer a row, with its date, the touchpoint or stage it is about, the metric (NPS, CES,
// CSAT), the score, and optionally a comment and a segment. `planSurveyImport` only plans: it finds
// the columns by their header (English, Romanian, Italian), lets the user correct that mapping, checks
// every row and reports the bad ones by line, with a code to translate. Pure: no Yjs, no DOM.
// It reads the file the way ../csvImport.ts does. A row's cells are checked as an answer against the
// schema the server checks POSTed answers with (./answerSchema.ts): what the dialog imports, the
// server takes.
import type { Journey } from '../types';
import { checkAll } from '../records/valid';
import { answerFieldOf, answerSchema, isCalendarDay, MAX_ANSWER_TEXT, type AnswerField } from './answerSchema';
import { SCORE_RANGES, VOC_METRICS, type SurveyResponse, type VocMetric } from './scores';
import { detectDelimiter, readRecords } from '../csvRecords';

/**
 * The columns an answer is read from. `target` names a touchpoint (by its text) or a stage (by its
 * name); `stage` is optional and, when the file has both, says which stage a touchpoint is in (a
 * "Website" touchpoint may be in several stages).
 */
export const SURVEY_COLUMNS = ['date', 'target', 'stage', 'metric', 'score', 'comment', 'segment'] as const;
export type SurveyColumn = (typeof SURVEY_COLUMNS)[number];
/** Which column of the header (0-based) each field is read from; null: not in the file. */
export type ColumnMapping = Record<SurveyColumn, number | null>;

export interface SurveyTargets {
  touchpoints: readonly { id: string; text: string; stageId?: string }[];
  stages: readonly { id: string; name: string }[];
}

export const SURVEY_ERROR_CODES = [
  'empty',
  'headerUnclosedQuote',
  'headerUnreadable',
  'missingColumns',
  'rowUnclosedQuote',
  'rowUnreadable',
  'wrongColumns',
  'emptyDate',
  'badDate',
  'emptyTarget',
  'unknownStage',
  'unknownTarget',
  'unknownTouchpointInStage',
  'ambiguousTarget',
  'ambiguousTargetInStage',
  'emptyMetric',
  'unknownMetric',
  'missingScore',
  'badScore',
  'notWholeScore',
  'commentTooLong',
  'segmentTooLong',
] as const;
export type SurveyErrorCode = (typeof SURVEY_ERROR_CODES)[number];

/** A row that is not imported (or, for empty / missingColumns / header errors, a file that is not): the
 * line it starts on, and a code (the catalogue's `survey.error.<code>`) with the values it names. */
export interface SurveyImportError {
  line: number;
  code: SurveyErrorCode;
  params: Record<string, string | number>;
}

export interface SurveyImportPlan {
  mapping: ColumnMapping;
  header: string[];
  /** The first five rows under the header, as read, for the mapping dialog. */
  preview: string[][];
  delimiter: string;
  responses: SurveyResponse[];
  errors: SurveyImportError[];
}

const BOM = '\uFEFF';
const PREVIEW_ROWS = 5;

// ---- matching ---------------------------------------------------------------------------------

/**
 * Names compare in Unicode NFD without combining marks, case, or repeated spaces: "Etapă" = "etapa",
 * "Înregistrare" = "inregistrare", and the cedilla ş ţ equal the comma ș ț.
 */
export function matchKey(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Header names compare as names, also without spaces, underscores, dashes or dots: "Punct de contact" = "punct_de_contact". */
const headerKey = (name: string) => matchKey(name).replace(/[\s_.-]+/g, '');

type HeaderKind = Exclude<SurveyColumn, 'target'> | 'touchpoint';
const HEADER_NAMES: Record<HeaderKind, string[]> = {
  date: ['date', 'data', 'day', 'zi', 'ziua', 'giorno', 'timestamp'],
  touchpoint: ['touchpoint', 'touchpoints', 'touch point', 'target', 'punct de contact', 'punctul de contact', 'puncte de contact', 'punto di contatto', 'punti di contatto'],
  stage: ['stage', 'stages', 'etapă', 'etapa', 'etape', 'fază', 'faza', 'fase', 'fasi'],
  metric: ['metric', 'metrics', 'metrică', 'metrica', 'metrici', 'metriche', 'kpi', 'indicator', 'indicatore'],
  score: ['score', 'scor', 'scorul', 'punctaj', 'punteggio', 'voto', 'rating', 'value', 'valoare', 'valore'],
  comment: ['comment', 'comments', 'comentariu', 'comentarii', 'commento', 'commenti', 'verbatim', 'feedback'],
  segment: ['segment', 'segmente', 'segmento', 'segmenti', 'persona', 'personas'],
};
const HEADER_KIND = new Map<string, HeaderKind>();
for (const [kind, names] of Object.entries(HEADER_NAMES) as [HeaderKind, string[]][])
  for (const name of names) HEADER_KIND.set(headerKey(name), kind);

/** The mapping the header suggests: each field from the first column named for it. A lone stage column is the target. */
export function detectMapping(header: readonly string[]): ColumnMapping {
  const first = new Map<HeaderKind, number>();
  header.forEach((name, i) => {
    const kind = HEADER_KIND.get(headerKey(name));
    if (kind && !first.has(kind)) first.set(kind, i);
  });
  const at = (kind: HeaderKind) => first.get(kind) ?? null;
  const touchpoint = at('touchpoint');
  return {
    date: at('date'),
    target: touchpoint ?? at('stage'),
    stage: touchpoint === null ? null : at('stage'),
    metric: at('metric'),
    score: at('score'),
    comment: at('comment'),
    segment: at('segment'),
  };
}

// ---- values -----------------------------------------------------------------------------------

const TIME = String.raw`(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?`;
const ISO_DATE = new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})${TIME}$`);
const DMY_DATE = new RegExp(String.raw`^(\d{1,2})([./-])(\d{1,2})\2(\d{4}),?${TIME}$`);

/**
 * A date as YYYY-MM-DD: from ISO (2026-07-31, a time after it ignored), or day first as Romanians and
 * Italians write it (31.07.2026, 31/07/2026, 31-07-2026). Null when it is neither, or no such day.
 */
export function parseSurveyDate(raw: string): string | null {
  const t = raw.trim();
  let year: number, month: number, day: number;
  let m = ISO_DATE.exec(t);
  if (m) [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = DMY_DATE.exec(t))) [day, month, year] = [Number(m[1]), Number(m[3]), Number(m[4])];
  else return null;
  if (!isCalendarDay(year, month, day)) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const metricOf = (raw: string): VocMetric | undefined => {
  const key = raw.replace(/\s+/g, '').toUpperCase();
  return VOC_METRICS.find((m) => m === key);
};

/** The values a cell may hold, as the file writes them (the message around them is translated). */
const listOf = (values: readonly string[]) => values.join(', ');

// ---- targets ----------------------------------------------------------------------------------

type Resolved = { touchpointId: string | null; stageId: string | null } | { code: SurveyErrorCode; params: Record<string, string | number> };

/** Finds the touchpoint or stage a row is about, by name; remembers each answer, as files repeat names. */
function targetResolver(targets: SurveyTargets, stageFirst: boolean) {
  const touchpointsByKey = new Map<string, SurveyTargets['touchpoints'][number][]>();
  for (const t of targets.touchpoints) {
    const key = matchKey(t.text);
    if (key) touchpointsByKey.set(key, [...(touchpointsByKey.get(key) ?? []), t]);
  }
  const stagesByKey = new Map<string, SurveyTargets['stages'][number][]>();
  for (const s of targets.stages) {
    const key = matchKey(s.name);
    if (key) stagesByKey.set(key, [...(stagesByKey.get(key) ?? []), s]);
  }
  const cache = new Map<string, Resolved>();

  const resolve = (targetCell: string, stageCell: string): Resolved => {
    const target = targetCell.trim();
    const stageName = stageCell.trim();
    let stageIds: Set<string> | null = null;
    if (stageName) {
      const stages = stagesByKey.get(matchKey(stageName));
      if (!stages) return { code: 'unknownStage', params: { stage: stageName } };
      stageIds = new Set(stages.map((s) => s.id));
    }
    const onlyStage = stageIds && stageIds.size === 1 ? [...stageIds][0]! : null;
    const ambiguous = (count: number): Resolved =>
      stageIds ? { code: 'ambiguousTargetInStage', params: { target: target || stageName, count, stage: stageName } } : { code: 'ambiguousTarget', params: { target, count } };
    if (!target) {
      if (!stageIds) return { code: 'emptyTarget', params: {} };
      return onlyStage ? { touchpointId: null, stageId: onlyStage } : ambiguous(stageIds.size);
    }
    const key = matchKey(target);
    const asTouchpoint = (): Resolved | undefined => {
      const found = (touchpointsByKey.get(key) ?? []).filter((t) => !stageIds || t.stageId === undefined || stageIds.has(t.stageId));
      if (found.length > 1) return ambiguous(found.length);
      const t = found[0];
      return t && { touchpointId: t.id, stageId: t.stageId ?? onlyStage };
    };
    const asStage = (): Resolved | undefined => {
      const found = (stagesByKey.get(key) ?? []).filter((s) => !stageIds || stageIds.has(s.id));
      if (found.length > 1) return ambiguous(found.length);
      const s = found[0];
      return s && { touchpointId: null, stageId: s.id };
    };
    const found = stageFirst ? (asStage() ?? asTouchpoint()) : (asTouchpoint() ?? asStage());
    return (
      found ?? (stageIds ? { code: 'unknownTouchpointInStage', params: { target, stage: stageName } } : { code: 'unknownTarget', params: { target } })
    );
  };

  return (targetCell: string, stageCell: string): Resolved => {
    const cacheKey = `${targetCell}\u0000${stageCell}`;
    let r = cache.get(cacheKey);
    if (!r) cache.set(cacheKey, (r = resolve(targetCell, stageCell)));
    return r;
  };
}

/** The touchpoints and stages of a map, as `planSurveyImport` matches them. */
export function surveyTargets(journey: Journey): SurveyTargets {
  const touchpoints: { id: string; text: string; stageId: string }[] = [];
  for (const card of journey.cards.values()) if (card.kind === 'touchpoint') touchpoints.push({ id: card.id, text: card.text, stageId: card.stageId });
  return { touchpoints, stages: [...journey.stages.values()].map((s) => ({ id: s.id, name: s.name })) };
}

// ---- planning ---------------------------------------------------------------------------------

const REQUIRED: readonly SurveyColumn[] = ['date', 'target', 'metric', 'score'];

/**
 * Plans importing survey answers: the column mapping (found from the header, each field overridable
 * by `mapping`: a column index, or null for "not in the file"), the answers of the good rows, and
 * the bad rows by line. The header and preview come back even when the mapping is incomplete, so
 * the user can complete it and plan again.
 */
export function planSurveyImport(csvText: string, targets: SurveyTargets, mapping: Partial<ColumnMapping> = {}): SurveyImportPlan {
  const text = csvText.startsWith(BOM) ? csvText.slice(1) : csvText;
  const delimiter = detectDelimiter(text);
  const plan: SurveyImportPlan = { mapping: detectMapping([]), header: [], preview: [], delimiter, responses: [], errors: [] };
  const records = readRecords(text, delimiter).filter((r) => r.error || r.fields.some((f) => f.trim() !== ''));
  const head = records.shift();
  if (!head) {
    plan.errors.push({ line: 1, code: 'empty', params: {} });
    return plan;
  }
  if (head.error) {
    plan.errors.push({ line: head.line, code: head.error.code === 'unclosedQuote' ? 'headerUnclosedQuote' : 'headerUnreadable', params: { detail: head.error.detail } });
    return plan;
  }
  const header = head.fields.map((f) => f.trim());
  const width = header.length;
  plan.header = header;
  plan.preview = records.slice(0, PREVIEW_ROWS).map((r) => r.fields);

  const columns = detectMapping(header);
  for (const c of SURVEY_COLUMNS) {
    const given = mapping[c];
    if (given === undefined) continue;
    columns[c] = given !== null && Number.isInteger(given) && given >= 0 && given < width ? given : null;
  }
  plan.mapping = columns;
  const missing = REQUIRED.filter((c) => columns[c] === null && !(c === 'target' && columns.stage !== null));
  if (missing.length) {
    plan.errors.push({ line: head.line, code: 'missingColumns', params: { missing: missing.join(',') } });
    return plan;
  }

  const targetCol = columns.target;
  const stageFirst = targetCol !== null && HEADER_KIND.get(headerKey(header[targetCol] ?? '')) === 'stage';
  const resolveTarget = targetResolver(targets, stageFirst);
  const dates = new Map<string, string | null>();
  const cell = (fields: string[], c: SurveyColumn) => {
    const i = columns[c];
    return i === null ? '' : (fields[i] ?? '');
  };

  for (const record of records) {
    const line = record.line;
    const fail = (code: SurveyErrorCode, params: Record<string, string | number> = {}) => plan.errors.push({ line, code, params });
    if (record.error) {
      fail(record.error.code === 'unclosedQuote' ? 'rowUnclosedQuote' : 'rowUnreadable', { detail: record.error.detail });
      continue;
    }
    const f = record.fields;
    if (f.length < width || (f.length > width && f.slice(width).some((v) => v.trim() !== ''))) {
      fail('wrongColumns', { found: f.length, expected: width });
      continue;
    }

    const rawDate = cell(f, 'date');
    let date = dates.get(rawDate);
    if (date === undefined) dates.set(rawDate, (date = parseSurveyDate(rawDate)));
    const target = resolveTarget(cell(f, 'target'), cell(f, 'stage'));
    const rawMetric = cell(f, 'metric').trim();
    const metric = metricOf(rawMetric);
    const rawScore = cell(f, 'score').trim();
    // The row as the answer it would be, checked by the answer schema (what the server will check);
    // each wrong column then said with the planner's own code. A cell that does not read as what
    // its column holds is passed on as written, for the schema to refuse.
    const checked = checkAll(answerSchema, {
      line,
      date: date ?? rawDate.trim(),
      touchpointId: 'code' in target ? null : target.touchpointId,
      stageId: 'code' in target ? null : target.stageId,
      metric: metric ?? rawMetric,
      score: rawScore === '' ? undefined : /^\d{1,9}$/.test(rawScore) ? Number(rawScore) : NaN,
      comment: cell(f, 'comment').replace(/\r\n?/g, '\n').trim(),
      segment: cell(f, 'segment').trim(),
    });
    if (checked.ok) {
      plan.responses.push({ ...checked.value, line });
      continue;
    }
    const wrong = new Set<AnswerField>(checked.issues.map((issue) => answerFieldOf(issue.keys)));
    if (wrong.has('date')) {
      const shown = rawDate.trim();
      if (shown) fail('badDate', { date: shown });
      else fail('emptyDate');
    }
    if ('code' in target) fail(target.code, target.params);
    else if (wrong.has('touchpointId') || wrong.has('stageId')) fail('unknownTarget', { target: cell(f, 'target').trim() });
    if (wrong.has('metric')) fail(rawMetric ? 'unknownMetric' : 'emptyMetric', { metric: rawMetric, allowed: listOf(VOC_METRICS) });
    if (wrong.has('score')) {
      if (!rawScore) fail('missingScore');
      else if (metric) fail('badScore', { score: rawScore, metric, min: SCORE_RANGES[metric].min, max: SCORE_RANGES[metric].max });
      else fail('notWholeScore', { score: rawScore });
    }
    if (wrong.has('comment')) fail('commentTooLong', { max: MAX_ANSWER_TEXT });
    if (wrong.has('segment')) fail('segmentTooLong', { max: MAX_ANSWER_TEXT });
  }
  return plan;
}
