import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Card, Emotion, Lane, Link, Persona, Stage } from '../journey/types';
import { readJourney } from './bindDoc';
import {
  ROOTS,
  linkId,
  readCard,
  readEmotion,
  readLane,
  readLink,
  readMeta,
  readPersona,
  readStage,
  roots,
  writeCard,
  writeEmotion,
  writeLane,
  writeLink,
  writeMeta,
  writePersona,
  writeStage,
} from './schema';

function fresh() {
  const doc = new Y.Doc();
  return { doc, r: roots(doc) };
}

/** A card's Y.Map written with `fields`, for building broken cards by hand. */
const NO_TEXT = Symbol('no text');
function rawCard(fields: Record<string, unknown>, text: unknown = new Y.Text('x')): Y.Map<unknown> {
  const { doc, r } = fresh();
  const m = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(fields)) m.set(k, v);
  if (text !== NO_TEXT) m.set('text', text);
  doc.transact(() => r.cards.set('c', m));
  return r.cards.get('c') as Y.Map<unknown>;
}

const goodCard = { kind: 'note', stageId: 's', laneId: 'l', index: 'a0' };

const CARDS: Card[] = [
  { id: 'n', kind: 'note', stageId: 's1', laneId: 'l1', index: 'a0', text: 'Caută „oferte” pe telefon 📱' },
  { id: 't', kind: 'touchpoint', stageId: 's1', laneId: 'l2', index: 'a1', text: 'App', channel: 'chat', department: 'Vânzări', momentOfTruth: true },
  { id: 'g', kind: 'gap', stageId: 's2', laneId: 'l3', index: 'a0V', text: 'Coda lunga', severity: 3, expectation: 'Risposta in 1 minuto', owner: 'Supporto', status: 'inProgress', statusChangedAt: 1_700_000_123_456, statusChangedBy: 'Giulia' },
  { id: 'o', kind: 'opportunity', stageId: 's2', laneId: 'l4', index: 'Zz', text: '', owner: 'Ops', priority: 'high', status: 'done', statusChangedAt: 1_700_000_000_001, statusChangedBy: 'Ana' },
  { id: 'm', kind: 'metric', stageId: 's3', laneId: 'l5', index: 'a2', text: 'NPS', metric: 'CSAT', value: -12.5, sampleSize: 1250 },
  { id: 'm0', kind: 'metric', stageId: 's3', laneId: 'l5', index: 'a3', text: '', metric: 'other', value: null, sampleSize: null },
];

