import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { journeyToCsv } from '../export/csv';
import { planCsvImport } from '../journey/csvImport';
import { toPlain } from '../journey/exchange';
import type { Card, Journey } from '../journey/types';
import { deleteStage } from './commands';
import { importCards } from './importCards';
import { createUndo } from './undo';
import { NOW, card, cell, lanesOf, laneOfKind, readJourney, seededDoc, stageAt, stagesOf } from './testing';

const keys = (k: string) => k;

function undoFor(doc: Y.Doc): Y.UndoManager {
  return createUndo(doc, { getSelection: () => [], setSelection: () => {} });
}

/** A card's content without its identity and placement. */
function content(c: Card) {
  const { id: _id, stageId: _s, laneId: _l, index: _i, ...rest } = c;
  return rest;
}

const CSV = [
  'stage,lane,kind,text,channel,department,moment_of_truth,severity,owner,status,priority,metric,value,sample_size,links_to',
  'template.stage.use,lane.kind.actions,note,Reads the FAQ,,,,,,,,,,,',
  'template.stage.use,lane.kind.actions,note,Asks a friend,,,,,,,,,,,Reads the FAQ',
  'template.stage.use,lane.kind.touchpoints,touchpoint,Help centre,web,Customer Service,yes,,,,,,,,',
  'template.stage.use,lane.kind.painPoints,gap,FAQ is out of date,,,,3,Content,inProgress,,,,,Help centre',
  'Renewal,lane.kind.actions,note,Gets a renewal offer,,,,,,,,,,,',
  'Renewal,Back office,note,Prepares the offer,,,,,,,,,,,template.card.16',
  'Renewal,lane.kind.metrics,metric,Renewal rate,,,,,,,,other,0.82,300,',
  'Renewal,lane.kind.actions,bogus,Not imported,,,,,,,,,,,',
].join('\r\n');

