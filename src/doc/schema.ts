// The trust boundary between the Y.Doc and the rest of the app. Readers check every field and
// return either a value or the reason it is unreadable; writers build the Yjs shape of the
// documented schema (docs/schema.md). Nothing outside src/doc touches Yjs types.
import * as Y from 'yjs';
import { isValidKey } from '../journey/order';
import { cardFrom } from '../journey/cardFields';
import { parseEmotionKey } from '../journey/emotions';
import {
  CARD_KINDS,
  LANE_KINDS,
  SCHEMA_VERSION,
  type Card,
  type Emotion,
  type EmotionScore,
  type Journey,
  type Lane,
  type Link,
  type Meta,
  type Persona,
  type Stage,
} from '../journey/types';

export const ROOTS = ['meta', 'personas', 'stages', 'lanes', 'cards', 'links', 'emotions'] as const;
export type RootName = (typeof ROOTS)[number];

export type Roots = Record<RootName, Y.Map<unknown>>;

/** An entity's own Y.Map (a stage, lane, card or persona), if it is one. */
export function entity(map: Y.Map<unknown>, id: string): Y.Map<unknown> | undefined {
  const value = map.get(id);
  return value instanceof Y.Map ? value : undefined;
}

export function roots(doc: Y.Doc): Roots {
  return {
    meta: doc.getMap('meta'),
    personas: doc.getMap('personas'),
    stages: doc.getMap('stages'),
    lanes: doc.getMap('lanes'),
    cards: doc.getMap('cards'),
    links: doc.getMap('links'),
    emotions: doc.getMap('emotions'),
  };
}

export type Read<T> = { ok: true; value: T } | { ok: false; reason: string };
const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const bad = <T>(reason: string): Read<T> => ({ ok: false, reason });

class Invalid extends Error {}

/** Field accessors that throw `Invalid` with a readable reason; `read` turns that into a Read. */
function fields(source: { get(key: string): unknown }) {
  const get = (key: string) => source.get(key);
  const str = (key: string, fallback?: string): string => {
    const v = get(key);
    if (v === undefined && fallback !== undefined) return fallback;
    if (v instanceof Y.Text) return v.toString();
    if (typeof v !== 'string') throw new Invalid(`"${key}" is not text`);
    return v;
  };
  const oneOf = <T extends string>(key: string, allowed: readonly T[], fallback?: T): T => {
    const v = get(key);
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) throw new Invalid(`"${key}" has an unknown value`);
    return v as T;
  };
  const num = (key: string, min: number, max: number, fallback?: number): number => {
    const v = get(key);
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) throw new Invalid(`"${key}" is out of range`);
    return v;
  };
  const optNum = (key: string): number | null => {
    const v = get(key);
    if (v === undefined || v === null) return null;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Invalid(`"${key}" is not a number`);
    return v;
  };
  const bool = (key: string, fallback: boolean): boolean => {
    const v = get(key);
    if (v === undefined) return fallback;
    if (typeof v !== 'boolean') throw new Invalid(`"${key}" is not true or false`);
    return v;
  };
  const index = (): string => {
    const v = str('index');
    if (!isValidKey(v)) throw new Invalid('"index" is not an order key');
    return v;
  };
  return { str, oneOf, num, optNum, bool, index };
}

function read<T>(fn: () => T): Read<T> {
  try {
    return ok(fn());
  } catch (e) {
    if (e instanceof Invalid) return bad(e.message);
    throw e;
  }
}

const asMap = (value: unknown): Y.Map<unknown> | null => (value instanceof Y.Map ? value : null);

export function readMeta(meta: Y.Map<unknown>): Meta {
  // Meta is read leniently: a map whose title is damaged still opens.
  const text = (k: string, fallback: string) => {
    const v = meta.get(k);
    return typeof v === 'string' ? v : fallback;
  };
  const version = meta.get('schemaVersion');
  const createdAt = meta.get('createdAt');
  return {
    schemaVersion: typeof version === 'number' ? version : SCHEMA_VERSION,
    title: text('title', ''),
    scenario: text('scenario', ''),
    variant: meta.get('variant') === 'future' ? 'future' : 'current',
    locale: text('locale', 'en'),
    createdAt: typeof createdAt === 'number' ? createdAt : 0,
  };
}

export function readStage(id: string, value: unknown): Read<Stage> {
  const m = asMap(value);
  if (!m) return bad('not a map');
  return read(() => {
    const f = fields(m);
    return { id, name: f.str('name', ''), goal: f.str('goal', ''), index: f.index() };
  });
}