describe('write → read round trip', () => {
  it.each(CARDS.map((c) => [c.kind + (c.id === 'm0' ? ' (no value)' : ''), c] as const))('keeps every field of a %s card', (_name, card) => {
    const { doc, r } = fresh();
    doc.transact(() => writeCard(r, card));
    expect(r.cards.get(card.id)).toBeInstanceOf(Y.Map);
    expect((r.cards.get(card.id) as Y.Map<unknown>).get('text')).toBeInstanceOf(Y.Text);
    expect(readCard(card.id, r.cards.get(card.id))).toEqual({ ok: true, value: card });
  });

  it('keeps stages, lanes and personas', () => {
    const { doc, r } = fresh();
    const stage: Stage = { id: 's', name: 'Achiziție', goal: 'Să plătească ușor', index: 'a0' };
    const lane: Lane = { id: 'l', name: 'Puncte de contact', kind: 'touchpoints', index: 'a1', collapsed: true };
    const persona: Persona = { id: 'p', name: 'Ana', picture: '🙋‍♀️', goals: 'g', needs: 'n', frustrations: 'f', index: 'a0' };
    doc.transact(() => {
      writeStage(r, stage);
      writeLane(r, lane);
      writePersona(r, persona);
    });
    expect(readStage('s', r.stages.get('s'))).toEqual({ ok: true, value: stage });
    expect(readLane('l', r.lanes.get('l'))).toEqual({ ok: true, value: lane });
    expect(readPersona('p', r.personas.get('p'))).toEqual({ ok: true, value: persona });
  });

  it('keeps links and emotions (with and without a persona)', () => {
    const { doc, r } = fresh();
    const link: Link = { id: linkId('a', 'b'), from: 'a', to: 'b', label: 'duce la' };
    const plain: Emotion = { key: 's1', stageId: 's1', personaId: null, score: -2, note: 'frustrat' };
    const perPersona: Emotion = { key: 's1:p1', stageId: 's1', personaId: 'p1', score: 2, note: '' };
    doc.transact(() => {
      writeLink(r, link);
      writeEmotion(r, plain);
      writeEmotion(r, perPersona);
    });
    expect(link.id).toBe('a->b');
    expect(readLink(link.id, r.links.get(link.id))).toEqual({ ok: true, value: link });
    expect(readEmotion('s1', r.emotions.get('s1'))).toEqual({ ok: true, value: plain });
    expect(readEmotion('s1:p1', r.emotions.get('s1:p1'))).toEqual({ ok: true, value: perPersona });
  });

  it('keeps meta', () => {
    const { doc, r } = fresh();
    const meta = { schemaVersion: 1, title: 'Călătoria clientului', scenario: 'Cumpără un abonament', variant: 'future' as const, locale: 'ro', createdAt: 1_700_000_000_000 };
    doc.transact(() => writeMeta(r, meta));
    expect(readMeta(r.meta)).toEqual(meta);
    doc.transact(() => writeMeta(r, { title: 'Nou', scenario: undefined }));
    expect(readMeta(r.meta)).toEqual({ ...meta, title: 'Nou' });
  });

  it('reads missing optional fields as their defaults', () => {
    const touchpoint = readCard('c', rawCard({ ...goodCard, kind: 'touchpoint' }));
    expect(touchpoint).toEqual({ ok: true, value: { id: 'c', ...goodCard, kind: 'touchpoint', text: 'x', channel: 'other', department: '', momentOfTruth: false } });
    const gap = readCard('c', rawCard({ ...goodCard, kind: 'gap' }));
    expect(gap.ok && gap.value).toMatchObject({ severity: 2, status: 'open', statusChangedAt: 0, statusChangedBy: '', owner: '', expectation: '' });
    const stage = new Y.Doc().getMap('x');
    stage.set('s', new Y.Map([['index', 'a0']]));
    expect(readStage('s', stage.get('s'))).toEqual({ ok: true, value: { id: 's', name: '', goal: '', index: 'a0' } });
  });

  it('reads a damaged meta leniently, so the map still opens', () => {
    const { r } = fresh();
    r.meta.set('title', 42);
    r.meta.set('variant', 'someday');
    r.meta.set('createdAt', 'yesterday');
    expect(readMeta(r.meta)).toEqual({ schemaVersion: 1, title: '', scenario: '', variant: 'current', locale: 'en', createdAt: 0 });
  });
});

