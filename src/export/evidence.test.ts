// Evidence, the field every card kind has (src/journey/cards/evidence.ts), followed through every
// path a card takes: the document, the map file, the CSV, the Markdown report, the poster, the
// filter, and the commands that write it. Added through the card-kind registry, it must reach all.
import { describe, expect, it } from 'vitest';
import { readJourney } from '../doc/bindDoc';
import { addCard, updateCard } from '../doc/commands';
import { seededDoc, laneOfKind, stageAt } from '../doc/testing';
import { CARD_KINDS, checkCard, checkCardPatch, defaultCard, kindOf } from '../journey/cards';
import { planCsvImport } from '../journey/csvImport';
import { parseMapFile, toExportFile } from '../journey/exchange';
import { filterJourney, NO_FILTER } from '../journey/filter';
import type { Card, Journey } from '../journey/types';
import { translate, type MessageKey } from '../i18n/catalogue';
import { journeyToCsv } from './csv';
import { journeyToMarkdown } from './markdown';
import { posterSvg } from './posterSvg';
import { quarterlyReport } from './quarterlyReport';

const en = (key: MessageKey, params?: Record<string, string | number>) => translate('en', key, params);

/** A seeded map with three gaps: one from a survey (with a link), one an assumption, one not stated. */
function mapWithEvidence(): { doc: ReturnType<typeof seededDoc>; journey: Journey; ids: { survey: string; assumption: string; unstated: string } } {
  const doc = seededDoc('currentJourney');
  const j = readJourney(doc);
  const stage = stageAt(j, 0).id;
  const lane = laneOfKind(j, 'painPoints').id;
  const survey = addCard(doc, stage, lane, { text: 'Waiting 20 minutes on the phone' })!;
  const assumption = addCard(doc, stage, lane, { text: 'Customers do not read the contract' })!;
  const unstated = addCard(doc, stage, lane, { text: 'The shop closes early' })!;
  expect(updateCard(doc, survey, { evidence: 'survey', evidenceLink: 'https://example.com/q3-survey' })).toBe(true);
  expect(updateCard(doc, assumption, { evidence: 'assumption' })).toBe(true);
  return { doc, journey: readJourney(doc), ids: { survey, assumption, unstated } };
}

