// Survey answers arriving for a map: checked, kept in the database, and summed up onto the map
// (figures per touchpoint and stage per quarter, and a few verbatims), so every browser sees the
// new figures live while the document never holds the raw answers.
import * as v from 'valibot';
import * as Y from 'yjs';
import { answerEntries, answerFieldOf, answerSchema } from '../src/journey/voc/answerSchema';
import type { SurveyResponse } from '../src/journey/voc/scores';
import { chooseVerbatims, mapFigures } from '../src/journey/voc/onMap';
import { quarterOf } from '../src/journey/voc/scores';
import { fromFile } from '../src/doc/fileSurvey';
import type { DocStore } from './store/DocStore';
import type { BadField, FieldRefusal } from './http/jsonBody';

export const MAX_RESPONSES_PER_REQUEST = 100_000;
const SERVER = Symbol('server');

/**
 * The `responses` of a POST: a list of at most MAX_RESPONSES_PER_REQUEST answers (counted before any
 * is read), each checked by the answer schema the survey import's planner checks every row with
 * (src/journey/voc/answerSchema.ts). An answer sent without its line counts as the line it would
 * have in a file of them. Clients check them too, but anyone can call the API.
 */
export const responsesSchema = v.pipe(
  v.array(v.unknown(), 'notList'),
  v.maxLength(MAX_RESPONSES_PER_REQUEST, 'tooLong'),
  v.array(answerSchema),
  v.transform((answers): SurveyResponse[] => answers.map((a, i) => ({ ...a, line: a.line ?? i + 2 }))),
);

/** Which field of an answer is wrong (`badAnswer`'s `field` param; `answer`: the answer itself). */
type AnswerParam = 'answer' | 'date' | 'metric' | 'score' | 'target' | 'comment' | 'line';

/** What a bad `responses` is refused with: the list itself (`badField`, `tooManyAnswers`), or the
 * first bad answer by its number and field (`badAnswer`), in the words docs/api.md shows. */
export function refuseResponses({ issue, keys, body }: BadField): FieldRefusal {
  if (keys.length === 1) {
    if (issue.reason !== 'tooLong') return '"responses" must be a list.';
    return { error: `At most ${MAX_RESPONSES_PER_REQUEST} answers per request.`, code: 'tooManyAnswers', params: { max: MAX_RESPONSES_PER_REQUEST } };
  }
  const n = Number(keys[1]) + 1;
  const field = answerFieldOf(keys.slice(2));
  const metric = String(((body.responses as unknown[])[n - 1] as { metric?: unknown }).metric);
  const [param, said]: [AnswerParam, string] =
    keys.length === 2
      ? ['answer', 'not an object']
      : field === ''
        ? ['answer', `unknown field "${String(keys[2]).slice(0, 60)}" (an answer has ${Object.keys(answerEntries).join(', ')})`]
        : field === 'date'
          ? ['date', 'date is not YYYY-MM-DD']
          : field === 'metric'
            ? ['metric', 'unknown metric']
            : field === 'score'
              ? ['score', `score out of range for ${metric}`]
              : field === 'touchpointId' || field === 'stageId'
                ? ['target', 'no touchpoint or stage']
                : field === 'line'
                  ? ['line', 'line is not a whole number from 1']
                  : ['comment', 'comment or segment is not text'];
  return { error: `Answer ${n}: ${said}.`, code: 'badAnswer', params: { n, field: param } };
}

/** The quarter of a comment's date; '' for one that is not a date (no answers are of that quarter). */
function quarterOrNone(date: unknown): string {
  try {
    return quarterOf(String(date));
  } catch {
    return '';
  }
}


/**
 * Keeps the answers not kept already and rewrites the map's figures and verbatims from everything
 * kept. An answer already kept (the same file imported again, or a part of an import sent again
 * after a network error) is skipped and counted, so figures never count one answer twice.
 *
 * Figures and comments that came with a map file (marked `file`, src/doc/fileSurvey.ts) have no
 * answers here to be recomputed from: they stay, until answers of this server's own arrive for the
 * same touchpoint or stage, metric and quarter (for comments: touchpoint or stage and quarter),
 * which then replace them. Not added to them: the same survey imported on both servers would count
 * twice.
 */
export async function addResponses(store: DocStore, id: string, doc: Y.Doc, responses: SurveyResponse[]): Promise<{ imported: number; skipped: number; total: number }> {
  // The store skips what it keeps already, by a unique key: two instances importing the same file at
  // once still keep each answer once.
  const imported = responses.length ? await store.addResponses(id, responses) : 0;
  const all = await store.responses(id);
  const figures = mapFigures(all);
  const verbatims = chooseVerbatims(all);
  doc.transact(() => {
    const voc = doc.getMap('voc');
    const quotes = doc.getMap('verbatims');
    for (const key of [...voc.keys()]) if (!figures.has(key) && !fromFile(voc.get(key))) voc.delete(key);
    for (const [key, f] of figures) {
      const old = voc.get(key) as { value?: unknown; n?: unknown } | undefined;
      if (old?.value !== f.value || old?.n !== f.n || fromFile(old)) voc.set(key, f);
    }
    const keep = new Set(verbatims.map((v) => v.id));
    const answered = new Set(verbatims.map((v) => `${v.touchpointId ?? v.stageId}|${quarterOf(v.date)}`));
    for (const key of [...quotes.keys()]) {
      const quote = quotes.get(key) as { touchpointId?: unknown; stageId?: unknown; date?: unknown } | undefined;
      const stays = fromFile(quote) ? !answered.has(`${String(quote?.touchpointId ?? quote?.stageId)}|${quarterOrNone(quote?.date)}`) : keep.has(key);
      if (!stays) quotes.delete(key);
    }
    for (const v of verbatims) if (!quotes.has(v.id)) quotes.set(v.id, v);
  }, SERVER);
  return { imported, skipped: responses.length - imported, total: all.length };
}

/**
 * Removes a map's figures and verbatims (a future-state copy: they summed up its source's answers,
 * which it does not have; its own come with its own survey import). Both roots bindVoc reads.
 */
export function clearFigures(doc: Y.Doc): void {
  doc.transact(() => {
    for (const root of [doc.getMap('voc'), doc.getMap('verbatims')]) for (const key of [...root.keys()]) root.delete(key);
  }, SERVER);
}
