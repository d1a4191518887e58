// Reading a map file's journey: `readPlainJourney` checks every field of the (already migrated)
// file the way the document's readers do (src/doc/schema.ts), without Yjs, and turns it into a
// journey; `repairJourney` then mends what can be mended (broken references, order keys) and lists
// it. What cannot be mended fails the whole import: nothing is half-imported.
import { emotionKey } from './emotions';
import * as v from 'valibot';
import { cardKindForLane, cardSchema, homeLane } from './cards';
import { isValidKey, keysBetween } from './order';
import { check, optText, shown, text, type Issue, type Schema } from './records/valid';
import { emotionSchema, laneSchema, metaSchema, personaSchema, stageSchema } from './records/schemas';
import { wellFormed } from './wellFormed';
import {
  SCHEMA_VERSION,
  type Card,
  type CardKind,
  type Emotion,
  type Journey,
  type Lane,
  type Link,
  type Meta,
  type Persona,
  type Stage,
} from './types';

// ---- problems beyond repair ------------------------------------------------------------------

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

class Invalid extends Error {
  constructor(readonly issue: Issue) {
    super(issue.path);
  }
}

/** The record checked by `schema` (./records), or the first problem as an `Invalid` naming its path. */
function checked<S extends Schema>(schema: S, obj: Record<string, unknown>, at: string): v.InferOutput<S> {
  const result = check(schema, obj, at);
  if (!result.ok) throw new Invalid(result.issue);
  return result.value;
}

/** The record's id: text that is not empty. */
function idOf(obj: Record<string, unknown>, at: string, key = 'id'): string {
  const id = obj[key];
  if (id === undefined || id === '') throw new Invalid({ path: `${at}.${key}`, reason: 'missing', value: '' });
  if (typeof id !== 'string') throw new Invalid({ path: `${at}.${key}`, reason: 'notText', value: shown(id) });
  return wellFormed(id);
}

/** Order keys are mended later (repairJourney): a missing one reads as '', anything else as text. */
function indexOf(obj: Record<string, unknown>): string {
  const v = obj.index;
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v : shown(v) || '?';
}

type Reader<T> = (obj: Record<string, unknown>, at: string) => T;

const readStage: Reader<Stage> = (obj, at) => ({ id: idOf(obj, at), ...checked(stageSchema, obj, at), index: indexOf(obj) });

const readLane: Reader<Lane> = (obj, at) => {
  const id = idOf(obj, at);
  const { name, kind, collapsed } = checked(laneSchema, obj, at);
  return { id, name, kind, index: indexOf(obj), collapsed };
};

const readPersona: Reader<Persona> = (obj, at) => ({ id: idOf(obj, at), ...checked(personaSchema, obj, at), index: indexOf(obj) });

const readCard: Reader<Card> = (obj, at) => {
  const id = idOf(obj, at);
  // Fields of other kinds are left behind, as the document's reader leaves them.
  return { ...checked(cardSchema, obj, at), id, index: indexOf(obj) } as Card;
};

const readLink: Reader<Link> = (obj, at) => {
  // The ends may be empty or name nothing: repairJourney removes such links.
  const { from, to, label } = checked(v.object({ from: optText, to: optText, label: optText }), obj, at);
  return { id: `${from}->${to}`, from, to, label };
};

const readEmotion: Reader<Emotion> = (obj, at) => {
  const { stageId, personaId } = checked(v.object({ stageId: optText, personaId: v.optional(v.nullable(text), null) }), obj, at);
  // The document keys an emotion `${stageId}:${personaId}`: a stage id with ':' would be misread.
  if (stageId.includes(':')) throw new Invalid({ path: `${at}.stageId`, reason: 'badId', value: shown(stageId) });
  const { score, note } = checked(emotionSchema, obj, at);
  const persona = personaId || null;
  return { key: emotionKey(stageId, persona), stageId, personaId: persona, score, note };
};

