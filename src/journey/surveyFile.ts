// The survey part of a map file (version 4 on, optional): each touchpoint's and stage's figures per
// metric and quarter, and the customers' comments the map keeps (verbatims), so a map moved to
// another server keeps its Voice of the Customer. Written from what the map shows (store.voc, the
// Y.Doc's `voc` and `verbatims` roots); read back checked, the figures of touchpoints and stages the
// map does not have left out. The raw answers stay with the server they were imported into.
import * as v from 'valibot';
import { check, oneOf, text, wholeNumber, type Issue } from './records/valid';
import { isIsoDay } from './voc/answerSchema';
import { figureKey, stageTarget, touchpointTarget, type MapFigure, type Verbatim } from './voc/onMap';
import { isValidScore, VOC_METRICS, type VocMetric } from './voc/scores';
import { byIndex } from './order';
import type { Journey } from './types';
import type { Repair } from './repair';

/** A figure in the file: about a touchpoint or a stage (one of the two), one metric, one quarter. */
export interface FileFigure {
  touchpointId?: string;
  stageId?: string;
  metric: VocMetric;
  /** `2026-Q3`. */
  quarter: string;
  /** The NPS (-100..100), the CES mean (1..7) or the CSAT % (0..100); null with no answers. */
  value: number | null;
  /** How many answers it sums up. */
  n: number;
}

export type FileVerbatim = Omit<Verbatim, 'id'>;

/** The file's `survey`. */
export interface SurveyPart {
  figures: FileFigure[];
  verbatims: FileVerbatim[];
}

/** The survey of a map as the app holds it (store.voc): figures by figureKey, verbatims by id. */
export interface MapSurvey {
  figures: Map<string, MapFigure>;
  verbatims: Map<string, Verbatim>;
}

export const emptySurvey = (): MapSurvey => ({ figures: new Map(), verbatims: new Map() });

// ---- writing ---------------------------------------------------------------------------------

const TARGET = /^([ts]):(.*)$/;

/**
 * The survey part of the map's file: the figures and verbatims of the touchpoints and stages it
 * has, in map order (stage, then touchpoint; metric; quarter), so the same map gives the same file.
 */