describe('evidence on every card kind', () => {
  it('is not stated on a new card of any kind, and every kind accepts every source', () => {
    for (const kind of CARD_KINDS) {
      const card = defaultCard(kind, { id: 'c', stageId: 's', laneId: 'l', index: 'a0', text: '' }, 0);
      expect(card.evidence).toBeUndefined();
      const checked = checkCard({ ...card, evidence: 'interview', evidenceLink: 'https://x.test' });
      expect(checked.ok && checked.value.evidence).toBe('interview');
      expect(checkCardPatch(kind, { evidence: 'observation' })).toBeNull();
    }
  });

  it('refuses an unknown source, a link that is not text, and a field of another kind', () => {
    expect(checkCardPatch('note', { evidence: 'gut feeling' })).toMatchObject({ path: '.evidence', reason: 'unknownValue' });
    expect(checkCardPatch('gap', { evidenceLink: 42 })).toMatchObject({ path: '.evidenceLink', reason: 'notText' });
    expect(checkCardPatch('note', { severity: 3 })).toMatchObject({ reason: 'unknownValue' });
    expect(checkCardPatch('gap', { severity: 7 })).toMatchObject({ path: '.severity', reason: 'outOfRange' });
  });

  it('is written by one command, cleared by null, and a wrong value is never written', () => {
    const { doc, ids } = mapWithEvidence();
    expect(readJourney(doc).cards.get(ids.survey)).toMatchObject({ evidence: 'survey', evidenceLink: 'https://example.com/q3-survey' });
    expect(updateCard(doc, ids.survey, { evidence: 'gut' as never })).toBe(false);
    expect(updateCard(doc, ids.survey, { channel: 'web' })).toBe(false);
    expect(readJourney(doc).cards.get(ids.survey)).toMatchObject({ evidence: 'survey' });
    expect(readJourney(doc).unreadable).toEqual([]);
    expect(updateCard(doc, ids.survey, { evidence: null, evidenceLink: null })).toBe(true);
    const cleared = readJourney(doc).cards.get(ids.survey)!;
    expect(cleared.evidence).toBeUndefined();
    expect(cleared.evidenceLink).toBeUndefined();
  });

  it('travels in the map file', () => {
    const { journey, ids } = mapWithEvidence();
    const read = parseMapFile(JSON.stringify(toExportFile(journey, new Date(0))));
    expect(read.ok).toBe(true);
    const cards = read.ok ? read.journey.cards : new Map<string, Card>();
    expect(cards.get(ids.survey)).toMatchObject({ evidence: 'survey', evidenceLink: 'https://example.com/q3-survey' });
    expect(cards.get(ids.assumption)).toMatchObject({ evidence: 'assumption' });
    expect(cards.get(ids.unstated)?.evidence).toBeUndefined();
  });

  it('travels in the CSV, and comes back from it', () => {
    const { journey } = mapWithEvidence();
    const csv = journeyToCsv(journey, (k) => en(k));
    const [header, ...rows] = csv.replace('\uFEFF', '').trim().split('\r\n');
    expect(header!.split(',')).toEqual(expect.arrayContaining(['evidence', 'evidence_link']));
    expect(rows.find((r) => r.includes('Waiting 20 minutes'))).toContain('survey,https://example.com/q3-survey');
    const plan = planCsvImport(readJourney(seededDoc('blank')), csv);
    expect(plan.errors).toEqual([]);
    const byText = new Map(plan.rows.map((r) => [r.text, r.fields]));
    expect(byText.get('Customers do not read the contract')).toMatchObject({ evidence: 'assumption' });
    expect(byText.get('Waiting 20 minutes on the phone')).toMatchObject({ evidence: 'survey', evidenceLink: 'https://example.com/q3-survey' });
  });

  it('says in the Markdown report which cards rest on an assumption and where the evidence is', () => {
    const { journey } = mapWithEvidence();
    const md = journeyToMarkdown(journey, (k) => en(k), new Date(0));
    expect(md).toMatch(/Customers do not read the contract — .*_assumption, to check_/);
    expect(md).toMatch(/Waiting 20 minutes on the phone — .*_evidence: survey_ \(<https:\/\/example\.com\/q3-survey>\)/);
    expect(md).not.toMatch(/The shop closes early — [^\n]*evidence/);
  });

  it('tells leadership in the quarterly report which open gaps rest on an assumption', () => {
    const { journey } = mapWithEvidence();
    const report = quarterlyReport({ journey, figures: new Map(), verbatims: new Map(), quarter: '2026-Q4', labels: en, now: new Date(2026, 11, 3), measure: (text) => [...text].length * 7 });
    expect(report.markdown).toMatch(/Customers do not read the contract — _assumption, to check_/);
    expect(report.markdown).toMatch(/1 card rests on an assumption, still to check/);
    expect(report.html).toContain('assumption, to check');
  });

  it('is drawn on the poster as the app draws it: an assumption mark stands out', () => {
    const { journey } = mapWithEvidence();
    const svg = posterSvg(journey, en, { transparent: false, measure: (text) => [...text].length * 7 }).svg;
    expect(svg).toContain(en('evidence.assumption'));
    expect(svg).toContain(en('evidence.survey'));
  });

  it('filters: assumptions only, backed by evidence, not stated', () => {
    const { journey, ids } = mapWithEvidence();
    const keep = (evidence: 'assumption' | 'backed' | 'unstated') => [...filterJourney(journey, { ...NO_FILTER, evidence }).cards.keys()];
    expect(keep('assumption')).toEqual([ids.assumption]);
    expect(keep('backed')).toEqual([ids.survey]);
    expect(keep('unstated')).toContain(ids.unstated);
    expect(keep('unstated')).not.toContain(ids.assumption);
  });

  it('every kind declares what the inspector edits, and only fields the kind has', () => {
    for (const kind of CARD_KINDS) {
      const def = kindOf(kind);
      for (const field of def.inspector(defaultCard(kind, { id: 'c', stageId: '', laneId: '', index: 'a0', text: '' }, 0) as never)) {
        if (field.type !== 'statusStamp') expect(Object.keys(def.fields)).toContain(field.key);
      }
    }
  });
});
