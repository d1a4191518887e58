// GET /api/maps/:id/quotes?quarter=2026-Q3&per=3 (any key; docs/api.md, "Quotes"): what the
// quarterly report quotes, chosen from every stored answer of the quarter with a comment, not from
// the few newest verbatims the map document holds. Ranked by src/journey/voc/quotes.ts, the rule the
// report uses offline too. api.ts routes here after checking the key.
import * as v from 'valibot';
import { quarterDays, quotesByTarget, type Quote } from '../../src/journey/voc/quotes';
import { quarterOf } from '../../src/journey/voc/scores';
import type { DocStore } from '../store/DocStore';
import { HttpError } from './guards';

/** At most this many quotes per target (`per`); 3 by default, as the report quotes. */
export const MAX_QUOTES_PER_TARGET = 20;

const querySchema = v.object({
  quarter: v.pipe(v.string(), v.regex(/^\d{4}-Q[1-4]$/)),
  per: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/), v.transform(Number), v.minValue(1), v.maxValue(MAX_QUOTES_PER_TARGET)), '3'),
});

export interface QuotesAnswer {
  quarter: string;
  /** Per `t:<touchpointId>` or `s:<stageId>`: its `per` lowest-ranked comments, lowest first. */
  quotes: Record<string, Quote[]>;
  /** How many answers with a comment the quarter has (what the quotes were chosen from). */
  answers: number;
}

/** The query's quarter and per (400 naming the field when either is wrong), then the quarter's quotes. */
export async function quotesAnswer(store: DocStore, id: string, query: URLSearchParams): Promise<QuotesAnswer> {
  const known = new Set(['quarter', 'per']);
  const unknown = [...query.keys()].filter((k) => !known.has(k));
  if (unknown.length) throw new HttpError(400, `Unknown query parameter "${unknown[0]!.slice(0, 60)}". This request takes: quarter, per.`, { code: 'unknownFields', params: { fields: unknown[0]!.slice(0, 60), allowed: 'quarter, per' } });
  const parsed = v.safeParse(querySchema, Object.fromEntries(query));
  if (!parsed.success) {
    const field = String(parsed.issues[0].path?.[0]?.key ?? 'quarter');
    throw new HttpError(
      400,
      field === 'per' ? `"per" must be a whole number from 1 to ${MAX_QUOTES_PER_TARGET}.` : '"quarter" must be a quarter like 2026-Q3.',
      { code: 'badField', params: { field, reason: 'unknownValue' } },
    );
  }
  const { quarter, per } = parsed.output;
  const days = quarterDays(quarter)!;
  const answers = store.commentedResponses
    ? await store.commentedResponses(id, days.from, days.until)
    : (await store.responses(id)).filter((r) => r.comment.trim() && quarterOf(r.date) === quarter);
  return { quarter, quotes: quotesByTarget(answers, per), answers: answers.length };
}
