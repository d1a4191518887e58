// The Voice of the Customer in figures: NPS, CES and CSAT from survey answers, each with its sample
// size beside it (a score from 3 answers is not a score from 3,000), grouped per touchpoint, stage or
// quarter, and compared quarter on quarter. Pure: no React, no Yjs, no DOM.
//
// Rounding: every percentage (NPS, the shares, CSAT, the CES 5-7 share) is an integer, the CES mean
// has two decimals; both round half away from zero (12.5 → 13, -12.5 → -13), computed from the exact
// counts in integer arithmetic, so no floating-point drift moves a figure across a rounding edge. The
// NPS is computed from the counts, not from the rounded shares.
import type { MetricType } from '../types';

export const VOC_METRICS = ['NPS', 'CES', 'CSAT'] as const satisfies readonly MetricType[];
export type VocMetric = (typeof VOC_METRICS)[number];

/** The answers each metric's question allows: whole numbers from min to max. */
export const SCORE_RANGES: Readonly<Record<VocMetric, { readonly min: number; readonly max: number }>> = {
  NPS: { min: 0, max: 10 },
  CES: { min: 1, max: 7 },
  CSAT: { min: 1, max: 5 },
};

export function isValidScore(metric: VocMetric, score: number): boolean {
  const { min, max } = SCORE_RANGES[metric];
  return Number.isInteger(score) && score >= min && score <= max;
}

/** Below this many answers a figure is shown as a small sample. */
export const SMALL_SAMPLE = 30;
/** Below this many answers a figure is shown as a tiny sample: an anecdote, not a score. */
export const TINY_SAMPLE = 10;
export type SampleFlag = 'ok' | 'small' | 'tiny';

/** How far a figure from n answers can be trusted: n < 10 'tiny' (n = 0 included), n < 30 'small'. */
export function sampleFlag(n: number): SampleFlag {
  return n < TINY_SAMPLE ? 'tiny' : n < SMALL_SAMPLE ? 'small' : 'ok';
}

/** One survey answer, as the survey import reads it. */
export interface SurveyResponse {
  /** The line of the file the row starts on (the header is line 1). */
  line: number;
  /** The day answered, YYYY-MM-DD. */
  date: string;
  /** The touchpoint card answered about, or null for an answer about a whole stage. */
  touchpointId: string | null;
  /** The stage: the one answered about, or the touchpoint's (null when it is not known). */
  stageId: string | null;
  metric: VocMetric;
  score: number;
  comment: string;
  segment: string;
}

/** What the formulas need of an answer. */
export type Scored = Pick<SurveyResponse, 'metric' | 'score'>;

/** Part of the answers: how many, and their percentage of n (null when n = 0). */
export interface Share {
  count: number;
  percent: number | null;
}

interface FigureBase {
  /** The headline figure (NPS, CES mean, CSAT %), null when there are no answers. */
  value: number | null;
  /** The sample size: how many answers the figure is computed from. */
  n: number;
  sample: SampleFlag;
}
export interface NpsFigure extends FigureBase {
  metric: 'NPS';
  /** Integer, -100..+100. */
  value: number | null;
  promoters: Share;
  passives: Share;
  detractors: Share;
}
export interface CesFigure extends FigureBase {
  metric: 'CES';
  /** The mean answer, 1..7 with two decimals. */
  value: number | null;
  /** The answers 5-7 ("easy"). */
  easy: Share;
}
export interface CsatFigure extends FigureBase {
  metric: 'CSAT';
  /** Integer percentage of answers 4 or 5. */
  value: number | null;
  /** The answers 4-5. */
  satisfied: Share;
}
export type Figure = NpsFigure | CesFigure | CsatFigure;
export type FigureOf<M extends VocMetric> = Extract<Figure, { metric: M }>;
/** The three figures of one group of answers. */
export type Figures = { [M in VocMetric]: FigureOf<M> };

// ---- rounding ---------------------------------------------------------------------------------

/**
 * `numerator * scale / denominator` rounded half away from zero, exactly, for integer inputs
 * (denominator > 0): `Math.round(x * 100)` would round -12.5 up to -12 and 0.5 / 0.005-style
 * ratios wherever floating point puts them.
 */
function roundRatio(numerator: number, denominator: number, scale: number): number {
  const a = Math.abs(numerator) * scale;
  const q = Math.floor((2 * a + denominator) / (2 * denominator));
  return numerator < 0 && q !== 0 ? -q : q; // never -0
}

const share = (count: number, n: number): Share => ({ count, percent: n === 0 ? null : roundRatio(count, n, 100) });

function check(metric: VocMetric, scores: readonly number[]): void {
  for (const s of scores)
    if (!isValidScore(metric, s)) {
      const { min, max } = SCORE_RANGES[metric];
      throw new RangeError(`${metric} answers are whole numbers from ${min} to ${max}, not ${s}.`);
    }
}

// ---- the formulas -----------------------------------------------------------------------------

/** NPS = % promoters (9-10) - % detractors (0-6), from 0-10 answers. Throws on an answer outside 0-10. */
export function nps(scores: readonly number[]): NpsFigure {
  check('NPS', scores);
  let promoters = 0;
  let detractors = 0;
  for (const s of scores) {
    if (s >= 9) promoters++;
    else if (s <= 6) detractors++;
  }
  const n = scores.length;
  return {
    metric: 'NPS',
    value: n === 0 ? null : roundRatio(promoters - detractors, n, 100),
    n,
    sample: sampleFlag(n),
    promoters: share(promoters, n),
    passives: share(n - promoters - detractors, n),
    detractors: share(detractors, n),
  };
}

