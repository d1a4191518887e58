import { describe, expect, it } from 'vitest';
import {
  KEYS,
  SMALL_SAMPLE,
  TINY_SAMPLE,
  byKey,
  ces,
  change,
  csat,
  nps,
  previousQuarter,
  quarterOf,
  sampleFlag,
  summarize,
  summarizeAll,
  type SurveyResponse,
  type VocMetric,
} from './scores';

const repeat = (score: number, times: number) => Array<number>(times).fill(score);

describe('nps', () => {
  it('has no figure without answers, but still says n = 0', () => {
    expect(nps([])).toEqual({
      metric: 'NPS',
      value: null,
      n: 0,
      sample: 'tiny',
      promoters: { count: 0, percent: null },
      passives: { count: 0, percent: null },
      detractors: { count: 0, percent: null },
    });
  });

  it('is 0 when everyone is a passive (7-8)', () => {
    const f = nps([7, 8, 7, 8]);
    expect(f.value).toBe(0);
    expect(f.n).toBe(4);
    expect(f.passives).toEqual({ count: 4, percent: 100 });
    expect(f.promoters).toEqual({ count: 0, percent: 0 });
    expect(f.detractors).toEqual({ count: 0, percent: 0 });
  });

  it('is 100 from one promoter, a tiny sample of 1', () => {
    expect(nps([9])).toMatchObject({ value: 100, n: 1, sample: 'tiny', promoters: { count: 1, percent: 100 } });
    expect(nps([10]).value).toBe(100);
  });

  it('is -100 when everyone is a detractor (0-6)', () => {
    expect(nps([0, 3, 6, 6, 1])).toMatchObject({ value: -100, n: 5, detractors: { count: 5, percent: 100 } });
  });

  it('is % promoters - % detractors, with the three shares', () => {
    // 4 promoters (10 10 10 9) = 50%, 2 passives (8 7) = 25%, 2 detractors (6 2) = 25% → 25
    const f = nps([10, 10, 10, 9, 8, 7, 6, 2]);
    expect(f).toMatchObject({
      value: 25,
      n: 8,
      promoters: { count: 4, percent: 50 },
      passives: { count: 2, percent: 25 },
      detractors: { count: 2, percent: 25 },
    });
    // 2 of 3 promoters, 1 detractor: 66.67 - 33.33 = 33.33 → 33
    expect(nps([10, 9, 0]).value).toBe(33);
    // 2 of 3 promoters, 1 passive: 66.67 → 67
    expect(nps([10, 9, 7]).value).toBe(67);
    expect(nps([10, 0, 0]).value).toBe(-33);
  });

  it('rounds to an integer, half away from zero', () => {
    // 1 promoter of 8 = 12.5 → 13; 1 detractor of 8 = -12.5 → -13
    expect(nps([9, ...repeat(7, 7)])).toMatchObject({ value: 13, promoters: { percent: 13 }, passives: { percent: 88 } });
    expect(nps([6, ...repeat(7, 7)])).toMatchObject({ value: -13, detractors: { percent: 13 } });
    // 1 of 200 = 0.5 → 1, exactly (0.005 * 100 is not 0.5 in floating point)
    expect(nps([10, ...repeat(8, 199)]).value).toBe(1);
    expect(nps([0, ...repeat(8, 199)]).value).toBe(-1);
    // below the half it is 0, never -0
    expect(Object.is(nps([0, ...repeat(8, 300)]).value, 0)).toBe(true);
  });

  it('refuses answers outside 0-10 or not whole', () => {
    expect(() => nps([11])).toThrow(RangeError);
    expect(() => nps([-1])).toThrow(RangeError);
    expect(() => nps([7.5])).toThrow(RangeError);
  });
});

describe('ces', () => {
  it('is the mean with two decimals and the share of answers 5-7', () => {
    // sum 28 / 7 = 4; 3 of 7 easy (7 6 5) = 42.86% → 43
    expect(ces([7, 6, 5, 4, 3, 2, 1])).toEqual({ metric: 'CES', value: 4, n: 7, sample: 'tiny', easy: { count: 3, percent: 43 } });
    expect(ces([5, 6, 7])).toMatchObject({ value: 6, easy: { count: 3, percent: 100 } });
    // 5 / 3 = 1.666… → 1.67; 4 / 3 = 1.333… → 1.33
    expect(ces([1, 2, 2]).value).toBe(1.67);
    expect(ces([1, 1, 2]).value).toBe(1.33);
    expect(ces([4, 5])).toMatchObject({ value: 4.5, easy: { count: 1, percent: 50 } });
  });

  it('rounds the mean half away from zero, exactly', () => {
    // 41 / 40 = 1.025 → 1.03 (1.025 * 100 is 102.49999… in floating point)
    expect(ces([2, ...repeat(1, 39)])).toMatchObject({ value: 1.03, n: 40, sample: 'ok', easy: { count: 0, percent: 0 } });
  });

  it('has no figure without answers', () => {
    expect(ces([])).toEqual({ metric: 'CES', value: null, n: 0, sample: 'tiny', easy: { count: 0, percent: null } });
  });

  it('refuses answers outside 1-7', () => {
    expect(() => ces([0])).toThrow(RangeError);
    expect(() => ces([8])).toThrow(RangeError);
  });
});

