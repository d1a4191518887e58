// The one rule for which comments a report quotes: lowest within each metric's own scale, newest first at a tie.
import { describe, expect, it } from 'vitest';
import { compareQuotes, lowestQuotes, quarterDays, quotesByTarget, scoreLevel } from './quotes';
import type { SurveyResponse, VocMetric } from './scores';

const q = (metric: VocMetric, score: number, date = '2026-07-10', text = `${metric} ${score}`) => ({ metric, score, date, text });

describe('scoreLevel', () => {
  it('puts each scale’s worst answer at 0 and its best at 1', () => {
    expect([scoreLevel('NPS', 0), scoreLevel('CSAT', 1), scoreLevel('CES', 1)]).toEqual([0, 0, 0]);
    expect([scoreLevel('NPS', 10), scoreLevel('CSAT', 5), scoreLevel('CES', 7)]).toEqual([1, 1, 1]);
  });
});

describe('lowestQuotes', () => {
  it('ranks scores within their own scale, not as raw numbers', () => {
    // NPS 4 of 0-10 is 0.4; CSAT 4 of 1-5 is 0.75; CES 2 of 1-7 (hard) is 0.17; CES 6 (easy) 0.83.
    const ranked = lowestQuotes([q('CSAT', 4), q('CES', 6), q('NPS', 4), q('CES', 2)], 4).map((x) => x.text);
    expect(ranked).toEqual(['CES 2', 'NPS 4', 'CSAT 4', 'CES 6']);
  });

  it('keeps the newest first at the same level, and only `per` of them', () => {
    const list = [q('NPS', 0, '2026-07-01', 'old'), q('CSAT', 1, '2026-09-30', 'new'), q('NPS', 5, '2026-08-01', 'mid')];
    expect(lowestQuotes(list, 2).map((x) => x.text)).toEqual(['new', 'old']);
    expect(list.map((x) => x.text)).toEqual(['old', 'new', 'mid']); // not changed
    expect(compareQuotes(list[0]!, list[0]!)).toBe(0);
  });
});

describe('quotesByTarget', () => {
  const answer = (touchpointId: string | null, stageId: string | null, metric: VocMetric, score: number, comment: string, line: number): SurveyResponse => ({
    line,
    date: '2026-07-10',
    touchpointId,
    stageId,
    metric,
    score,
    comment,
    segment: 'Retail',
  });

  it('groups by touchpoint, else stage, and leaves out answers without a comment', () => {
    const out = quotesByTarget(
      [answer('tp1', 's1', 'NPS', 9, ' Fine ', 2), answer('tp1', 's1', 'NPS', 1, '', 3), answer('tp1', 's1', 'CSAT', 2, 'Slow', 4), answer(null, 's1', 'CES', 1, 'Hard', 5), answer(null, null, 'NPS', 0, 'Nowhere', 6)],
      3,
    );
    expect(Object.keys(out).sort()).toEqual(['s:s1', 't:tp1']);
    expect(out['t:tp1']).toEqual([
      { text: 'Slow', metric: 'CSAT', score: 2, date: '2026-07-10', segment: 'Retail' },
      { text: 'Fine', metric: 'NPS', score: 9, date: '2026-07-10', segment: 'Retail' },
    ]);
    expect(out['s:s1']!.map((x) => x.text)).toEqual(['Hard']);
  });
});

describe('quarterDays', () => {
  it('gives a quarter’s first day and the next quarter’s', () => {
    expect(quarterDays('2026-Q3')).toEqual({ from: '2026-07-01', until: '2026-10-01' });
    expect(quarterDays('2026-Q4')).toEqual({ from: '2026-10-01', until: '2027-01-01' });
    expect(quarterDays('2026-Q5')).toBeNull();
  });
});
