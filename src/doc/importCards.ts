// Writes an import plan (src/journey/csvImport.ts) into the map as ONE local transaction, so one undo
// takes the whole import back: new stages and lanes after the existing ones, then each card at the
// end of its cell in the order of the file, then the links among them. Like every command it reads
// the document itself, so a stage or lane deleted by someone else since the plan was made is
// noticed: its cards are skipped rather than left unplaced.
import * as Y from 'yjs';
import type { CsvImportPlan, PlanRef } from '../journey/csvImport';
import { newId } from '../journey/ids';
import { cardKindForLane, defaultCard } from '../journey/cards';
import { keysAt, sortByIndex } from '../journey/order';
import type { Card, Lane, Stage } from '../journey/types';
import { LOCAL } from './origins';
import { linkId, readCard, readLane, readStage, roots, writeCard, writeLane, writeLink, writeStage, readAll } from './schema';

export type ImportPlan = Pick<CsvImportPlan, 'rows' | 'newStages' | 'newLanes'>;

/** Creates the plan's stages, lanes, cards and links; returns the new cards' ids in file order. */
export function importCards(doc: Y.Doc, plan: ImportPlan, now: number = Date.now()): string[] {
  const created: string[] = [];
  doc.transact(() => {
    const r = roots(doc);
    const stages = sortByIndex(readAll(r.stages, readStage));
    const stageKeys = keysAt(stages, stages.length, plan.newStages.length);
    const newStages: Stage[] = plan.newStages.map((name, i) => ({ id: newId(), name, goal: '', index: stageKeys[i]! }));
    newStages.forEach((s) => writeStage(r, s));

    const lanes = sortByIndex(readAll(r.lanes, readLane));
    const laneKeys = keysAt(lanes, lanes.length, plan.newLanes.length);
    const newLanes: Lane[] = plan.newLanes.map((l, i) => ({ id: newId(), name: l.name, kind: l.kind, index: laneKeys[i]!, collapsed: false }));
    newLanes.forEach((l) => writeLane(r, l));

    const stageId = (ref: PlanRef) => ('existing' in ref ? (r.stages.has(ref.existing) ? ref.existing : undefined) : newStages[ref.created]?.id);
    const laneOf = (ref: PlanRef): Lane | undefined => {
      if (!('existing' in ref)) return newLanes[ref.created];
      const lane = readLane(ref.existing, r.lanes.get(ref.existing));
      return lane.ok ? lane.value : undefined;
    };

    // Cards: placed first, then given keys cell by cell after the cell's existing cards.
    const placed: (Card | undefined)[] = plan.rows.map((row) => {
      const sId = stageId(row.stage);
      const lane = laneOf(row.lane);
      if (!sId || !lane || cardKindForLane(lane.kind) !== row.kind) return undefined;
      const base = { id: newId(), stageId: sId, laneId: lane.id, index: '', text: row.text };
      return { ...defaultCard(row.kind, base, now), ...row.fields } as Card;
    });
    const byCell = new Map<string, Card[]>();
    for (const card of placed) {
      if (!card) continue;
      const key = `${card.stageId}|${card.laneId}`;
      const list = byCell.get(key);
      if (list) list.push(card);
      else byCell.set(key, [card]);
    }
    const existing = readAll(r.cards, readCard);
    for (const cards of byCell.values()) {
      const { stageId: sId, laneId } = cards[0]!;
      const cell = sortByIndex(existing.filter((c) => c.stageId === sId && c.laneId === laneId));
      const keys = keysAt(cell, cell.length, cards.length);
      cards.forEach((card, i) => (card.index = keys[i]!));
    }
    for (const card of placed) {
      if (!card) continue;
      writeCard(r, card);
      created.push(card.id);
    }

    plan.rows.forEach((row, i) => {
      const from = placed[i];
      if (!from) return;
      for (const target of row.links) {
        const to = 'row' in target ? placed[target.row]?.id : r.cards.has(target.card) ? target.card : undefined;
        if (to && to !== from.id) writeLink(r, { id: linkId(from.id, to), from: from.id, to, label: '' });
      }
    });
  }, LOCAL);
  return created;
}
