// Survey answers arriving for a map: checked, kept in the database, and summed up onto the map
// (figures per touchpoint and stage per quarter, and a few verbatims), so every browser sees the
// new figures live while the document never holds the raw answers.
import * as Y from 'yjs';
import { isValidScore, VOC_METRICS, type SurveyResponse, type VocMetric } from '../src/journey/voc/scores';
import { chooseVerbatims, mapFigures } from '../src/journey/voc/onMap';
import type { DocStore } from './store/DocStore';
import type { RefusalCode } from '../src/i18n/refusals';

export const MAX_RESPONSES_PER_REQUEST = 100_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const SERVER = Symbol('server');

const optId = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.length > 0 && v.length <= 64);
const text = (v: unknown) => v === undefined || (typeof v === 'string' && v.length <= 4000);
/** The fields an answer may have (docs/api.md). */
const ANSWER_FIELDS = new Set(['date', 'touchpointId', 'stageId', 'metric', 'score', 'comment', 'segment', 'line']);

/** Which field of an answer is wrong (`badAnswer`'s `field` param; `answer`: the answer itself). */
type AnswerField = 'answer' | 'date' | 'metric' | 'score' | 'target' | 'comment';

/**
 * The answers, checked; or the first problem, as the English sentence and its code and params
 * (src/i18n/refusals.ts). Clients check them too, but anyone can call the API.
 */
export function readResponses(
  value: unknown,
): { ok: true; responses: SurveyResponse[] } | { ok: false; error: string; code: RefusalCode; params: Record<string, string | number> } {
  if (!Array.isArray(value)) return { ok: false, error: '"responses" must be a list.', code: 'badField', params: { field: 'responses' } };
  if (value.length > MAX_RESPONSES_PER_REQUEST)
    return { ok: false, error: `At most ${MAX_RESPONSES_PER_REQUEST} answers per request.`, code: 'tooManyAnswers', params: { max: MAX_RESPONSES_PER_REQUEST } };
  const out: SurveyResponse[] = [];
  for (const [i, r] of value.entries()) {
    const v = r as Record<string, unknown>;
    const metric = v?.metric as VocMetric;
    const unknown = typeof v === 'object' && v !== null ? Object.keys(v).find((k) => !ANSWER_FIELDS.has(k)) : undefined;
    const bad: [AnswerField, string] | null =
      typeof v !== 'object' || v === null || Array.isArray(v)
        ? ['answer', 'not an object']
        : unknown !== undefined
          ? ['answer', `unknown field "${unknown.slice(0, 60)}" (an answer has ${[...ANSWER_FIELDS].join(', ')})`]
          : typeof v.date !== 'string' || !DATE.test(v.date)
          ? ['date', 'date is not YYYY-MM-DD']
          : !VOC_METRICS.includes(metric)
            ? ['metric', 'unknown metric']
            : typeof v.score !== 'number' || !isValidScore(metric, v.score)
              ? ['score', `score out of range for ${metric}`]
              : !optId(v.touchpointId) || !optId(v.stageId) || (!v.touchpointId && !v.stageId)
                ? ['target', 'no touchpoint or stage']
                : !text(v.comment) || !text(v.segment)
                  ? ['comment', 'comment or segment is not text']
                  : null;
    if (bad) return { ok: false, error: `Answer ${i + 1}: ${bad[1]}.`, code: 'badAnswer', params: { n: i + 1, field: bad[0] } };
    out.push({
      line: typeof v.line === 'number' ? v.line : i + 2,
      date: v.date as string,
      touchpointId: (v.touchpointId as string | null) ?? null,
      stageId: (v.stageId as string | null) ?? null,
      metric,
      score: v.score as number,
      comment: (v.comment as string | undefined) ?? '',
      segment: (v.segment as string | undefined) ?? '',
    });
  }
  return { ok: true, responses: out };
}

/** One answer as a row of its file: the same line with the same content is the same answer. */
const answerKey = (r: SurveyResponse) => JSON.stringify([r.line, r.date, r.touchpointId, r.stageId, r.metric, r.score, r.comment, r.segment]);

/**
 * Keeps the answers not kept already and rewrites the map's figures and verbatims from everything
 * kept. An answer already kept (the same file imported again, or a part of an import sent again
 * after a network error) is skipped and counted, so figures never count one answer twice.
 */
export async function addResponses(store: DocStore, id: string, doc: Y.Doc, responses: SurveyResponse[]): Promise<{ imported: number; skipped: number; total: number }> {
  const kept = new Set((await store.responses(id)).map(answerKey));
  const fresh = responses.filter((r) => {
    const key = answerKey(r);
    if (kept.has(key)) return false;
    kept.add(key);
    return true;
  });
  if (fresh.length) await store.addResponses(id, fresh);
  const all = await store.responses(id);
  const figures = mapFigures(all);
  const verbatims = chooseVerbatims(all);
  doc.transact(() => {
    const voc = doc.getMap('voc');
    const quotes = doc.getMap('verbatims');
    for (const key of [...voc.keys()]) if (!figures.has(key)) voc.delete(key);
    for (const [key, f] of figures) {
      const old = voc.get(key) as { value?: unknown; n?: unknown } | undefined;
      if (old?.value !== f.value || old?.n !== f.n) voc.set(key, f);
    }
    const keep = new Set(verbatims.map((v) => v.id));
    for (const key of [...quotes.keys()]) if (!keep.has(key)) quotes.delete(key);
    for (const v of verbatims) if (!quotes.has(v.id)) quotes.set(v.id, v);
  }, SERVER);
  return { imported: fresh.length, skipped: responses.length - fresh.length, total: all.length };
}
