// The trust boundary between the Y.Doc and the rest of the app. Readers check every field and
// return either a value or the reason it is unreadable; writers build the Yjs shape of the
// documented schema (docs/schema.md). Nothing outside src/doc touches Yjs types.
import * as Y from 'yjs';
import { isValidKey } from '../journey/order';
import { checkCard } from '../journey/cards';
import type * as v from 'valibot';
import { check, type Issue, type Schema } from '../journey/records/valid';
import { emotionSchema, laneSchema, linkSchema, personaSchema, stageSchema } from '../journey/records/schemas';
import { parseEmotionKey } from '../journey/emotions';
import {
  type Card,
  type Emotion,
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

/** A value, or why it cannot be read: in English (logs, other programs) and as an issue the
 * interface words in its language. */
export type Read<T> = { ok: true; value: T } | { ok: false; reason: string; issue: Issue };
const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const bad = <T>(reason: string, issue: Issue): Read<T> => ({ ok: false, reason, issue });
const NOT_A_MAP: Issue = { path: '', reason: 'notObject', value: '' };
const NOT_AN_OBJECT: Issue = { path: '', reason: 'notObject', value: '' };

const REASON_WORDS: Record<Issue['reason'], string> = {
  missing: 'is missing',
  notObject: 'is not an object',
  notList: 'is not a list',
  notText: 'is not text',
  notNumber: 'is not a number',
  notWholeNumber: 'is not a whole number',
  notBoolean: 'is not true or false',
  unknownValue: 'has an unknown value',
  outOfRange: 'is out of range',
  tooLong: 'is too long',
  duplicate: 'is a duplicate',
  badId: 'is not a usable id',
  badOrderKey: 'is not an order key',
};

const MISSING_AS: Record<string, Issue['reason']> = { string: 'notText', picklist: 'unknownValue', variant: 'unknownValue', number: 'outOfRange', boolean: 'notBoolean' };

/** A failed check in the words of this reader ('"channel" has an unknown value'). A missing required
 * field is said as the wrong value it is (a card without a kind has no kind this app knows). */
function because<T>(failed: { issue: Issue; expected: string }): Read<T> {
  const { issue, expected } = failed;
  const reason = issue.reason === 'missing' ? (MISSING_AS[expected] ?? 'missing') : issue.reason;
  const field = issue.path.replace(/^\./, '');
  return bad(`"${field}" ${REASON_WORDS[reason]}`, { ...issue, path: field, reason });
}

/** A Y.Map's entries as plain values (shared text as its string), for a schema to check. */
function plainOf(m: Y.Map<unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  m.forEach((value, key) => (out[key] = value instanceof Y.Text ? value.toString() : value));
  return out;
}

/** The entity's order key: present, text, and a key (a card's may be missing, see readCard). */
function orderKey(m: Y.Map<unknown>): Read<string> {
  const index = m.get('index');
  if (typeof index !== 'string') return bad('"index" is not text', { path: 'index', reason: 'notText', value: '' });
  if (!isValidKey(index)) return bad('"index" is not an order key', { path: 'index', reason: 'badOrderKey', value: index.slice(0, 40) });
  return ok(index);
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
    // Missing: a map from before versions were written down, version 1 (src/doc/migrations.ts).
    schemaVersion: typeof version === 'number' ? version : 1,
    title: text('title', ''),
    scenario: text('scenario', ''),
    variant: meta.get('variant') === 'future' ? 'future' : 'current',
    locale: text('locale', 'en'),
    createdAt: typeof createdAt === 'number' ? createdAt : 0,
  };
}

/** An entity checked by `schema`, its order key checked too, built by `make`. */
function entityOf<S extends Schema, T>(m: Y.Map<unknown>, schema: S, make: (value: v.InferOutput<S>, index: string) => T): Read<T> {
  const checked = check(schema, plainOf(m));
  if (!checked.ok) return because(checked);
  const index = orderKey(m);
  return index.ok ? ok(make(checked.value, index.value)) : (index as Read<never>);
}

export function readStage(id: string, value: unknown): Read<Stage> {
  const m = asMap(value);
  if (!m) return bad('not a map', NOT_A_MAP);
  return entityOf(m, stageSchema, (value, index) => ({ id, ...value, index }));
}

export function readLane(id: string, value: unknown): Read<Lane> {
  const m = asMap(value);
  if (!m) return bad('not a map', NOT_A_MAP);
  return entityOf(m, laneSchema, (value, index) => ({ id, name: value.name, kind: value.kind, index, collapsed: value.collapsed }));
}

export function readPersona(id: string, value: unknown): Read<Persona> {
  const m = asMap(value);
  if (!m) return bad('not a map', NOT_A_MAP);
  return entityOf(m, personaSchema, (value, index) => ({ id, ...value, index }));
}

export function readCard(id: string, value: unknown): Read<Card> {
  const m = asMap(value);
  if (!m) return bad('not a map', NOT_A_MAP);
  if (!(m.get('text') instanceof Y.Text)) return bad('"text" is not shared text', { path: 'text', reason: 'notText', value: '' });
  // Placement is read leniently: a concurrent undo can remove a field (Yjs #514); such a card
  // goes to the unplaced tray instead of vanishing.
  const index = m.get('index');
  if (index !== undefined && !orderKey(m).ok) return orderKey(m) as Read<never>;
  const checked = checkCard(plainOf(m));
  if (!checked.ok) return because(checked);
  return ok({ ...checked.value, id, index: typeof index === 'string' ? index : 'a0' } as Card);
}

export function readLink(key: string, value: unknown): Read<Link> {
  if (typeof value !== 'object' || value === null || value instanceof Y.AbstractType) return bad('not a plain object', NOT_AN_OBJECT);
  const checked = check(linkSchema, value);
  if (!checked.ok) return because(checked);
  if (key !== linkId(checked.value.from, checked.value.to)) return bad('key does not match its ends', { path: '', reason: 'badId', value: key.slice(0, 40) });
  return ok({ id: key, ...checked.value });
}

export function readEmotion(key: string, value: unknown): Read<Emotion> {
  if (typeof value !== 'object' || value === null || value instanceof Y.AbstractType) return bad('not a plain object', NOT_AN_OBJECT);
  const checked = check(emotionSchema, value);
  if (!checked.ok) return because(checked);
  return ok({ key, ...parseEmotionKey(key), ...checked.value });
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
