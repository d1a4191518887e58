// What a presented stage's summary says: the stage's quotes (newest quarter, lowest first within each
// metric's scale, only about this stage), moments of truth first, the worst pain points first, and
// the stage's figures said once.
import { describe, expect, it } from 'vitest';
import { sortByIndex } from '../../journey/order';
import { instantiateTemplate } from '../../journey/templates';
import { templateText } from '../../journey/testing';
import type { GapCard, Journey, TouchpointCard } from '../../journey/types';
import { figureKey, stageTarget, touchpointTarget, type MapFigure, type Verbatim } from '../../journey/voc/onMap';
import type { VocMetric } from '../../journey/voc/scores';
import { stageSummary } from './stageSummary';

function sample() {
  const journey = instantiateTemplate('currentJourney', templateText, 'en', 0);
  const stages = sortByIndex(journey.stages.values());
  const purchase = stages[2]!;
  const inStage = (stageId: string) => [...journey.cards.values()].filter((c) => c.stageId === stageId);
  const store = inStage(purchase.id).find((c): c is TouchpointCard => c.kind === 'touchpoint')!;
  const elsewhere = inStage(stages[5]!.id).find((c): c is TouchpointCard => c.kind === 'touchpoint')!;
  return { journey, stages, purchase, store, elsewhere, inStage };
}

let line = 0;
const said = (touchpointId: string | null, stageId: string | null, metric: VocMetric, score: number, date: string, text = `${metric} ${score} ${date}`): [string, Verbatim] => {
  const id = `v${++line}`;
  return [id, { id, touchpointId, stageId, metric, score, date, text, segment: '' }];
};

describe('stageSummary', () => {
  it('quotes the stage’s newest quarter, lowest first within each metric’s own scale, only what is about this stage', () => {
    const { journey, purchase, store, elsewhere } = sample();
    const verbatims = new Map([
      said(store.id, purchase.id, 'NPS', 0, '2026-03-02', 'an older quarter'),
      said(store.id, purchase.id, 'CSAT', 4, '2026-05-10', 'CSAT 4: 0.75'),
      said(store.id, purchase.id, 'NPS', 4, '2026-05-11', 'NPS 4: 0.4'),
      said(null, purchase.id, 'CES', 2, '2026-06-30', 'CES 2: 0.17, about the stage'),
      said(store.id, purchase.id, 'CSAT', 5, '2026-04-01', 'CSAT 5: 1'),
      said(elsewhere.id, elsewhere.stageId, 'NPS', 0, '2026-06-01', 'another stage'),
    ]);
    const summary = stageSummary(journey, new Map(), verbatims, purchase);
    expect(summary.quoteQuarter).toBe('2026-Q2');
    expect(summary.quotes.map((q) => q.verbatim.text)).toEqual(['CES 2: 0.17, about the stage', 'NPS 4: 0.4', 'CSAT 4: 0.75']);
    expect(summary.quotes.map((q) => q.about?.id ?? null)).toEqual([null, store.id, store.id]);
  });

  it('lists moments of truth first and the most severe pain points first; says the figures of a stage measured at one touchpoint once', () => {
    const { journey: base, purchase, store, inStage } = sample();
    const gap = inStage(purchase.id).find((c): c is GapCard => c.kind === 'gap')!;
    const plain: TouchpointCard = { ...store, id: 'plain', momentOfTruth: false, index: 'a0' };
    const mild: GapCard = { ...gap, id: 'mild', severity: 1, index: 'a0' };
    const journey: Journey = { ...base, cards: new Map([...base.cards, [plain.id, plain], [mild.id, mild]]) };
    const figures = new Map<string, MapFigure>([
      [figureKey(stageTarget(purchase.id), 'NPS', '2026-Q2'), { value: 21, n: 43 }],
      [figureKey(touchpointTarget(store.id), 'NPS', '2026-Q2'), { value: 21, n: 43 }],
    ]);
    const summary = stageSummary(journey, figures, new Map(), purchase);
    expect(summary.touchpoints.map((t) => t.card.id)).toEqual([store.id, 'plain']);
    expect(summary.gaps.map((g) => g.severity)).toEqual([3, 1]);
    expect(summary.stageFigures).toMatchObject([{ metric: 'NPS', value: 21, n: 43, quarter: '2026-Q2' }]);
    expect(summary.touchpoints[0]!.figures).toEqual([]);
    expect(summary.feelings).toMatchObject([{ persona: null, point: { score: -1 } }]);
    expect(summary.empty).toBe(false);
  });

  it('says when a stage has nothing on it', () => {
    const { journey, stages } = sample();
    const bare = { ...stages[0]!, id: 'bare' };
    expect(stageSummary(journey, new Map(), new Map(), bare)).toMatchObject({ empty: true, quotes: [], touchpoints: [], gaps: [] });
  });
});
