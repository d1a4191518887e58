// The one validator of the app: the building blocks every record's schema is made of (valibot), and
// the translation of a failed check into our `Issue` (a path, a reason code the UI translates, the
// offending value). The document reader (src/doc/schema.ts), the map file reader (repair.ts), the
// commands' writes, the CSV planner, the API bodies and the survey rows all check through these.
// Each schema's message IS the reason code, so an issue needs no second mapping.
import * as v from 'valibot';
import { wellFormed } from '../wellFormed';

/** Why a field cannot be read. The UI translates these (`issue.reason.*`). */
export type IssueReason =
  | 'missing'
  | 'notObject'
  | 'notList'
  | 'notText'
  | 'notNumber'
  | 'notWholeNumber'
  | 'notBoolean'
  | 'unknownValue'
  | 'outOfRange'
  | 'tooLong'
  | 'duplicate'
  | 'badId'
  | 'badOrderKey';

/** One field that cannot be read, e.g. `journey.cards[3].kind`, unknownValue, 'sticker'. */
export interface Issue {
  path: string;
  reason: IssueReason;
  /** The offending value, shortened, or for `duplicate` the path of the first occurrence; '' if none. */
  value: string;
}

export type Schema = v.GenericSchema<unknown, unknown, v.BaseIssue<unknown>>;

/** Text, with lone surrogates mended (they would break the file, the CSV and Yjs' encoder). */
export const text = v.pipe(v.string('notText'), v.transform(wellFormed));
export const optText = v.optional(text, '');
/** Text of at most `max` characters. */
export const textUpTo = (max: number) => v.pipe(v.string('notText'), v.maxLength(max, 'tooLong'), v.transform(wellFormed));

/** One of `values`; with a fallback, a missing value reads as it. */
export function oneOf<const T extends readonly string[]>(values: T): v.PicklistSchema<T, 'unknownValue'>;
export function oneOf<const T extends readonly string[]>(values: T, fallback: T[number]): v.OptionalSchema<v.PicklistSchema<T, 'unknownValue'>, T[number]>;
export function oneOf<const T extends readonly string[]>(values: T, fallback?: T[number]) {
  const pick = v.picklist(values, 'unknownValue');
  return fallback === undefined ? pick : v.optional(pick, fallback);
}

const finite = v.pipe(v.number('notNumber'), v.finite('notNumber'));

/** A number in [min, max]; with a fallback, a missing value reads as it. */
export function number(min: number, max: number): v.GenericSchema<number, number>;
export function number(min: number, max: number, fallback: number): v.GenericSchema<number | undefined, number>;
export function number(min: number, max: number, fallback?: number): v.GenericSchema<unknown, number> {
  const n = v.pipe(finite, v.minValue(min, 'outOfRange'), v.maxValue(max, 'outOfRange'));
  return fallback === undefined ? n : v.optional(n, fallback);
}

/** A whole number in [min, max]; with a fallback, a missing value reads as it. */
export function wholeNumber<T extends number = number>(min: number, max: number): v.GenericSchema<T, T>;
export function wholeNumber<T extends number = number>(min: number, max: number, fallback: T): v.GenericSchema<T | undefined, T>;
export function wholeNumber(min: number, max: number, fallback?: number): v.GenericSchema<unknown, number> {
  const n = v.pipe(finite, v.minValue(min, 'outOfRange'), v.maxValue(max, 'outOfRange'), v.integer('notWholeNumber'));
  return fallback === undefined ? n : v.optional(n, fallback);
}

/** A number, or null (missing reads as null). */
export const numberOrNull = v.optional(v.nullable(finite), null);
/** A moment in milliseconds since 1970; missing reads as 0 (unknown). */
export const time = number(0, Number.MAX_SAFE_INTEGER, 0);
export const flag = (fallback: boolean) => v.optional(v.boolean('notBoolean'), fallback);

