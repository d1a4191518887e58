// The map file: a versioned, self-describing JSON form of a journey. The browser's "Export JSON" and
// the server's export endpoint both write it; import reads it, from this version or any older one.
// Lists are sorted so the same journey always gives the same file, and export → import → export
// gives the same journey again.
//
// Versions
//   1  The first format: meta with `schemaVersion`; links with their derived `id`; emotions with
//      their derived `key`.
//   2  Adds `app: "Touchpoint"`; leaves derived values out (meta's document `schemaVersion`, a
//      link's `id`, an emotion's `key`), so a hand-edited file cannot contradict itself; cards hold
//      only the fields of their kind; cards and emotions are listed in map order (stage, then lane
//      or persona), the way a person reads the map.
//   3  Adds `comments`: the map's comment threads (absent: none).
//   4  Adds `survey` (optional): the survey figures per touchpoint or stage, metric and quarter, and
//      the customers' comments the map keeps (surveyFile.ts); absent: none. A survey part that does
//      not read is left out and said as a repair: the map itself still imports.
// A new version adds one step to MIGRATIONS (taking the previous version's file to it) and changes
// the writer; readers of older files need nothing else.
import { parseEmotionKey } from './emotions';
import { cardWithOwnFields } from './cards';
import { byIndex } from './order';
import { readPlainJourney, repairJourney, type Repair } from './repair';
import * as v from 'valibot';
import { check, describeIssue, type Issue } from './records/valid';
import { threadSchema, type Thread } from './comments';
import type { Card, Emotion, Journey, Lane, Link, Meta, Persona, Stage } from './types';
import type { MapSurvey, SurveyPart } from './surveyFile';

export type { Repair } from './repair';
export type { Issue } from './records/valid';

export const EXPORT_TYPE = 'touchpoint.journey';
export const EXPORT_APP = 'Touchpoint';

/**
 * The largest file import reads, in bytes of UTF-8. A map goes to the server as one message when it
 * is created or replaced, and the server takes messages up to 8 MiB (server/limits.ts): a bigger
 * file would be imported in this browser and then never sync. 6 MiB leaves room for the document's
 * own bookkeeping, which makes the message a little larger than the file.
 */
export const MAX_FILE_BYTES = 6 * 1024 * 1024;

export type FileMeta = Pick<Meta, 'title' | 'scenario' | 'variant' | 'locale' | 'createdAt'>;
export type FileLink = Pick<Link, 'from' | 'to' | 'label'>;
export type FileEmotion = Pick<Emotion, 'stageId' | 'personaId' | 'score' | 'note'>;

/** The `journey` of a current-version file. */
export interface PlainJourney {
  meta: FileMeta;
  personas: Persona[];
  stages: Stage[];
  lanes: Lane[];
  cards: Card[];
  links: FileLink[];
  emotions: FileEmotion[];
}

export interface ExportFile {
  type: typeof EXPORT_TYPE;
  app: typeof EXPORT_APP;
  version: number;
  exportedAt: string;
  journey: PlainJourney;
  /** The map's comment threads (version 3 on; absent: none). */
  comments?: Thread[];
  /** The map's survey figures and verbatims (version 4 on, written when asked for; absent: none). */
  survey?: SurveyPart;
}

// ---- versions --------------------------------------------------------------------------------

type FileObject = Record<string, unknown>;

/** Takes a file of version n to version n + 1 (its `version` is set by `migrate`). Pure. */
export type Migration = (file: FileObject) => FileObject;

const isObject = (v: unknown): v is FileObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const mapList = (list: unknown, fn: (item: FileObject) => FileObject): unknown =>
  Array.isArray(list) ? list.map((item: unknown) => (isObject(item) ? fn(item) : item)) : list;

/** v1 → v2: derived values out (an emotion's key becomes its stage and persona), `app` in. */
const v1ToV2: Migration = (file) => {
  const journey = file.journey;
  if (!isObject(journey)) return { ...file, app: EXPORT_APP };
  const meta = isObject(journey.meta) ? (({ schemaVersion: _, ...rest }) => rest)(journey.meta) : journey.meta;
  const links = mapList(journey.links, ({ id: _, ...rest }) => rest);
  const emotions = mapList(journey.emotions, ({ key, ...rest }) => (typeof key === 'string' ? { ...rest, ...parseEmotionKey(key) } : rest));
  return { ...file, app: EXPORT_APP, journey: { ...journey, meta, links, emotions } };
};

/** v2 → v3: files may carry the map's comments (`comments`); a file without them has none. */
const v2ToV3: Migration = (file) => file;

/** v3 → v4: files may carry the map's survey figures and verbatims (`survey`); a file without them has none. */
const v3ToV4: Migration = (file) => file;

