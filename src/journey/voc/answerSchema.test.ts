// The one survey answer schema: what it takes, and the field and reason of what it refuses, as the
// import planner and the server read them.
import { describe, expect, it } from 'vitest';
import { check, checkAll } from '../records/valid';
import { answerSchema, isIsoDay } from './answerSchema';

const good = { date: '2026-07-01', touchpointId: 't1', stageId: 's1', metric: 'NPS', score: 9 };

describe('answerSchema', () => {
  it('takes an answer, filling in what is optional', () => {
    expect(check(answerSchema, { date: '2026-07-01', stageId: 's1', metric: 'CSAT', score: 5 })).toEqual({
      ok: true,
      value: { date: '2026-07-01', touchpointId: null, stageId: 's1', metric: 'CSAT', score: 5, comment: '', segment: '' },
    });
    expect(check(answerSchema, { ...good, comment: 'Too slow \uD800', line: 7 })).toMatchObject({ ok: true, value: { comment: 'Too slow \uFFFD', line: 7 } });
  });

  it.each([
    [{ ...good, score: 11 }, '.score', 'outOfRange', '11'],
    [{ ...good, metric: 'CES', score: 0 }, '.score', 'outOfRange', '0'],
    [{ ...good, metric: 'CSAT', score: 4.5 }, '.score', 'notWholeNumber', '4.5'],
    [{ ...good, score: '9' }, '.score', 'notNumber', '9'],
    [{ ...good, metric: 'NPR' }, '.metric', 'unknownValue', 'NPR'],
    [{ ...good, date: '01.07.2026' }, '.date', 'unknownValue', '01.07.2026'],
    [{ ...good, date: '2026-02-29' }, '.date', 'unknownValue', '2026-02-29'],
    [{ ...good, touchpointId: null, stageId: null }, '.stageId', 'missing', ''],
    [{ ...good, touchpointId: '' }, '.touchpointId', 'badId', ''],
    [{ ...good, comment: 'x'.repeat(4001) }, '.comment', 'tooLong', `${'x'.repeat(39)}…`],
    [{ ...good, line: 0 }, '.line', 'outOfRange', '0'],
    [{ ...good, weight: 2 }, '.weight', 'unknownValue', 'weight'],
    [[good], '', 'notObject', expect.any(String)],
  ])('refuses %j: %s %s', (answer, path, reason, value) => {
    expect(check(answerSchema, answer)).toMatchObject({ ok: false, issue: { path, reason, value } });
  });

  it('reports every wrong field of a row at once (the planner reports each column)', () => {
    const all = checkAll(answerSchema, { date: '', touchpointId: null, stageId: null, metric: '', score: 3 });
    expect(all.ok).toBe(false);
    if (all.ok) return;
    // The score is not judged against a metric that is not there.
    expect(all.issues.map((i) => [i.path, i.reason])).toEqual([
      ['.date', 'unknownValue'],
      ['.metric', 'unknownValue'],
      ['.stageId', 'missing'],
    ]);
  });

  it('a day is YYYY-MM-DD and on the calendar', () => {
    expect(['2026-07-31', '2024-02-29', '2000-02-29'].every(isIsoDay)).toBe(true);
    expect(['2026-7-31', '2023-02-29', '1900-02-29', '2026-06-31', '2026-07-31T10:00', '0999-12-31'].some(isIsoDay)).toBe(false);
  });
});