/** The value as a short string for an issue: what the user typed, not a dump. */
export function shown(value: unknown): string {
  let s: string;
  if (typeof value === 'string') s = value;
  else if (value === undefined) s = '';
  else {
    try {
      s = JSON.stringify(value) ?? String(value);
    } catch {
      // Too deeply nested to write out (String() of nested arrays would overflow the stack too).
      s = Array.isArray(value) ? '[…]' : typeof value === 'object' ? '{…}' : typeof value;
    }
  }
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

const REASONS = new Set<string>(['missing', 'notObject', 'notList', 'notText', 'notNumber', 'notWholeNumber', 'notBoolean', 'unknownValue', 'outOfRange', 'tooLong', 'badId']);

/** The keys from the checked value down to the field an issue is about: ['responses', 3, 'score']. */
export const issueKeys = (issue: v.BaseIssue<unknown>): (string | number)[] => (issue.path ?? []).map((p) => (typeof p.key === 'number' ? p.key : String(p.key)));

/** Our issue for valibot's: its path under `at`, a missing field said as such. */
export function toIssue(issue: v.BaseIssue<unknown>, at: string): Issue {
  const keys = (issue.path ?? []).map((p) => (typeof p.key === 'number' ? `[${p.key}]` : `.${String(p.key)}`)).join('');
  const path = at + keys;
  const last = issue.path?.at(-1);
  // A field a strict object does not have: the path names it (its value is no part of the problem).
  if (last?.origin === 'key' && issue.input !== undefined) return { path, reason: 'unknownValue', value: shown(String(last.key)) };
  // A check of a whole record forwarded to one of its fields (v.forward: the score against the
  // metric's range) is about that field's value, not the record's.
  const input = last?.origin === 'value' && last.input === issue.input ? last.value : issue.input;
  if (input === undefined || issue.message === 'missing') return { path, reason: 'missing', value: '' };
  const reason = REASONS.has(issue.message) ? (issue.message as IssueReason) : issue.type === 'object' ? 'notObject' : 'unknownValue';
  return { path, reason, value: shown(input) };
}

/** A failed check also says what the schema expected (valibot's issue type: 'string', 'picklist', …)
 * and the keys down to the field (for a caller that words each field's problem its own way). */
export type Checked<T> = { ok: true; value: T } | { ok: false; issue: Issue; expected: string; keys: (string | number)[] };

/** Checks `input` against `schema`; the first problem, as an issue under `at`. */
export function check<S extends Schema>(schema: S, input: unknown, at = ''): Checked<v.InferOutput<S>> {
  const result = v.safeParse(schema, input, { abortEarly: true });
  if (result.success) return { ok: true, value: result.output };
  const first = result.issues[0];
  return { ok: false, issue: toIssue(first, at), expected: expectedType(schema, first), keys: issueKeys(first) };
}

/** Checks `input` against `schema`, every problem (for a reader that reports each field of a row). */
export function checkAll<S extends Schema>(schema: S, input: unknown, at = ''): { ok: true; value: v.InferOutput<S> } | { ok: false; issues: (Issue & { keys: (string | number)[] })[] } {
  const result = v.safeParse(schema, input, { abortEarly: false });
  if (result.success) return { ok: true, value: result.output };
  return { ok: false, issues: result.issues.map((i) => ({ ...toIssue(i, at), keys: issueKeys(i) })) };
}

/** What the failing field's schema is ('string', 'picklist', 'number', …). A missing key is reported
 * by its object; the field's own schema (at the top level) says what was expected there. */
function expectedType(schema: Schema, issue: v.BaseIssue<unknown>): string {
  const key = issue.path?.length === 1 ? issue.path[0]!.key : undefined;
  const entries = 'entries' in schema ? (schema.entries as Record<string, { type: string }>) : undefined;
  if (issue.type === 'object' && issue.input === undefined && typeof key === 'string' && entries?.[key]) return entries[key].type;
  return issue.type;
}

/** The English words of a reason, for logs and API users (the UI translates `issue.reason.*`). */
const REASON_TEXT: Record<IssueReason, string> = {
  missing: 'missing',
  notObject: 'not an object',
  notList: 'not a list',
  notText: 'not text',
  notNumber: 'not a number',
  notWholeNumber: 'not a whole number',
  notBoolean: 'not true or false',
  unknownValue: 'unknown value',
  outOfRange: 'out of range',
  tooLong: 'too long',
  duplicate: 'the same as',
  badId: 'not a usable id',
  badOrderKey: 'not an order key',
};

/** "journey.cards[3].kind: unknown value 'sticker'" */
export function describeIssue(issue: Issue): string {
  const value = issue.reason === 'duplicate' ? ` ${issue.value}` : issue.value ? ` '${issue.value}'` : '';
  return `${issue.path}: ${REASON_TEXT[issue.reason]}${value}`;
}
