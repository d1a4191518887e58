// One survey answer, as a row of a survey file becomes (./surveyCsv.ts) and as the server keeps it
// (server/voc.ts, POST /api/maps/:id/responses): the one schema both check it against, so an answer
// the import dialog lets through is never refused by the server, and both refuse a bad one for the
// same reason. Each caller words the problem its own way (the planner by line and column with its
// codes, the API in its sentences); the rules are only here and in ./scores.ts (the score ranges).
import * as v from 'valibot';
import { oneOf, textUpTo, wholeNumber } from '../records/valid';
import { isValidScore, VOC_METRICS } from './scores';

/** A comment or a segment: at most this many characters. */
export const MAX_ANSWER_TEXT = 4000;
/** A touchpoint or stage id: at most this many characters (ids are 12; the map's own are checked by the server). */
export const MAX_TARGET_ID = 64;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Whether this is a day of the calendar (years 1000 to 9999). */
export function isCalendarDay(year: number, month: number, day: number): boolean {
  return year >= 1000 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `date` is a day written YYYY-MM-DD (2026-02-31 is not). */
export function isIsoDay(date: string): boolean {
  const m = ISO_DAY.exec(date);
  return m !== null && isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

const targetId = v.optional(v.nullable(v.pipe(v.string('badId'), v.minLength(1, 'badId'), v.maxLength(MAX_TARGET_ID, 'badId'))), null);
const answerText = v.optional(textUpTo(MAX_ANSWER_TEXT), '');
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The fields of an answer, each checked on its own (the score's range depends on the metric: below). */
export const answerEntries = {
  date: v.pipe(v.string('notText'), v.check(isIsoDay, 'unknownValue')),
  touchpointId: targetId,
  stageId: targetId,
  metric: oneOf(VOC_METRICS),
  score: v.pipe(v.number('notNumber'), v.finite('notNumber')),
  comment: answerText,
  segment: answerText,
  /** The line of its file the answer starts on (the header is line 1). */
  line: v.optional(wholeNumber(1, Number.MAX_SAFE_INTEGER)),
};

type Fields = v.InferOutput<v.ObjectSchema<typeof answerEntries, undefined>>;

/**
 * One answer: an object with these fields only, its score a whole number in its metric's range
 * (`isValidScore`: NPS 0-10, CES 1-7, CSAT 1-5), about a touchpoint or a stage (at least one). A
 * field of its own that is wrong is reported even when others are (checkAll), so a file's row can
 * say every column that is wrong.
 */
export const answerSchema = v.pipe(
  v.custom<Record<string, unknown>>(isRecord, 'notObject'),
  v.strictObject(answerEntries),
  v.forward(
    v.partialCheck(
      [['metric'], ['score']],
      (a: Pick<Fields, 'metric' | 'score'>) => isValidScore(a.metric, a.score),
      (issue) => (Number.isInteger((issue.input as { score?: unknown }).score) ? 'outOfRange' : 'notWholeNumber'),
    ),
    ['score'],
  ),
  v.forward(
    v.partialCheck([['touchpointId'], ['stageId']], (a: Pick<Fields, 'touchpointId' | 'stageId'>) => a.touchpointId !== null || a.stageId !== null, 'missing'),
    ['stageId'],
  ),
);

/** An answer as checked (its `line` is its caller's to fill in when the sender gave none). */
export type Answer = v.InferOutput<typeof answerSchema>;

/** The field of an answer an issue is about ('' for the answer itself). */
export type AnswerField = keyof typeof answerEntries | '';
export const answerFieldOf = (keys: readonly (string | number)[]): AnswerField => {
  const key = keys[0];
  return typeof key === 'string' && Object.hasOwn(answerEntries, key) ? (key as AnswerField) : '';
};