function readMeta(value: unknown): Meta {
  if (value === undefined) return { schemaVersion: SCHEMA_VERSION, title: '', scenario: '', variant: 'current', locale: 'en', createdAt: 0 };
  if (!isObject(value)) throw new Invalid({ path: 'journey.meta', reason: 'notObject', value: shown(value) });
  const meta = checked(metaSchema, value, 'journey.meta');
  return { schemaVersion: SCHEMA_VERSION, ...meta, locale: meta.locale || 'en' };
}

/** How many issues are collected before reading stops (a broken file of 100 000 cards says so fast). */
const MAX_ISSUES = 20;

export type ReadPlain = { ok: true; journey: Journey } | { ok: false; issues: Issue[]; more: boolean };

/**
 * A journey from the `journey` part of a current-version map file, or the fields that cannot be
 * read (in file order, at most MAX_ISSUES). Missing optional fields take their defaults; order keys
 * and references are left as they are for repairJourney.
 */
export function readPlainJourney(value: unknown): ReadPlain {
  const issues: Issue[] = [];
  let more = false;
  const report = (issue: Issue) => {
    if (issues.length < MAX_ISSUES) issues.push(issue);
    else more = true;
  };
  if (value === undefined) return { ok: false, issues: [{ path: 'journey', reason: 'missing', value: '' }], more };
  if (!isObject(value)) return { ok: false, issues: [{ path: 'journey', reason: 'notObject', value: shown(value) }], more };

  let meta: Meta | null = null;
  try {
    meta = readMeta(value.meta);
  } catch (e) {
    if (!(e instanceof Invalid)) throw e;
    report(e.issue);
  }

  function list<T>(name: string, read: Reader<T>, keyOf: (item: T) => string, idField: string): Map<string, T> {
    const out = new Map<string, T>();
    const raw = value === undefined ? undefined : (value as Record<string, unknown>)[name];
    if (raw === undefined) return out;
    if (!Array.isArray(raw)) {
      report({ path: `journey.${name}`, reason: 'notList', value: '' });
      return out;
    }
    const firstAt = new Map<string, number>();
    for (const [i, item] of raw.entries()) {
      if (more) break;
      const at = `journey.${name}[${i}]`;
      if (!isObject(item)) {
        report({ path: at, reason: 'notObject', value: shown(item) });
        continue;
      }
      try {
        const read1 = read(item, at);
        const key = keyOf(read1);
        const first = firstAt.get(key);
        if (first !== undefined) report({ path: `${at}.${idField}`, reason: 'duplicate', value: `journey.${name}[${first}]` });
        else {
          firstAt.set(key, i);
          out.set(key, read1);
        }
      } catch (e) {
        if (!(e instanceof Invalid)) throw e;
        report(e.issue);
      }
    }
    return out;
  }

  const byId = (x: { id: string }) => x.id;
  const personas = list('personas', readPersona, byId, 'id');
  const stages = list('stages', readStage, byId, 'id');
  const lanes = list('lanes', readLane, byId, 'id');
  const cards = list('cards', readCard, byId, 'id');
  const links = list('links', readLink, byId, 'to');
  const emotions = list('emotions', readEmotion, (e) => e.key, 'stageId');
  if (issues.length || !meta) return { ok: false, issues, more };
  return { ok: true, journey: { meta, personas, stages, lanes, cards, links, emotions, unreadable: [] } };
}

// ---- repairs ---------------------------------------------------------------------------------

/**
 * A problem of the file that was mended on import, for the list the person importing sees. One
 * entry per kind of repair (and per target for moved cards); `params.count` is how many items.
 *
 * - `cardMoved` {count, stage, lane}: cards whose stage or lane does not exist, moved to that cell.
 * - `stageCreated` / `laneCreated` {count: 1, name}: made to hold such cards in a map without any.
 * - `linkRemoved` {count}: links from or to a card that does not exist.
 * - `selfLinkRemoved` {count}: links from a card to itself.
 * - `emotionRemoved` {count}: emotion points of a stage or persona that does not exist.
 * - `orderKeyReplaced` {count}: order keys that were not valid, replaced (the file's order is kept).
 */
