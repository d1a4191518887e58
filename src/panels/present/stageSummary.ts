// What a presented stage's summary says, gathered from the read model (store.journey and store.voc)
// for PresentSummary to draw: the stage's survey figures and its touchpoints' (moments of truth
// first), what customers said (the map's verbatims about the stage and its touchpoints, in their
// newest quarter, lowest scored first within each metric's own scale: journey/voc/quotes.ts), its
// pain points by severity, its opportunities by priority, and how the customer feels there.
// Pure: no React, no DOM.
import { emotionKey } from '../../journey/emotions';
import { sortByIndex } from '../../journey/order';
import type { Emotion, GapCard, Journey, OpportunityCard, Persona, Stage, TouchpointCard } from '../../journey/types';
import { latestFigures, stageTarget, touchpointTarget, type LatestFigure, type MapFigure, type Verbatim } from '../../journey/voc/onMap';
import { lowestQuotes } from '../../journey/voc/quotes';
import { quarterOf } from '../../journey/voc/scores';

/** How many quotes a slide has room for. */
export const QUOTES_ON_SLIDE = 3;

export interface SummaryTouchpoint {
  card: TouchpointCard;
  figures: LatestFigure[];
}

export interface SummaryQuote {
  verbatim: Verbatim;
  /** The touchpoint it is about (null: the stage itself). */
  about: TouchpointCard | null;
}

export interface StageSummary {
  stage: Stage;
  stageFigures: LatestFigure[];
  /** Moments of truth first, then the others, each in map order. */
  touchpoints: SummaryTouchpoint[];
  /** The quarter the quotes are from (null: none). */
  quoteQuarter: string | null;
  quotes: SummaryQuote[];
  /** Most severe first. */
  gaps: GapCard[];
  /** Highest priority first. */
  opportunities: OpportunityCard[];
  /** Per persona (or one for a map without personas): the emotion point, if it has one. The persona
   * is named only on a map of several (a map of one persona tells of that persona throughout). */
  feelings: { persona: Persona | null; point: Emotion }[];
  /** Anything to say at all. */
  empty: boolean;
}

const PRIORITY = { high: 0, medium: 1, low: 2 } as const;

const quarterOrNone = (date: string): string => {
  try {
    return quarterOf(date);
  } catch {
    return '';
  }
};

const sameFigures = (a: readonly LatestFigure[], b: readonly LatestFigure[]) =>
  a.length === b.length && a.every((f, i) => f.metric === b[i]!.metric && f.value === b[i]!.value && f.n === b[i]!.n && f.quarter === b[i]!.quarter);

export function stageSummary(journey: Journey, figures: ReadonlyMap<string, MapFigure>, verbatims: ReadonlyMap<string, Verbatim>, stage: Stage): StageSummary {
  const cards = sortByIndex([...journey.cards.values()].filter((c) => c.stageId === stage.id));
  const touchpointCards = cards.filter((c): c is TouchpointCard => c.kind === 'touchpoint');
  const stageFigures = figures.size ? latestFigures(figures, stageTarget(stage.id)) : [];
  // A stage measured at one touchpoint only has that touchpoint's figures: said once, as the stage's.
  const touchpoints = [...touchpointCards.filter((c) => c.momentOfTruth), ...touchpointCards.filter((c) => !c.momentOfTruth)].map((card) => {
    const own = figures.size ? latestFigures(figures, touchpointTarget(card.id)) : [];
    return { card, figures: sameFigures(own, stageFigures) ? [] : own };
  });
  const gaps = cards.filter((c): c is GapCard => c.kind === 'gap').sort((a, b) => b.severity - a.severity);
  const opportunities = cards.filter((c): c is OpportunityCard => c.kind === 'opportunity').sort((a, b) => PRIORITY[a.priority] - PRIORITY[b.priority]);

  // What customers said here, in the newest quarter that has a comment.
  const byId = new Map(touchpointCards.map((c) => [c.id, c]));
  const said = [...verbatims.values()].filter((v) => (v.touchpointId ? byId.has(v.touchpointId) : v.stageId === stage.id) && v.text.trim());
  const quoteQuarter = said.map((v) => quarterOrNone(v.date)).sort().pop() || null;
  const ofQuarter = quoteQuarter ? said.filter((v) => quarterOrNone(v.date) === quoteQuarter) : said;
  const quotes = lowestQuotes(ofQuarter, QUOTES_ON_SLIDE).map((verbatim) => ({ verbatim, about: (verbatim.touchpointId && byId.get(verbatim.touchpointId)) || null }));

  const personas = sortByIndex(journey.personas.values());
  const feelings = (personas.length ? personas : [null]).flatMap((persona) => {
    const point = journey.emotions.get(emotionKey(stage.id, persona?.id ?? null));
    return point ? [{ persona: personas.length > 1 ? persona : null, point }] : [];
  });
  return {
    stage,
    stageFigures,
    touchpoints,
    quoteQuarter,
    quotes,
    gaps,
    opportunities,
    feelings,
    empty: !cards.length && !feelings.length && !stageFigures.length && !quotes.length,
  };
}