/** CES: the mean of 1-7 answers (7 = very easy) and the share of answers 5-7. Throws on an answer outside 1-7. */
export function ces(scores: readonly number[]): CesFigure {
  check('CES', scores);
  let sum = 0;
  let easy = 0;
  for (const s of scores) {
    sum += s;
    if (s >= 5) easy++;
  }
  const n = scores.length;
  return { metric: 'CES', value: n === 0 ? null : roundRatio(sum, n, 100) / 100, n, sample: sampleFlag(n), easy: share(easy, n) };
}

/** CSAT = % of 1-5 answers that are 4 or 5. Throws on an answer outside 1-5. */
export function csat(scores: readonly number[]): CsatFigure {
  check('CSAT', scores);
  let satisfied = 0;
  for (const s of scores) if (s >= 4) satisfied++;
  const n = scores.length;
  const part = share(satisfied, n);
  return { metric: 'CSAT', value: part.percent, n, sample: sampleFlag(n), satisfied: part };
}

/** The figure of one metric from its answers. */
export function figure<M extends VocMetric>(metric: M, scores: readonly number[]): FigureOf<M> {
  const formula = { NPS: nps, CES: ces, CSAT: csat }[metric];
  return formula(scores) as FigureOf<M>;
}

/** The figure of one metric from a list of answers; answers to the other metrics are left out. */
export function summarize<M extends VocMetric>(responses: readonly Scored[], metric: M): FigureOf<M> {
  const scores: number[] = [];
  for (const r of responses) if (r.metric === metric) scores.push(r.score);
  return figure(metric, scores);
}

/** The three figures of a list of answers (one with n = 0 and a null value where there are none). */
export function summarizeAll(responses: readonly Scored[]): Figures {
  const scores: Record<VocMetric, number[]> = { NPS: [], CES: [], CSAT: [] };
  for (const r of responses) scores[r.metric].push(r.score);
  return { NPS: nps(scores.NPS), CES: ces(scores.CES), CSAT: csat(scores.CSAT) };
}

/**
 * The answers grouped by a key (a touchpoint, a stage, a quarter: see `KEYS`), and the three figures
 * of each group. Answers whose key is null, undefined or '' are left out. The groups come in the
 * order their first answer does; quarter keys sort chronologically as plain strings.
 */
export function byKey<R extends Scored>(responses: readonly R[], keyFn: (response: R) => string | null | undefined): Map<string, Figures> {
  const groups = new Map<string, R[]>();
  for (const r of responses) {
    const key = keyFn(r);
    if (key === null || key === undefined || key === '') continue;
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  const figures = new Map<string, Figures>();
  for (const [key, group] of groups) figures.set(key, summarizeAll(group));
  return figures;
}

/** The usual keys for `byKey`. A touchpoint's answers count for its stage too. */
export const KEYS = {
  touchpoint: (r: SurveyResponse) => r.touchpointId,
  stage: (r: SurveyResponse) => r.stageId,
  quarter: (r: SurveyResponse) => quarterOf(r.date),
  segment: (r: SurveyResponse) => r.segment.trim() || null,
} as const;

// ---- quarters ---------------------------------------------------------------------------------

/** A calendar quarter, "2026-Q3". */
export type Quarter = `${number}-Q${1 | 2 | 3 | 4}`;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})/;

/** The quarter of a YYYY-MM-DD date (a time after it is ignored): "2026-07-01" → "2026-Q3". Throws on anything else. */
export function quarterOf(date: string): Quarter {
  const m = ISO_DAY.exec(date);
  const month = m ? Number(m[2]) : 0;
  if (!m || month < 1 || month > 12) throw new RangeError(`"${date}" is not a YYYY-MM-DD date.`);
  return `${m[1]}-Q${Math.ceil(month / 3)}` as Quarter;
}

function parseQuarter(quarter: string): { year: number; q: number } {
  const m = QUARTER.exec(quarter);
  if (!m) throw new RangeError(`"${quarter}" is not a quarter like "2026-Q3".`);
  return { year: Number(m[1]), q: Number(m[2]) };
}

const formatQuarter = (year: number, q: number) => `${String(year).padStart(4, '0')}-Q${q}` as Quarter;

/** The quarter before: "2026-Q1" → "2025-Q4". */
export function previousQuarter(quarter: string): Quarter {
  const { year, q } = parseQuarter(quarter);
  return q === 1 ? formatQuarter(year - 1, 4) : formatQuarter(year, q - 1);
}

// ---- change -----------------------------------------------------------------------------------

export interface Change {
  metric: VocMetric;
  /** current - previous, in points of the figure as shown (NPS and % points; CES in scale points, two decimals); null when either has no answers. */
  value: number | null;
  current: { value: number | null; n: number; sample: SampleFlag };
  previous: { value: number | null; n: number; sample: SampleFlag };
}

/** How a figure moved since the previous one (a quarter before, say), with both sample sizes. Throws when the metrics differ. */
export function change(current: Figure, previous: Figure): Change {
  if (current.metric !== previous.metric) throw new TypeError(`Cannot compare ${current.metric} with ${previous.metric}.`);
  const value =
    current.value === null || previous.value === null
      ? null
      : (Math.round(current.value * 100) - Math.round(previous.value * 100)) / 100; // exact: both have at most two decimals
  const side = (f: Figure) => ({ value: f.value, n: f.n, sample: f.sample });
  return { metric: current.metric, value, current: side(current), previous: side(previous) };
}