describe('csat', () => {
  it('is the % of answers 4 or 5', () => {
    expect(csat([5, 4, 3, 2, 1])).toEqual({ metric: 'CSAT', value: 40, n: 5, sample: 'tiny', satisfied: { count: 2, percent: 40 } });
    expect(csat([5, 5, 4, 3]).value).toBe(75);
    // 2 / 3 = 66.67 → 67
    expect(csat([4, 4, 3]).value).toBe(67);
    expect(csat([1, 2, 3]).value).toBe(0);
    expect(csat([5]).value).toBe(100);
  });

  it('has no figure without answers', () => {
    expect(csat([])).toMatchObject({ value: null, n: 0, satisfied: { count: 0, percent: null } });
  });

  it('refuses answers outside 1-5 or not whole', () => {
    expect(() => csat([6])).toThrow(RangeError);
    expect(() => csat([4.5])).toThrow(RangeError);
  });
});

describe('sampleFlag', () => {
  it('flags n < 10 tiny and n < 30 small', () => {
    expect([TINY_SAMPLE, SMALL_SAMPLE]).toEqual([10, 30]);
    expect(sampleFlag(0)).toBe('tiny');
    expect(sampleFlag(9)).toBe('tiny');
    expect(sampleFlag(10)).toBe('small');
    expect(sampleFlag(29)).toBe('small');
    expect(sampleFlag(30)).toBe('ok');
    expect(nps(repeat(10, 29)).sample).toBe('small');
    expect(nps(repeat(10, 30)).sample).toBe('ok');
  });
});

let line = 1;
const answer = (metric: VocMetric, score: number, date: string, touchpointId: string | null, stageId: string | null, segment = ''): SurveyResponse => ({
  line: ++line,
  date,
  touchpointId,
  stageId,
  metric,
  score,
  comment: '',
  segment,
});

const ANSWERS: SurveyResponse[] = [
  answer('NPS', 10, '2026-01-15', 'web', 'buy'),
  answer('NPS', 9, '2026-02-01', 'web', 'buy', 'young'),
  answer('NPS', 3, '2026-03-31', 'shop', 'buy'),
  answer('CES', 6, '2026-04-01', 'web', 'buy'),
  answer('CES', 3, '2026-05-20', 'call', 'support'),
  answer('CSAT', 5, '2025-12-31', null, 'support', 'young'),
  answer('CSAT', 2, '2026-06-30', 'call', 'support'),
  answer('NPS', 8, '2025-11-02', 'call', 'support'),
];