export type RepairCode =
  | 'cardMoved'
  | 'stageCreated'
  | 'laneCreated'
  | 'linkRemoved'
  | 'selfLinkRemoved'
  | 'emotionRemoved'
  | 'orderKeyReplaced'
  // The map file's survey part (surveyFile.ts): left out whole when it does not read, or its figures of missing touchpoints and stages.
  | 'surveyUnreadable'
  | 'figureRemoved';

export interface Repair {
  code: RepairCode;
  count: number;
  params: Record<string, string | number>;
}

/** The name of the stage and lane made for misplaced cards when the map has none (the UI may rename). */
export const IMPORTED_NAME = 'Imported';

interface Ordered {
  id: string;
  index: string;
}

/**
 * New keys for a list (or cell) given in file order: items are ordered by their keys, ties kept in
 * file order, and an item whose key is missing or not valid stays right after the item before it in
 * the file. Only the keys that must change are changed. Returns the new keys and how many of them
 * replaced a key that was present but not valid.
 */
function rekey(items: readonly Ordered[]): { keys: Map<string, string>; replaced: number } {
  const keys = new Map<string, string>();
  const valid = items.map((item) => isValidKey(item.index));
  if (valid.every(Boolean) && items.every((item, i) => i === 0 || items[i - 1]!.index < item.index)) return { keys, replaced: 0 };
  const replaced = items.filter((item, i) => !valid[i] && item.index !== '').length;

  // The final order: valid keys sorted (stable, so equal keys keep file order), each followed by the
  // run of invalid ones after it in the file; a run at the very start of the file goes first.
  const positions = items.map((_, i) => i);
  const sorted = positions.filter((i) => valid[i]).sort((a, b) => (items[a]!.index < items[b]!.index ? -1 : items[a]!.index > items[b]!.index ? 1 : a - b));
  const order: number[] = [];
  const withRun = (i: number) => {
    order.push(i);
    for (let j = i + 1; j < items.length && !valid[j]; j++) order.push(j);
  };
  if (items.length && !valid[0]) {
    order.push(0);
    for (let j = 1; j < items.length && !valid[j]; j++) order.push(j);
  }
  sorted.forEach(withRun);

  // Keep every key that is valid and above the last kept one; spread new keys over the gaps.
  let last: string | null = null;
  let pending: number[] = [];
  const flush = (next: string | null) => {
    if (!pending.length) return;
    const fresh = keysBetween(last, next, pending.length);
    pending.forEach((i, n) => keys.set(items[i]!.id, fresh[n]!));
    pending = [];
  };
  for (const i of order) {
    const key = items[i]!.index;
    if (valid[i] && (last === null || key > last)) {
      flush(key);
      last = key;
    } else pending.push(i);
  }
  flush(null);
  return { keys, replaced };
}

function freeId(taken: ReadonlyMap<string, unknown>, base: string): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

const byKey = (a: Ordered, b: Ordered) => (a.index < b.index ? -1 : a.index > b.index ? 1 : 0);

/**
 * Mends a journey read from a file, purely: cards whose stage or lane does not exist go to the first
 * stage and the first lane that makes their kind (else the first lane that holds cards, else the
 * first lane; a stage or lane "Imported" is made if the map has none), at the end of that cell;
 * links with a missing end or from a card to itself, and emotions of a missing stage or persona, are
 * removed; order keys that are missing, not valid or the same as another's in one list or cell are
 * replaced, keeping the file's order. Everything but missing and duplicate keys is listed.
 */
