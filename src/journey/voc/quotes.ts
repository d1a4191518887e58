// Which comments a quarterly report quotes: per touchpoint (or stage), the lowest-scored ones, each
// score read within its own metric's scale (an NPS 4 of 0-10 is worse than a CSAT 4 of 1-5), ties
// to the newest. One rule for both sources of quotes: the server's quotes route, which ranks every
// stored answer of the quarter (server/http/quotes.ts), and the report made from the verbatims a map
// holds when no server is there (src/export/quarterlyReport.ts). Pure: no React, no Yjs, no DOM.
import { touchpointTarget, stageTarget } from './onMap';
import { SCORE_RANGES, type SurveyResponse, type VocMetric } from './scores';

/** A comment as a report quotes it. */
/** How many comments per touchpoint (or stage) a quarterly report quotes. */
export const QUOTES_PER_TARGET = 3;

export interface Quote {
  text: string;
  metric: VocMetric;
  score: number;
  date: string;
  segment: string;
}

/** What ranking needs of a comment. */
export type Rankable = Pick<Quote, 'metric' | 'score' | 'date'>;

/**
 * Where a score sits in its metric's scale, 0 (worst) to 1 (best). Every metric here reads "higher
 * is better" as scores.ts computes them: NPS 10 recommends, CSAT 5 is very satisfied, and CES 7 is
 * "very easy" (its 5-7 answers count as easy), so CES 1, the most effort, is its worst.
 */
export function scoreLevel(metric: VocMetric, score: number): number {
  const { min, max } = SCORE_RANGES[metric];
  return (score - min) / (max - min);
}

/** Lowest level first; at the same level, the newest first. */
export function compareQuotes(a: Rankable, b: Rankable): number {
  return scoreLevel(a.metric, a.score) - scoreLevel(b.metric, b.score) || (a.date < b.date ? 1 : a.date > b.date ? -1 : 0);
}

/** The `per` comments to quote out of `list` (not changed), lowest first. */
export function lowestQuotes<T extends Rankable>(list: readonly T[], per: number): T[] {
  return [...list].sort(compareQuotes).slice(0, per);
}

/** The target a comment is about: its touchpoint (`t:<id>`), else its stage (`s:<id>`), else none. */
export const quoteTarget = (about: { touchpointId: string | null; stageId: string | null }): string | null =>
  about.touchpointId ? touchpointTarget(about.touchpointId) : about.stageId ? stageTarget(about.stageId) : null;

/** The quote of an answer with a comment (its text trimmed and cut as a verbatim's is). */
export const quoteOf = (r: SurveyResponse): Quote => ({ text: r.comment.trim().slice(0, 1000), metric: r.metric, score: r.score, date: r.date, segment: r.segment });

/**
 * The `per` lowest-ranked comments per target out of a quarter's answers (answers without a comment
 * or a target are left out; the caller picks the quarter).
 */
export function quotesByTarget(answers: readonly SurveyResponse[], per: number): Record<string, Quote[]> {
  const byTarget = new Map<string, SurveyResponse[]>();
  for (const r of answers) {
    const key = quoteTarget(r);
    if (!key || !r.comment.trim()) continue;
    const list = byTarget.get(key);
    if (list) list.push(r);
    else byTarget.set(key, [r]);
  }
  const out: Record<string, Quote[]> = {};
  for (const [key, list] of byTarget) out[key] = lowestQuotes(list, per).map(quoteOf);
  return out;
}

const QUARTER = /^(\d{4})-Q([1-4])$/;

/** The days of a quarter as YYYY-MM-DD text: from its first day, up to (not including) the next quarter's. Null for anything not like "2026-Q3". */
export function quarterDays(quarter: string): { from: string; until: string } | null {
  const m = QUARTER.exec(quarter);
  if (!m) return null;
  const year = Number(m[1]);
  const q = Number(m[2]);
  const day = (y: number, month: number) => `${String(y).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`;
  return { from: day(year, q * 3 - 2), until: q === 4 ? day(year + 1, 1) : day(year, q * 3 + 1) };
}