export function readLane(id: string, value: unknown): Read<Lane> {
  const m = asMap(value);
  if (!m) return bad('not a map');
  return read(() => {
    const f = fields(m);
    return { id, name: f.str('name', ''), kind: f.oneOf('kind', LANE_KINDS), index: f.index(), collapsed: f.bool('collapsed', false) };
  });
}

export function readPersona(id: string, value: unknown): Read<Persona> {
  const m = asMap(value);
  if (!m) return bad('not a map');
  return read(() => {
    const f = fields(m);
    return {
      id,
      name: f.str('name', ''),
      picture: f.str('picture', ''),
      goals: f.str('goals', ''),
      needs: f.str('needs', ''),
      frustrations: f.str('frustrations', ''),
      index: f.index(),
    };
  });
}

export function readCard(id: string, value: unknown): Read<Card> {
  const m = asMap(value);
  if (!m) return bad('not a map');
  return read((): Card => {
    const f = fields(m);
    if (!(m.get('text') instanceof Y.Text)) throw new Invalid('"text" is not shared text');
    // Placement is read leniently: a concurrent undo can remove a field (Yjs #514); such a card
    // goes to the unplaced tray instead of vanishing.
    const base = { id, stageId: f.str('stageId', ''), laneId: f.str('laneId', ''), index: m.has('index') ? f.index() : 'a0', text: f.str('text') };
    return cardFrom(f, base, f.oneOf('kind', CARD_KINDS));
  });
}

export function readLink(key: string, value: unknown): Read<Link> {
  if (typeof value !== 'object' || value === null || value instanceof Y.AbstractType) return bad('not a plain object');
  const v = value as Record<string, unknown>;
  return read(() => {
    const f = fields({ get: (k) => v[k] });
    const link = { id: key, from: f.str('from'), to: f.str('to'), label: f.str('label', '') };
    if (key !== linkId(link.from, link.to)) throw new Invalid('key does not match its ends');
    return link;
  });
}

export function readEmotion(key: string, value: unknown): Read<Emotion> {
  if (typeof value !== 'object' || value === null || value instanceof Y.AbstractType) return bad('not a plain object');
  const v = value as Record<string, unknown>;
  return read(() => {
    const f = fields({ get: (k) => v[k] });
    const score = f.num('score', -2, 2);
    if (!Number.isInteger(score)) throw new Invalid('"score" is not a whole number');
    return { key, ...parseEmotionKey(key), score: score as EmotionScore, note: f.str('note', '') };
  });
}

export const linkId = (from: string, to: string) => `${from}->${to}`;

/** Every entry of a root that reads, skipping the unreadable ones. */
export function readAll<T>(map: Y.Map<unknown>, reader: (id: string, v: unknown) => Read<T>): T[] {
  const out: T[] = [];
  map.forEach((v, id) => {
    const r = reader(id, v);
    if (r.ok) out.push(r.value);
  });
  return out;
}

// ---- writers ---------------------------------------------------------------------------------

function yMapOf(entries: Record<string, unknown>): Y.Map<unknown> {
  const m = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(entries)) if (v !== undefined) m.set(k, v);
  return m;
}

export function writeStage(r: Roots, s: Stage): void {
  r.stages.set(s.id, yMapOf({ name: s.name, goal: s.goal, index: s.index }));
}

export function writeLane(r: Roots, l: Lane): void {
  r.lanes.set(l.id, yMapOf({ name: l.name, kind: l.kind, index: l.index, collapsed: l.collapsed }));
}

export function writePersona(r: Roots, p: Persona): void {
  const { id: _id, ...rest } = p;
  r.personas.set(p.id, yMapOf(rest));
}

export function writeCard(r: Roots, card: Card): void {
  const { id: _id, text, ...rest } = card;
  const m = yMapOf(rest);
  const yText = new Y.Text();
  yText.insert(0, text);
  m.set('text', yText);
  r.cards.set(card.id, m);
}

export function writeLink(r: Roots, link: Link): void {
  r.links.set(link.id, { from: link.from, to: link.to, label: link.label });
}

export function writeEmotion(r: Roots, e: Emotion): void {
  r.emotions.set(e.key, { score: e.score, note: e.note });
}

export function writeMeta(r: Roots, meta: Partial<Meta>): void {
  for (const [k, v] of Object.entries(meta)) if (v !== undefined) r.meta.set(k, v);
}

/** Writes every entity of a journey (all but its meta) into the roots. */
export function writeEntities(r: Roots, journey: Journey): void {
  journey.personas.forEach((p) => writePersona(r, p));
  journey.stages.forEach((s) => writeStage(r, s));
  journey.lanes.forEach((l) => writeLane(r, l));
  journey.cards.forEach((c) => writeCard(r, c));
  journey.links.forEach((l) => writeLink(r, l));
  journey.emotions.forEach((e) => writeEmotion(r, e));
}