export function surveyOfMap(journey: Journey, voc: { figures: ReadonlyMap<string, MapFigure>; verbatims: ReadonlyMap<string, Verbatim> }): SurveyPart {
  const stages = [...journey.stages.values()].sort(byIndex);
  const stageRank = new Map(stages.map((s, i) => [s.id, i]));
  const touchpoints = [...journey.cards.values()].filter((c) => c.kind === 'touchpoint' && stageRank.has(c.stageId));
  touchpoints.sort((a, b) => stageRank.get(a.stageId)! - stageRank.get(b.stageId)! || byIndex(a, b));
  const tpRank = new Map(touchpoints.map((c, i) => [c.id, i]));
  const rank = (f: FileFigure | FileVerbatim) =>
    f.touchpointId ? [stageRank.get(journey.cards.get(f.touchpointId)!.stageId)!, 1, tpRank.get(f.touchpointId)!] : [stageRank.get(f.stageId!)!, 0, 0];
  const order = (a: FileFigure | FileVerbatim, b: FileFigure | FileVerbatim) => {
    const [ra, rb] = [rank(a), rank(b)];
    return ra[0]! - rb[0]! || ra[1]! - rb[1]! || ra[2]! - rb[2]!;
  };

  const figures: FileFigure[] = [];
  for (const [key, f] of voc.figures) {
    const [target, metric, quarter] = key.split('|') as [string, VocMetric, string];
    const m = TARGET.exec(target);
    if (!m) continue;
    const about = m[1] === 't' ? { touchpointId: m[2]! } : { stageId: m[2]! };
    if (about.touchpointId ? !tpRank.has(about.touchpointId) : !stageRank.has(about.stageId!)) continue;
    figures.push({ ...about, metric, quarter, value: f.value, n: f.n });
  }
  figures.sort((a, b) => order(a, b) || VOC_METRICS.indexOf(a.metric) - VOC_METRICS.indexOf(b.metric) || (a.quarter < b.quarter ? -1 : a.quarter > b.quarter ? 1 : 0));

  const verbatims: FileVerbatim[] = [];
  for (const q of voc.verbatims.values()) {
    const about = q.touchpointId ? tpRank.has(q.touchpointId) : q.stageId !== null && stageRank.has(q.stageId);
    if (!about) continue;
    verbatims.push({ touchpointId: q.touchpointId, stageId: q.stageId, metric: q.metric, score: q.score, date: q.date, text: q.text, segment: q.segment });
  }
  verbatims.sort((a, b) => order(a, b) || (a.date < b.date ? 1 : a.date > b.date ? -1 : 0) || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  return { figures, verbatims };
}

// ---- reading ---------------------------------------------------------------------------------

const id = v.pipe(v.string('badId'), v.minLength(1, 'badId'), v.maxLength(64, 'badId'));
const finite = v.pipe(v.number('notNumber'), v.finite('notNumber'));
const quarter = v.pipe(v.string('notText'), v.regex(/^\d{4}-Q[1-4]$/, 'unknownValue'));
/** What a figure of each metric can be: the NPS -100..100, the CES mean 1..7, the CSAT % 0..100. */
const RANGE: Record<VocMetric, [number, number]> = { NPS: [-100, 100], CES: [1, 7], CSAT: [0, 100] };

const fileFigureSchema = v.pipe(
  v.strictObject({
    touchpointId: v.optional(id),
    stageId: v.optional(id),
    metric: oneOf(VOC_METRICS),
    quarter,
    value: v.nullable(finite),
    n: wholeNumber(1, Number.MAX_SAFE_INTEGER),
  }),
  v.check((f) => (f.touchpointId === undefined) !== (f.stageId === undefined), 'missing'),
  v.forward(
    v.check((f) => f.value === null || (f.value >= RANGE[f.metric][0] && f.value <= RANGE[f.metric][1]), 'outOfRange'),
    ['value'],
  ),
);

const fileVerbatimSchema = v.pipe(
  v.strictObject({
    touchpointId: v.nullable(id),
    stageId: v.nullable(id),
    metric: oneOf(VOC_METRICS),
    score: wholeNumber(0, 10),
    date: v.pipe(v.string('notText'), v.check(isIsoDay, 'unknownValue')),
    text: v.pipe(text, v.maxLength(1000, 'tooLong')),
    segment: v.optional(v.pipe(text, v.maxLength(4000, 'tooLong')), ''),
  }),
  v.check((q) => q.touchpointId !== null || q.stageId !== null, 'missing'),
  v.forward(
    v.check((q) => isValidScore(q.metric, q.score), 'outOfRange'),
    ['score'],
  ),
);

const surveyPartSchema = v.strictObject({
  figures: v.optional(v.array(fileFigureSchema, 'notList'), []),
  verbatims: v.optional(v.array(fileVerbatimSchema, 'notList'), []),
});

/**
 * The file's survey part (absent: none) for the journey read from the same file. A part that does
 * not read is left out whole, the map itself imported (the repair says where it went wrong); a
 * figure or comment about a touchpoint or stage the map does not have is left out and counted.
 */
export function readSurveyPart(value: unknown, journey: Journey): { survey: MapSurvey; repairs: Repair[] } {
  const survey = emptySurvey();
  if (value === undefined) return { survey, repairs: [] };
  const checked = check(surveyPartSchema, value, 'survey');
  if (!checked.ok) return { survey, repairs: [unreadable(checked.issue)] };
  const isTouchpoint = (tp: string) => journey.cards.get(tp)?.kind === 'touchpoint';
  let dropped = 0;
  for (const f of checked.value.figures) {
    const ok = f.touchpointId !== undefined ? isTouchpoint(f.touchpointId) : journey.stages.has(f.stageId!);
    if (!ok) {
      dropped++;
      continue;
    }
    const target = f.touchpointId !== undefined ? touchpointTarget(f.touchpointId) : stageTarget(f.stageId!);
    survey.figures.set(figureKey(target, f.metric, f.quarter), { value: f.value, n: f.n });
  }
  checked.value.verbatims.forEach((q, i) => {
    const ok = q.touchpointId !== null ? isTouchpoint(q.touchpointId) : journey.stages.has(q.stageId!);
    if (!ok) return;
    // Its own id, one a survey import on this server never makes (those are `<target>:<date>:<line>`).
    const quoteId = `file:${q.touchpointId ?? q.stageId}:${q.date}:${i + 1}`;
    survey.verbatims.set(quoteId, { id: quoteId, ...q });
  });
  return { survey, repairs: dropped ? [{ code: 'figureRemoved', count: dropped, params: {} }] : [] };
}

const unreadable = (issue: Issue): Repair => ({ code: 'surveyUnreadable', count: 1, params: { path: issue.path, reason: issue.reason, value: issue.value } });
