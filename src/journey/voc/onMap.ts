// What of the Voice of the Customer sits on the map itself: per touchpoint and per stage, per
// quarter, each metric's figure with its sample size; and a few chosen verbatims per touchpoint.
// The raw answers stay in the server's database, so the live document does not grow with them.
import * as v from 'valibot';
import { text } from '../records/valid';
import { answerEntries } from './answerSchema';
import { byKey, previousQuarter, quarterOf, sampleFlag, VOC_METRICS, type SurveyResponse, type VocMetric } from './scores';

/** A figure as stored on the map: its value (null with no answers) and its sample size. */
export interface MapFigure {
  value: number | null;
  n: number;
}

export interface Verbatim {
  id: string;
  touchpointId: string | null;
  stageId: string | null;
  metric: VocMetric;
  score: number;
  date: string;
  text: string;
  segment: string;
}

// How src/doc/bindVoc.ts reads them back from the document (any client can write there, so they are
// checked as everything read from it is): a figure needs its numbers; a verbatim its text, metric and
// score (an answer's), the rest reads as unknown when it is not what it should be.
export const mapFigureSchema = v.object({ value: v.nullable(v.pipe(v.number(), v.finite())), n: v.pipe(v.number(), v.finite()) });
const orNull = v.fallback(v.nullable(v.string()), null);
const orEmpty = v.fallback(v.string(), '');
export const verbatimSchema = v.object({
  touchpointId: orNull,
  stageId: orNull,
  metric: answerEntries.metric,
  score: answerEntries.score,
  date: orEmpty,
  text,
  segment: orEmpty,
});

/** `t:<touchpointId>` or `s:<stageId>`, then metric and quarter: `t:abc|NPS|2026-Q3`. */
export const figureKey = (target: string, metric: VocMetric, quarter: string) => `${target}|${metric}|${quarter}`;
export const touchpointTarget = (id: string) => `t:${id}`;
export const stageTarget = (id: string) => `s:${id}`;

/** Every figure for every touchpoint and stage, per quarter. */
export function mapFigures(responses: readonly SurveyResponse[]): Map<string, MapFigure> {
  const out = new Map<string, MapFigure>();
  const targets = [
    (r: SurveyResponse) => (r.touchpointId ? touchpointTarget(r.touchpointId) : null),
    (r: SurveyResponse) => (r.stageId ? stageTarget(r.stageId) : null),
  ];
  for (const target of targets) {
    const grouped = byKey(responses, (r) => {
      const t = target(r);
      return t ? `${t}|${quarterOf(r.date)}` : null;
    });
    for (const [key, figures] of grouped) {
      const [t, quarter] = key.split('|') as [string, string];
      for (const metric of VOC_METRICS) {
        const f = figures[metric];
        if (f.n > 0) out.set(figureKey(t, metric, quarter), { value: f.value, n: f.n });
      }
    }
  }
  return out;
}

/** The newest answers with a comment, a few per touchpoint (or stage) and quarter: what the card
 * shows, and what a quarterly report can quote for any quarter. */
export function chooseVerbatims(responses: readonly SurveyResponse[], perTarget = 5): Verbatim[] {
  const byTarget = new Map<string, SurveyResponse[]>();
  for (const r of responses) {
    if (!r.comment.trim()) continue;
    const about = r.touchpointId ?? r.stageId;
    if (!about) continue;
    const target = `${about}|${quarterOf(r.date)}`;
    const list = byTarget.get(target) ?? [];
    list.push(r);
    byTarget.set(target, list);
  }
  const chosen: Verbatim[] = [];
  for (const list of byTarget.values()) {
    list.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
    for (const r of list.slice(0, perTarget)) {
      chosen.push({ id: `${r.touchpointId ?? r.stageId}:${r.date}:${r.line}`, touchpointId: r.touchpointId, stageId: r.stageId, metric: r.metric, score: r.score, date: r.date, text: r.comment.trim().slice(0, 1000), segment: r.segment });
    }
  }
  return chosen;
}

/** The quarters figures exist for, newest first. */
export function quartersOf(figures: ReadonlyMap<string, MapFigure>): string[] {
  const quarters = new Set<string>();
  for (const key of figures.keys()) quarters.add(key.slice(key.lastIndexOf('|') + 1));
  return [...quarters].sort().reverse();
}

export interface LatestFigure {
  metric: VocMetric;
  quarter: string;
  value: number | null;
  n: number;
  /** Points of change against the quarter before, when both have answers. */
  change: number | null;
}

/** A target's figures in the newest quarter it has answers for, each with its change since the quarter before. */
export function latestFigures(figures: ReadonlyMap<string, MapFigure>, target: string): LatestFigure[] {
  const out: LatestFigure[] = [];
  for (const metric of VOC_METRICS) {
    const prefix = `${target}|${metric}|`;
    const quarters: string[] = [];
    for (const key of figures.keys()) if (key.startsWith(prefix)) quarters.push(key.slice(prefix.length));
    if (!quarters.length) continue;
    quarters.sort();
    const quarter = quarters[quarters.length - 1]!;
    const now = figures.get(prefix + quarter)!;
    const before = figures.get(prefix + previousQuarter(quarter));
    const change = now.value !== null && before?.value != null ? Math.round((now.value - before.value) * 100) / 100 : null;
    out.push({ metric, quarter, value: now.value, n: now.n, change });
  }
  return out;
}

/** A figure on a 0..1 scale (worst..best), so different metrics share one heat scale. */
function heatOf(f: Pick<LatestFigure, 'metric' | 'value'>): number | null {
  if (f.value === null) return null;
  if (f.metric === 'NPS') return (f.value + 100) / 200;
  if (f.metric === 'CES') return (f.value - 1) / 6;
  return f.value / 100;
}

/**
 * The heat overlay's fill for a card or stage: from the figure with the most answers (the surest of
 * its metrics), red (worst) through amber to green (best). A small sample (under 30 answers) is
 * drawn paler, so a handful of answers never paints a touchpoint as loudly as a real measurement;
 * its badge says why with ⚠.
 */
export function heatFill(figures: readonly LatestFigure[]): string | undefined {
  let surest: LatestFigure | undefined;
  for (const f of figures) if (f.value !== null && (!surest || f.n > surest.n)) surest = f;
  const level = surest && heatOf(surest);
  if (!surest || level == null) return undefined;
  const hue = Math.round(Math.max(0, Math.min(1, level)) * 120);
  return sampleFlag(surest.n) === 'ok' ? `hsl(${hue} 75% 88%)` : `hsl(${hue} 45% 94%)`;
}
