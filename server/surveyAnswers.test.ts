// One survey answer schema (src/journey/voc/answerSchema.ts) for the import dialog's planner and the
// server's POST: whatever the dialog says it will import, the server takes, and an answer the server
// refuses the dialog has already shown as a bad row, for the same field. Checked value by value
// through both, and once through a real server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planSurveyImport } from '../src/journey/voc/surveyCsv';
import { SCORE_RANGES, VOC_METRICS } from '../src/journey/voc/scores';
import { responsesBody } from './http/bodies';
import { HttpError } from './http/guards';
import { parseJsonBody } from './http/jsonBody';
import { api, createMap, testResources, type TestServer } from './testing/harness';

const TARGETS = { touchpoints: [{ id: 't1', text: 'Website', stageId: 's1' }], stages: [{ id: 's1', name: 'Aware' }] };

/** One row through the planner: the answer, or the codes of its errors. */
function planned(row: { date?: string; metric: string; score: string; comment?: string }) {
  const plan = planSurveyImport(`date,touchpoint,metric,score,comment\n${row.date ?? '2026-07-01'},Website,${row.metric},${row.score},"${row.comment ?? ''}"`, TARGETS);
  return plan.responses.length ? { ok: plan.responses[0]! } : { codes: plan.errors.map((e) => e.code), params: plan.errors[0]!.params };
}

/** The same answer through the POST's body check: taken, or the field it is refused for. */
function posted(answer: Record<string, unknown>) {
  try {
    return { ok: parseJsonBody(new TextEncoder().encode(JSON.stringify({ responses: [{ touchpointId: 't1', stageId: 's1', ...answer }] })), responsesBody).responses[0]! };
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    return { status: error.status, code: error.code, params: error.params };
  }
}

describe('the planner and the POST take and refuse the same answers', () => {
  it('every score from -2 to 12 of every metric, and fractions: taken by both or refused by both for the score', () => {
    for (const metric of VOC_METRICS) {
      const { min, max } = SCORE_RANGES[metric];
      for (const score of [-2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 4.5, 1e9]) {
        const row = planned({ metric, score: String(score) });
        const answer = posted({ date: '2026-07-01', metric, score });
        const inRange = Number.isInteger(score) && score >= min && score <= max;
        expect('ok' in row, `${metric} ${score} in the planner`).toBe(inRange);
        expect('ok' in answer, `${metric} ${score} in the POST`).toBe(inRange);
        if (inRange) {
          expect(answer.ok).toEqual({ ...row.ok, line: 2 });
          continue;
        }
        // The dialog says which range; the server which answer and field.
        expect(row).toEqual({ codes: ['badScore'], params: { score: String(score), metric, min, max } });
        expect(answer).toEqual({ status: 400, code: 'badAnswer', params: { n: 1, field: 'score' } });
      }
    }
  });

  it('dates: a day that does not exist is refused by both (the planner also reads day-first dates)', () => {
    for (const [date, taken] of [
      ['2026-02-28', true],
      ['2028-02-29', true],
      ['2026-02-29', false],
      ['2026-04-31', false],
      ['2026-13-01', false],
      ['0999-01-01', false],
    ] as const) {
      expect('ok' in planned({ date, metric: 'NPS', score: '9' }), date).toBe(taken);
      expect('ok' in posted({ date, metric: 'NPS', score: 9 }), date).toBe(taken);
      if (!taken) expect(posted({ date, metric: 'NPS', score: 9 })).toMatchObject({ params: { field: 'date' } });
    }
  });

  it('a comment of 4,000 characters is taken; one longer is a bad row in the dialog, not a refused import later', () => {
    const fits = 'x'.repeat(4000);
    expect(planned({ metric: 'CSAT', score: '5', comment: fits })).toMatchObject({ ok: { comment: fits } });
    expect(posted({ date: '2026-07-01', metric: 'CSAT', score: 5, comment: fits })).toMatchObject({ ok: { comment: fits } });
    expect(planned({ metric: 'CSAT', score: '5', comment: `${fits}x` })).toEqual({ codes: ['commentTooLong'], params: { max: 4000 } });
    expect(posted({ date: '2026-07-01', metric: 'CSAT', score: 5, comment: `${fits}x` })).toMatchObject({ code: 'badAnswer', params: { field: 'comment' } });
  });
});

describe('through a real server', () => {
  const { serve, finish } = testResources();
  let server: TestServer;
  beforeAll(async () => {
    server = await serve();
  });
  afterAll(finish);

  it('a score the dialog marks as a bad row is refused by POST /responses for the score, and nothing is kept', async () => {
    const map = await createMap(server.http, { template: 'currentJourney' });
    expect(planned({ metric: 'CES', score: '8' })).toMatchObject({ codes: ['badScore'], params: { min: 1, max: 7 } });
    const good = { date: '2026-07-01', stageId: 's1', metric: 'CES', score: 7 };
    const res = await api(server.http, `/api/maps/${map.id}/responses`, { key: map.editKey, json: { responses: [good, { ...good, score: 8 }] } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'Answer 2: score out of range for CES.', code: 'badAnswer', params: { n: 2, field: 'score' } });
    const kept = await api(server.http, `/api/maps/${map.id}/responses`, { key: map.editKey, json: { responses: [good] } });
    expect(kept.body).toEqual({ imported: 1, skipped: 0, total: 1 });
  });
});