describe('unreadable data gives a reason, never a crash', () => {
  const reasonOf = (read: { ok: boolean; reason?: string }) => (read.ok ? 'ok' : read.reason);

  it('rejects a card whose text is not shared text', () => {
    expect(reasonOf(readCard('c', rawCard(goodCard, 'plain string')))).toBe('"text" is not shared text');
    expect(reasonOf(readCard('c', rawCard(goodCard, NO_TEXT)))).toBe('"text" is not shared text');
    expect(reasonOf(readCard('c', rawCard(goodCard)))).toBe('ok');
  });

  it('reads a card that lost its placement (a concurrent undo can do that) so it lands in the unplaced tray', () => {
    const read = readCard('c', rawCard({ kind: 'note' }));
    expect(read.ok && read.value.stageId).toBe('');
    expect(read.ok && read.value.index).toBe('a0');
  });

  it.each([
    ['an unknown kind', { ...goodCard, kind: 'sticker' }, '"kind" has an unknown value'],
    ['no kind', { stageId: 's', laneId: 'l', index: 'a0' }, '"kind" has an unknown value'],
    ['a bad order key', { ...goodCard, index: 'not a key!' }, '"index" is not an order key'],
    ['an order key of the wrong type', { ...goodCard, index: 7 }, '"index" is not text'],
    ['a numeric lane', { ...goodCard, laneId: 3 }, '"laneId" is not text'],
    ['an unknown channel', { ...goodCard, kind: 'touchpoint', channel: 'pigeon' }, '"channel" has an unknown value'],
    ['a text flag', { ...goodCard, kind: 'touchpoint', momentOfTruth: 'yes' }, '"momentOfTruth" is not true or false'],
    ['a severity out of range', { ...goodCard, kind: 'gap', severity: 5 }, '"severity" is out of range'],
    ['a severity as text', { ...goodCard, kind: 'gap', severity: '2' }, '"severity" is not a number'],
    ['an unknown status', { ...goodCard, kind: 'gap', status: 'maybe' }, '"status" has an unknown value'],
    ['a negative date', { ...goodCard, kind: 'gap', statusChangedAt: -1 }, '"statusChangedAt" is out of range'],
    ['an unknown priority', { ...goodCard, kind: 'opportunity', priority: 'urgent' }, '"priority" has an unknown value'],
    ['a value as text', { ...goodCard, kind: 'metric', value: 'high' }, '"value" is not a number'],
    ['an infinite sample', { ...goodCard, kind: 'metric', sampleSize: Infinity }, '"sampleSize" is not a number'],
  ])('rejects a card with %s', (_what, fields, reason) => {
    expect(reasonOf(readCard('c', rawCard(fields)))).toBe(reason);
  });

  it('rejects entities that are not maps', () => {
    for (const value of [undefined, null, 'x', 3, { name: 'S', index: 'a0' }, new Y.Text('a'), new Y.Array()]) {
      expect(reasonOf(readStage('s', value))).toBe('not a map');
      expect(reasonOf(readLane('l', value))).toBe('not a map');
      expect(reasonOf(readCard('c', value))).toBe('not a map');
      expect(reasonOf(readPersona('p', value))).toBe('not a map');
    }
  });

  it('rejects stages, lanes and personas with wrong fields', () => {
    const m = (entries: [string, unknown][]) => {
      const map = new Y.Doc().getMap('x');
      map.set('e', new Y.Map(entries));
      return map.get('e');
    };
    expect(reasonOf(readStage('s', m([['name', 5], ['index', 'a0']])))).toBe('"name" is not text');
    expect(reasonOf(readStage('s', m([['name', 'S']])))).toBe('"index" is not text');
    expect(reasonOf(readLane('l', m([['kind', 'vibes'], ['index', 'a0']])))).toBe('"kind" has an unknown value');
    expect(reasonOf(readLane('l', m([['kind', 'actions'], ['index', 'a0'], ['collapsed', 1]])))).toBe('"collapsed" is not true or false');
    expect(reasonOf(readPersona('p', m([['name', 'Ana'], ['index', '']])))).toBe('"index" is not an order key');
  });

  it('rejects links whose key does not match their ends, or that are not plain objects', () => {
    expect(reasonOf(readLink('a->b', { from: 'a', to: 'c', label: '' }))).toBe('key does not match its ends');
    expect(reasonOf(readLink('b->a', { from: 'a', to: 'b' }))).toBe('key does not match its ends');
    expect(reasonOf(readLink('a->b', { from: 'a', to: 'b' }))).toBe('ok');
    expect(reasonOf(readLink('a->b', { from: 'a' }))).toBe('"to" is not text');
    expect(reasonOf(readLink('a->b', { from: 'a', to: 'b', label: 9 }))).toBe('"label" is not text');
    for (const value of [null, undefined, 'a->b', 1, new Y.Map()]) expect(reasonOf(readLink('a->b', value))).toBe('not a plain object');
  });

  it('rejects emotions with a score off the scale', () => {
    expect(reasonOf(readEmotion('s', { score: 3 }))).toBe('"score" is out of range');
    expect(reasonOf(readEmotion('s', { score: -2.5 }))).toBe('"score" is out of range');
    expect(reasonOf(readEmotion('s', { score: 1.5 }))).toBe('"score" is not a whole number');
    expect(reasonOf(readEmotion('s', { note: 'no score' }))).toBe('"score" is out of range');
    expect(reasonOf(readEmotion('s', { score: 1, note: ['x'] }))).toBe('"note" is not text');
    expect(reasonOf(readEmotion('s', 1))).toBe('not a plain object');
  });
});