describe('summarize, summarizeAll and byKey', () => {
  it('computes one metric from a list, leaving the others out', () => {
    // NPS answers: 10 9 3 8 → 2 promoters, 1 detractor of 4 = 25
    expect(summarize(ANSWERS, 'NPS')).toMatchObject({ metric: 'NPS', value: 25, n: 4 });
    expect(summarize(ANSWERS, 'CES')).toMatchObject({ metric: 'CES', value: 4.5, n: 2, easy: { count: 1, percent: 50 } });
    expect(summarize(ANSWERS, 'CSAT')).toMatchObject({ metric: 'CSAT', value: 50, n: 2 });
    expect(summarize([], 'NPS')).toMatchObject({ value: null, n: 0 });
  });

  it('computes all three at once', () => {
    const all = summarizeAll(ANSWERS);
    expect([all.NPS.value, all.NPS.n, all.CES.value, all.CES.n, all.CSAT.value, all.CSAT.n]).toEqual([25, 4, 4.5, 2, 50, 2]);
  });

  it('groups per touchpoint, leaving out the answers about a whole stage', () => {
    const perTouchpoint = byKey(ANSWERS, KEYS.touchpoint);
    expect([...perTouchpoint.keys()]).toEqual(['web', 'shop', 'call']);
    const web = perTouchpoint.get('web')!;
    expect(web.NPS).toMatchObject({ value: 100, n: 2, sample: 'tiny' });
    expect(web.CES).toMatchObject({ value: 6, n: 1 });
    expect(web.CSAT).toMatchObject({ value: null, n: 0 });
    expect(perTouchpoint.get('shop')!.NPS).toMatchObject({ value: -100, n: 1 });
    expect(perTouchpoint.get('call')!.CSAT).toMatchObject({ value: 0, n: 1 });
  });

  it('groups per stage, a touchpoint counting for its stage', () => {
    const perStage = byKey(ANSWERS, KEYS.stage);
    expect([...perStage.keys()]).toEqual(['buy', 'support']);
    // buy: NPS 10 9 3 → 2 promoters, 1 detractor of 3 = 33
    expect(perStage.get('buy')!.NPS).toMatchObject({ value: 33, n: 3 });
    // support: CSAT 5 (about the stage) and 2 (about the call centre) → 50
    expect(perStage.get('support')!.CSAT).toMatchObject({ value: 50, n: 2 });
    expect(perStage.get('support')!.NPS).toMatchObject({ value: 0, n: 1 });
  });

  it('groups per quarter and per segment', () => {
    const perQuarter = byKey(ANSWERS, KEYS.quarter);
    expect([...perQuarter.keys()].sort()).toEqual(['2025-Q4', '2026-Q1', '2026-Q2']);
    expect(perQuarter.get('2026-Q1')!.NPS).toMatchObject({ value: 33, n: 3 });
    expect(perQuarter.get('2026-Q2')!.CES).toMatchObject({ value: 4.5, n: 2 });
    expect(perQuarter.get('2025-Q4')!.NPS).toMatchObject({ value: 0, n: 1 });
    expect(perQuarter.get('2025-Q4')!.CSAT).toMatchObject({ value: 100, n: 1 });
    const perSegment = byKey(ANSWERS, KEYS.segment);
    expect([...perSegment.keys()]).toEqual(['young']);
    expect(perSegment.get('young')!.NPS).toMatchObject({ value: 100, n: 1 });
  });

  it('accepts any key function', () => {
    const perMonth = byKey(ANSWERS, (r) => r.date.slice(0, 7));
    expect(perMonth.get('2026-01')!.NPS.n).toBe(1);
    expect(byKey([], KEYS.stage).size).toBe(0);
  });
});

describe('quarters', () => {
  it('names the quarter of a date', () => {
    expect(quarterOf('2026-01-01')).toBe('2026-Q1');
    expect(quarterOf('2026-03-31')).toBe('2026-Q1');
    expect(quarterOf('2026-04-01')).toBe('2026-Q2');
    expect(quarterOf('2026-07-15')).toBe('2026-Q3');
    expect(quarterOf('2026-09-30')).toBe('2026-Q3');
    expect(quarterOf('2026-10-01')).toBe('2026-Q4');
    expect(quarterOf('2025-12-31')).toBe('2025-Q4');
    expect(quarterOf('2026-12-31T23:59:59Z')).toBe('2026-Q4');
  });

  it('steps back across the year boundary', () => {
    expect(previousQuarter('2026-Q3')).toBe('2026-Q2');
    expect(previousQuarter('2026-Q1')).toBe('2025-Q4');
    expect(previousQuarter(quarterOf('2026-01-10'))).toBe(quarterOf('2025-12-10'));
    expect(previousQuarter('2000-Q1')).toBe('1999-Q4');
  });

  it('refuses what is not a date or a quarter', () => {
    expect(() => quarterOf('31.07.2026')).toThrow(RangeError);
    expect(() => quarterOf('2026-13-01')).toThrow(RangeError);
    expect(() => previousQuarter('2026-Q5')).toThrow(RangeError);
  });
});

describe('change', () => {
  it('is the difference in points, with both sample sizes', () => {
    // this quarter: 6 promoters, 2 passives, 2 detractors of 10 = 40; last: 2 promoters, 4 passives, 2 detractors of 8 = 0
    const now = nps([...repeat(10, 6), 8, 7, 0, 1]);
    const before = nps([9, 9, 7, 7, 8, 8, 5, 5]);
    expect(change(now, before)).toEqual({
      metric: 'NPS',
      value: 40,
      current: { value: 40, n: 10, sample: 'small' },
      previous: { value: 0, n: 8, sample: 'tiny' },
    });
    expect(change(before, now).value).toBe(-40);
  });

  it('is exact with the CES two decimals', () => {
    // 5.5 - 5.67 = -0.17 (not -0.16999…)
    expect(change(ces([5, 6]), ces([5, 6, 6])).value).toBe(-0.17);
    expect(change(csat([5, 4, 1]), csat([5, 1])).value).toBe(17); // 67 - 50
  });

  it('has no difference when either side has no answers', () => {
    expect(change(csat([5]), csat([]))).toMatchObject({ value: null, current: { value: 100, n: 1 }, previous: { value: null, n: 0 } });
    expect(change(nps([]), nps([10])).value).toBeNull();
  });

  it('compares a metric only with itself', () => {
    expect(() => change(nps([10]), csat([5]))).toThrow(TypeError);
  });
});