describe('importCards', () => {
  it('creates new stages and lanes at the end, and the cards at the end of their cells in file order', () => {
    const doc = seededDoc();
    const before = readJourney(doc);
    const plan = planCsvImport(before, CSV);
    expect(plan.errors).toEqual([{ line: 9, code: 'unknownKind', params: expect.objectContaining({ value: 'bogus' }) }]);
    expect(plan.newStages).toEqual(['Renewal']);
    expect(plan.newLanes).toEqual([{ name: 'Back office', kind: 'actions' }]);

    const ids = importCards(doc, plan, NOW);
    expect(ids).toHaveLength(7);
    const j = readJourney(doc);
    expect(j.unreadable).toEqual([]);

    const stages = stagesOf(j);
    expect(stages.map((s) => s.name)).toEqual([...stagesOf(before).map((s) => s.name), 'Renewal']);
    const lanes = lanesOf(j);
    expect(lanes.map((l) => [l.name, l.kind])).toEqual([...lanesOf(before).map((l) => [l.name, l.kind]), ['Back office', 'actions']]);

    const use = stageAt(j, 4);
    const actions = laneOfKind(j, 'actions');
    const oldCell = cell(before, use.id, actions.id).map((c) => c.id);
    expect(cell(j, use.id, actions.id).map((c) => c.id)).toEqual([...oldCell, ids[0], ids[1]]);
    expect(cell(j, use.id, actions.id).slice(-2).map((c) => c.text)).toEqual(['Reads the FAQ', 'Asks a friend']);

    expect(content(card(j, ids[2]!))).toEqual({ kind: 'touchpoint', text: 'Help centre', channel: 'web', department: 'Customer Service', momentOfTruth: true });
    expect(content(card(j, ids[3]!))).toEqual({ kind: 'gap', text: 'FAQ is out of date', severity: 3, expectation: '', owner: 'Content', status: 'inProgress', statusChangedAt: NOW, statusChangedBy: '' });
    expect(content(card(j, ids[6]!))).toEqual({ kind: 'metric', text: 'Renewal rate', metric: 'other', value: 0.82, sampleSize: 300 });
    const renewal = stageAt(j, stages.length - 1);
    expect(card(j, ids[4]!).stageId).toBe(renewal.id);
    expect(card(j, ids[5]!).laneId).toBe(lanes[lanes.length - 1]!.id);

    const appCard = [...j.cards.values()].find((c) => c.text === 'template.card.16')!;
    expect([...j.links.values()].map((l) => [l.from, l.to]).sort()).toEqual(
      [
        [ids[1], ids[0]],
        [ids[3], ids[2]],
        [ids[5], appCard.id],
      ].sort(),
    );
  });

  it('is one undo step: one undo removes every card, stage, lane and link it made', () => {
    const doc = seededDoc();
    const undo = undoFor(doc);
    const before = toPlain(readJourney(doc));
    const ids = importCards(doc, planCsvImport(readJourney(doc), CSV));
    expect(ids.length).toBeGreaterThan(0);
    expect(undo.undoStack).toHaveLength(1);
    undo.undo();
    expect(toPlain(readJourney(doc))).toEqual(before);
    undo.redo();
    const j = readJourney(doc);
    expect(ids.every((id) => j.cards.has(id))).toBe(true);
    expect(stagesOf(j).map((s) => s.name)).toContain('Renewal');
  });

  it('copies a whole map into an empty one through CSV: the same cards, fields and links', () => {
    const source = seededDoc('currentJourney');
    const sj = readJourney(source);
    const sCards = [...sj.cards.values()];
    // Link the store visit to its gap so the round trip carries a link.
    const from = sCards.find((c) => c.text === 'template.card.8')!;
    const to = sCards.find((c) => c.text === 'template.card.10')!;
    const withLink: Journey = { ...sj, links: new Map([[`${from.id}->${to.id}`, { id: `${from.id}->${to.id}`, from: from.id, to: to.id, label: '' }]]) };

    const target = new Y.Doc();
    const plan = planCsvImport(readJourney(target), journeyToCsv(withLink, keys));
    expect(plan.errors).toEqual([]);
    importCards(target, plan, NOW);
    const tj = readJourney(target);

    expect(stagesOf(tj).map((s) => s.name)).toEqual(stagesOf(sj).map((s) => s.name));
    // Every lane that holds cards comes across under its name and kind (the emotional curve has none).
    const used = lanesOf(sj).filter((l) => sCards.some((c) => c.laneId === l.id));
    expect(lanesOf(tj).map((l) => [l.name, l.kind])).toEqual(used.map((l) => [l.name, l.kind]));
    const place = (j: Journey, c: Card) => `${j.stages.get(c.stageId)!.name}|${j.lanes.get(c.laneId)!.name}`;
    const summary = (j: Journey) =>
      stagesOf(j).flatMap((s) =>
        lanesOf(j).flatMap((l) =>
          cell(j, s.id, l.id).map((c) => {
            const { statusChangedAt: _at, ...rest } = content(c) as ReturnType<typeof content> & { statusChangedAt?: number };
            return [place(j, c), rest];
          }),
        ),
      );
    expect(summary(tj)).toEqual(summary(sj));
    const links = [...tj.links.values()].map((l) => [tj.cards.get(l.from)!.text, tj.cards.get(l.to)!.text]);
    expect(links).toEqual([['template.card.8', 'template.card.10']]);
  });

  it('skips the cards of a stage deleted since the plan was made, and imports the rest', () => {
    const doc = seededDoc();
    const plan = planCsvImport(readJourney(doc), CSV);
    deleteStage(doc, stageAt(readJourney(doc), 4).id);
    const ids = importCards(doc, plan);
    const j = readJourney(doc);
    expect(ids.map((id) => card(j, id).text)).toEqual(['Gets a renewal offer', 'Prepares the offer', 'Renewal rate']);
    expect(j.unreadable).toEqual([]);
  });

  it('does nothing with an empty plan', () => {
    const doc = seededDoc();
    const undo = undoFor(doc);
    expect(importCards(doc, { rows: [], newStages: [], newLanes: [] })).toEqual([]);
    expect(undo.undoStack).toHaveLength(0);
  });
});