/** MIGRATIONS[n - 1] takes version n to n + 1. */
export const MIGRATIONS: readonly Migration[] = [v1ToV2, v2ToV3, v3ToV4];
export const EXPORT_VERSION = MIGRATIONS.length + 1;

/** A file of any version up to the current one, as a file of the current version. */
export function migrate(file: FileObject & { version: number }): FileObject & { version: number } {
  let out = file;
  for (let v = file.version; v < EXPORT_VERSION; v++) out = { ...MIGRATIONS[v - 1]!(out), version: v + 1 };
  return out;
}

// ---- writing ---------------------------------------------------------------------------------

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Position in map order; things that are not in the map go last, by id. */
function ranker(items: Iterable<{ id: string; index: string }>) {
  const rank = new Map([...items].sort(byIndex).map((item, i) => [item.id, i]));
  return (a: string | null, b: string | null) => {
    const ra = a === null ? -1 : (rank.get(a) ?? rank.size);
    const rb = b === null ? -1 : (rank.get(b) ?? rank.size);
    return ra - rb || cmp(a ?? '', b ?? '');
  };
}

/** The `journey` part of a current-version file. */
export function toPlain(journey: Journey): PlainJourney {
  const m = journey.meta;
  const stageOrder = ranker(journey.stages.values());
  const laneOrder = ranker(journey.lanes.values());
  const personaOrder = ranker(journey.personas.values());
  return {
    meta: { title: m.title, scenario: m.scenario, variant: m.variant, locale: m.locale, createdAt: m.createdAt },
    personas: [...journey.personas.values()]
      .sort(byIndex)
      .map((p) => ({ id: p.id, name: p.name, picture: p.picture, goals: p.goals, needs: p.needs, frustrations: p.frustrations, index: p.index })),
    stages: [...journey.stages.values()].sort(byIndex).map((s) => ({ id: s.id, name: s.name, goal: s.goal, index: s.index })),
    lanes: [...journey.lanes.values()].sort(byIndex).map((l) => ({ id: l.id, name: l.name, kind: l.kind, index: l.index, collapsed: l.collapsed })),
    cards: [...journey.cards.values()].sort((a, b) => stageOrder(a.stageId, b.stageId) || laneOrder(a.laneId, b.laneId) || byIndex(a, b)).map(cardWithOwnFields),
    links: [...journey.links.values()].sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to)).map((l) => ({ from: l.from, to: l.to, label: l.label })),
    emotions: [...journey.emotions.values()]
      .sort((a, b) => stageOrder(a.stageId, b.stageId) || personaOrder(a.personaId, b.personaId))
      .map((e) => ({ stageId: e.stageId, personaId: e.personaId, score: e.score, note: e.note })),
  };
}

/** The map file; its `survey` part only when given (surveyFile.ts surveyOfMap) and not empty. */
export function toExportFile(journey: Journey, now: Date, comments: readonly Thread[] = [], survey?: SurveyPart): ExportFile {
  const file: ExportFile = { type: EXPORT_TYPE, app: EXPORT_APP, version: EXPORT_VERSION, exportedAt: now.toISOString(), journey: toPlain(journey) };
  if (comments.length) file.comments = [...comments];
  if (survey && (survey.figures.length || survey.verbatims.length)) file.survey = survey;
  return file;
}

// ---- reading ---------------------------------------------------------------------------------

export type ImportErrorCode = 'notJson' | 'notOurs' | 'newerVersion' | 'tooLarge' | 'invalid';

/**
 * Why a file cannot be imported. The UI translates `code` with `params`; `message` is the English
 * for the server's API.
 *
 * - `notJson` {detail}: not JSON at all (detail: the parser's own words, or 'empty').
 * - `notOurs` {type}: JSON, but not a Touchpoint map (type: the file's "type", '' if none).
 * - `newerVersion` {version, supported}: written by a newer Touchpoint.
 * - `tooLarge` {bytes, max}: over the size limit (checked before parsing).
 * - `invalid` {path, reason, value, count}: fields that cannot be read nor repaired; the first one's
 *   path (e.g. `journey.cards[3].kind`), reason (an IssueReason: 'unknownValue', 'missing', …) and
 *   value ('sticker'), and how many were found (reading stops at 20); `issues` lists the first few.
 */
export interface ImportError {
  code: ImportErrorCode;
  params: Record<string, string | number>;
  message: string;
  issues?: Issue[];
}

/** Reads a file's survey part (surveyFile.ts readSurveyPart): given by the caller, so the browser loads it only for a file that has one. */
export type SurveyReader = (value: unknown, journey: Journey) => { survey: MapSurvey; repairs: Repair[] };

