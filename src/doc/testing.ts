// Helpers for the unit tests of src/doc (not shipped): seeded documents, ordered reads, syncing peers.
import * as Y from 'yjs';
import { sortByIndex } from '../journey/order';
import { instantiateTemplate } from '../journey/templates';
import type { TemplateId } from '../journey/templateIds';
import type { Card, Journey, Lane, LaneKind, Stage } from '../journey/types';
import { readJourney } from './bindDoc';
import { writeJourney } from './commands';
import { SEED } from './origins';

export const NOW = 1_700_000_000_000;
/** The origin the tests give updates that come from another peer. */
export const REMOTE = Symbol('test.remote');

/** A document seeded from a template (as the server seeds new maps: not undoable). */
export function seededDoc(template: TemplateId = 'currentJourney'): Y.Doc {
  const doc = new Y.Doc();
  writeJourney(doc, instantiateTemplate(template, (k) => k, 'en', NOW), SEED);
  return doc;
}

export const stagesOf = (j: Journey): Stage[] => sortByIndex(j.stages.values());
export const lanesOf = (j: Journey): Lane[] => sortByIndex(j.lanes.values());

export function stageAt(j: Journey, position: number): Stage {
  const stage = stagesOf(j)[position];
  if (!stage) throw new Error(`no stage at ${position}`);
  return stage;
}

export function laneOfKind(j: Journey, kind: LaneKind): Lane {
  const lane = lanesOf(j).find((l) => l.kind === kind);
  if (!lane) throw new Error(`no ${kind} lane`);
  return lane;
}

/** The cards of one cell, in order. */
export function cell(j: Journey, stageId: string, laneId: string): Card[] {
  return sortByIndex([...j.cards.values()].filter((c) => c.stageId === stageId && c.laneId === laneId));
}

export const cellIds = (j: Journey, stageId: string, laneId: string): string[] => cell(j, stageId, laneId).map((c) => c.id);

export function card(j: Journey, id: string): Card {
  const c = j.cards.get(id);
  if (!c) throw new Error(`no card ${id}`);
  return c;
}

/** Brings two documents to the same state, as a sync round over the network would. */
export function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), REMOTE);
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)), REMOTE);
}

/** A copy of a document, as another peer that has just synced it. */
export function peerOf(doc: Y.Doc): Y.Doc {
  const peer = new Y.Doc();
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc), REMOTE);
  return peer;
}

/** A journey with its unreadable list in a fixed order, for comparing two reads of equal documents. */
export function normalized(j: Journey): Journey {
  const key = (u: Journey['unreadable'][number]) => `${u.root}\u0000${u.key}`;
  return { ...j, unreadable: [...j.unreadable].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)) };
}

export { readJourney };