describe('readJourney', () => {
  it('shows bad entries as unreadable items next to the good ones', () => {
    const { doc, r } = fresh();
    doc.transact(() => {
      writeStage(r, { id: 's1', name: 'Bun', goal: '', index: 'a0' });
      r.stages.set('s2', 'not a stage');
      writeLane(r, { id: 'l1', name: 'L', kind: 'actions', index: 'a0', collapsed: false });
      r.lanes.set('l2', new Y.Map([['kind', 'mystery'], ['index', 'a1']]));
      writeCard(r, CARDS[0]!);
      r.cards.set('c2', new Y.Map<unknown>([['kind', 'note'], ['stageId', 's1'], ['laneId', 'l1'], ['index', 'a1'], ['text', 'plain']]));
      writeLink(r, { id: 'n->t', from: 'n', to: 't', label: '' });
      r.links.set('x->y', { from: 'y', to: 'x', label: '' });
      r.emotions.set('s1', { score: 9 });
      r.personas.set('p', 12);
    });
    const j = readJourney(doc);
    expect([...j.stages.keys()]).toEqual(['s1']);
    expect([...j.lanes.keys()]).toEqual(['l1']);
    expect([...j.cards.keys()]).toEqual(['n']);
    expect([...j.links.keys()]).toEqual(['n->t']);
    expect(j.emotions.size).toBe(0);
    expect(j.personas.size).toBe(0);
    expect([...j.unreadable].sort((a, b) => a.root.localeCompare(b.root)).map(({ root, key, reason }) => ({ root, key, reason }))).toEqual([
      { root: 'cards', key: 'c2', reason: '"text" is not shared text' },
      { root: 'emotions', key: 's1', reason: '"score" is out of range' },
      { root: 'lanes', key: 'l2', reason: '"kind" has an unknown value' },
      { root: 'links', key: 'x->y', reason: 'key does not match its ends' },
      { root: 'personas', key: 'p', reason: 'not a map' },
      { root: 'stages', key: 's2', reason: 'not a map' },
    ]);
  });

  it('says why an entry is unreadable as an issue the interface can word in its language', () => {
    const doc = new Y.Doc();
    const r = roots(doc);
    const stage = new Y.Map<unknown>();
    r.stages.set('s', stage);
    stage.set('name', 'Bun');
    stage.set('index', '');
    const lane = new Y.Map<unknown>();
    r.lanes.set('l', lane);
    lane.set('kind', 'vibes');
    lane.set('index', 'a0');
    const j = readJourney(doc);
    expect(j.unreadable.find((u) => u.key === 's')?.issue).toEqual({ path: 'index', reason: 'badOrderKey', value: '' });
    expect(j.unreadable.find((u) => u.key === 'l')?.issue).toEqual({ path: 'kind', reason: 'unknownValue', value: 'vibes' });
  });

  it('never throws, whatever another program wrote into the document (fuzz)', () => {
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const scalars = [null, true, false, 0, -1, 3, 1.5, 1e308, '', 'a0', 'a0V', 'x', 'note', 'gap', 'metric', 'actions', 'emotions', 'web', 'open', 'NPS', 'a->b', [1, 2], { a: 1 }, new Uint8Array([1, 2])];
    const fieldNames = ['kind', 'stageId', 'laneId', 'index', 'text', 'name', 'goal', 'collapsed', 'score', 'note', 'from', 'to', 'label', 'channel', 'severity', 'status', 'value', 'sampleSize', 'metric', 'priority', 'momentOfTruth', 'statusChangedAt'];
    const value = (depth: number): unknown => {
      const roll = rand();
      if (depth > 1 || roll < 0.4) return pick(scalars);
      if (roll < 0.55) return new Y.Text(String(pick(scalars)));
      if (roll < 0.65) {
        const array = new Y.Array<unknown>();
        array.push([pick(scalars)]);
        return array;
      }
      if (roll < 0.8) {
        const o: Record<string, unknown> = {};
        for (let i = 0; i < 4; i++) o[pick(fieldNames)] = pick(scalars);
        return o;
      }
      const m = new Y.Map<unknown>();
      for (let i = 0; i < 6; i++) m.set(pick(fieldNames), value(depth + 1));
      return m;
    };
    for (let round = 0; round < 40; round++) {
      const { doc, r } = fresh();
      const written = new Map<string, Set<string>>();
      doc.transact(() => {
        for (let i = 0; i < 30; i++) {
          const root = pick(ROOTS);
          const key = pick(['a', 'b', 'a->b', 's', 's:p', '', 'ș', '😀', `k${i}`]);
          r[root].set(key, value(0));
          if (root !== 'meta') written.set(root, (written.get(root) ?? new Set()).add(key));
        }
      });
      const j = readJourney(doc);
      for (const [root, keys] of written) {
        const readable = j[root as 'cards'] as ReadonlyMap<string, unknown>;
        for (const key of keys) {
          const shown = readable.has(key) || j.unreadable.some((u) => u.root === root && u.key === key && u.reason.length > 0);
          expect(shown, `${root}/${key}`).toBe(true);
        }
      }
      expect(typeof j.meta.title).toBe('string');
    }
  });
});