export function repairJourney(journey: Journey): { journey: Journey; repairs: Repair[] } {
  const repairs: Repair[] = [];
  const note = (code: RepairCode, params: Record<string, string | number> = {}, count = 1) => {
    if (count <= 0) return;
    const same = repairs.find((r) => r.code === code && Object.entries(params).every(([k, v]) => r.params[k] === v));
    if (same) {
      same.count += count;
      same.params.count = same.count;
    } else repairs.push({ code, count, params: { ...params, count } });
  };

  let replacedKeys = 0;
  function ordered<T extends Ordered>(list: ReadonlyMap<string, T>): Map<string, T> {
    const { keys, replaced } = rekey([...list.values()]);
    replacedKeys += replaced;
    if (!keys.size) return new Map(list);
    return new Map([...list].map(([id, item]) => [id, keys.has(id) ? { ...item, index: keys.get(id)! } : item]));
  }

  const personas = ordered(journey.personas);
  const stages = ordered(journey.stages);
  const lanes = ordered(journey.lanes);

  // Cards whose stage or lane does not exist.
  const cards = new Map(journey.cards);
  const misplaced = [...cards.values()].filter((c) => !stages.has(c.stageId) || !lanes.has(c.laneId));
  const moved = new Set<string>();
  if (misplaced.length) {
    if (!stages.size) {
      const stage: Stage = { id: freeId(stages, 'imported'), name: IMPORTED_NAME, goal: '', index: keysBetween(null, null, 1)[0]! };
      stages.set(stage.id, stage);
      note('stageCreated', { name: stage.name });
    }
    if (!lanes.size) {
      const lane: Lane = { id: freeId(lanes, 'imported'), name: IMPORTED_NAME, kind: homeLane(misplaced[0]!.kind), index: keysBetween(null, null, 1)[0]!, collapsed: false };
      lanes.set(lane.id, lane);
      note('laneCreated', { name: lane.name });
    }
    const firstStage = [...stages.values()].sort(byKey)[0]!;
    const laneOrder = [...lanes.values()].sort(byKey);
    const laneFor = (kind: CardKind) =>
      laneOrder.find((l) => cardKindForLane(l.kind) === kind) ?? laneOrder.find((l) => cardKindForLane(l.kind)) ?? laneOrder[0]!;
    for (const card of misplaced) {
      const stage = stages.get(card.stageId) ?? firstStage;
      const lane = lanes.get(card.laneId) ?? laneFor(card.kind);
      cards.set(card.id, { ...card, stageId: stage.id, laneId: lane.id });
      moved.add(card.id);
      note('cardMoved', { stage: stage.name, lane: lane.name });
    }
  }

  // Order within each cell; moved cards go after the cell's own, in file order.
  const cells = new Map<string, Card[]>();
  for (const card of cards.values()) {
    const cell = `${card.stageId}\u0000${card.laneId}`;
    const list = cells.get(cell);
    if (list) list.push(card);
    else cells.set(cell, [card]);
  }
  for (const cell of cells.values()) {
    const own = cell.filter((c) => !moved.has(c.id));
    const arrived = cell.filter((c) => moved.has(c.id));
    if (arrived.length) {
      const top = own.reduce<string | null>((max, c) => (isValidKey(c.index) && (max === null || c.index > max) ? c.index : max), null);
      keysBetween(top, null, arrived.length).forEach((index, i) => cards.set(arrived[i]!.id, { ...arrived[i]!, index }));
    }
    const { keys, replaced } = rekey([...own, ...arrived.map((c) => cards.get(c.id)!)]);
    replacedKeys += replaced;
    for (const [id, index] of keys) cards.set(id, { ...cards.get(id)!, index });
  }

  const links = new Map<string, Link>();
  for (const [id, link] of journey.links) {
    if (link.from === link.to) note('selfLinkRemoved');
    else if (!cards.has(link.from) || !cards.has(link.to)) note('linkRemoved');
    else links.set(id, link);
  }

  const emotions = new Map<string, Emotion>();
  for (const [key, e] of journey.emotions) {
    if (!stages.has(e.stageId) || (e.personaId !== null && !personas.has(e.personaId))) note('emotionRemoved');
    else emotions.set(key, e);
  }

  note('orderKeyReplaced', {}, replacedKeys);
  return { journey: { ...journey, personas, stages, lanes, cards, links, emotions }, repairs };
}