export type MapFileResult =
  | {
      ok: true;
      journey: Journey;
      repairs: Repair[];
      comments: Thread[];
      /** The survey figures and comments (none when the file has none, or when it was read without a SurveyReader). */
      survey: MapSurvey;
      /** The file's survey part as written, when it has one and it has not been read yet (read without a SurveyReader). */
      surveyPart?: unknown;
    }
  | { ok: false; error: ImportError };

const fail = (code: ImportErrorCode, params: Record<string, string | number>, message: string, issues?: Issue[]): MapFileResult => ({
  ok: false,
  error: issues ? { code, params, message, issues } : { code, params, message },
});

/** How many issues the error lists. */
const LISTED_ISSUES = 5;

function invalid(issues: Issue[], more: boolean): MapFileResult {
  const first = issues[0]!;
  const count = issues.length;
  const listed = issues.slice(0, LISTED_ISSUES);
  const message =
    first.path === 'journey' && first.reason === 'missing'
      ? 'The file has no journey in it.'
      : `The file is not valid (${more ? `${count} or more problems` : count === 1 ? '1 problem' : `${count} problems`}): ${listed.map(describeIssue).join('; ')}${count > listed.length || more ? '; …' : ''}.`;
  return fail('invalid', { path: first.path, reason: first.reason, value: first.value, count }, message, listed);
}

/** The size of a string in UTF-8, without encoding it (lone surrogates count as U+FFFD). */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** The file's comment threads (none when absent); the first one that does not read is the issue. */
function readComments(value: unknown): { ok: true; value: Thread[] } | { ok: false; issue: Issue } {
  if (value === undefined) return { ok: true, value: [] };
  const checked = check(v.array(threadSchema, 'notList'), value, 'comments');
  return checked.ok ? { ok: true, value: checked.value } : { ok: false, issue: checked.issue };
}

/**
 * Reads an already parsed map file of any version up to the current one: checks its type and
 * version, migrates it, checks every field and repairs what can be repaired. Either the whole
 * journey, with the list of repairs, or the reason nothing was imported.
 */
export function readMapFile(value: unknown, readSurvey?: SurveyReader): MapFileResult {
  const type = isObject(value) ? value.type : undefined;
  if (!isObject(value) || type !== EXPORT_TYPE) {
    const found = typeof type === 'string' ? type.slice(0, 100) : '';
    return fail(
      'notOurs',
      { type: found },
      `This is not a Touchpoint map file (its "type" is ${found ? `"${found}"` : 'missing'}, not "${EXPORT_TYPE}").`,
    );
  }
  const version = value.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    const issue: Issue = { path: 'version', reason: version === undefined ? 'missing' : typeof version !== 'number' ? 'notNumber' : 'outOfRange', value: version === undefined ? '' : String(JSON.stringify(version)).slice(0, 40) };
    return fail('invalid', { path: issue.path, reason: issue.reason, value: issue.value, count: 1 }, `The file has no valid "version" (${describeIssue(issue)}).`, [issue]);
  }
  if (version > EXPORT_VERSION) {
    return fail(
      'newerVersion',
      { version, supported: EXPORT_VERSION },
      `The file is version ${version}, newer than this Touchpoint understands (${EXPORT_VERSION}). Update Touchpoint to open it.`,
    );
  }
  const current = migrate({ ...value, version });
  const read = readPlainJourney(current.journey);
  if (!read.ok) return invalid(read.issues, read.more);
  const { journey, repairs } = repairJourney(read.journey);
  const comments = readComments(current.comments);
  if (!comments.ok) return invalid([comments.issue], false);
  const done = { ok: true as const, journey, repairs, comments: comments.value, survey: { figures: new Map(), verbatims: new Map() } };
  if (current.survey === undefined) return done;
  if (!readSurvey) return { ...done, surveyPart: current.survey };
  const survey = readSurvey(current.survey, journey);
  return { ...done, repairs: [...repairs, ...survey.repairs], survey: survey.survey };
}

/**
 * Reads a map file from its text. The size is checked before parsing: a file over `maxBytes` is
 * refused without being read.
 */
export function parseMapFile(text: string, maxBytes = MAX_FILE_BYTES, readSurvey?: SurveyReader): MapFileResult {
  if (text.length * 3 > maxBytes) {
    const bytes = utf8Bytes(text);
    if (bytes > maxBytes) return fail('tooLarge', { bytes, max: maxBytes }, `The file is ${formatBytes(bytes)}, more than the ${formatBytes(maxBytes)} a map file may have.`);
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // a byte order mark from some editors
  if (!body.trim()) return fail('notJson', { detail: 'empty' }, 'The file is empty.');
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return fail('notJson', { detail }, `The file is not JSON (${detail}).`);
  }
  return readMapFile(value, readSurvey);
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
}
