// The DocStore contract (DocStore.ts) as one test suite that every store runs: SQLite
// (sqlite.contract.test.ts) and PostgreSQL (postgres/postgres.contract.test.ts). What the rooms and
// the other instances rely on: a map's log numbered 1, 2, 3… in commit order whichever store object
// appended, reads of what a room lacks (`readSince`) before and after a compaction, compaction that
// keeps whatever it did not fold and never lets an older snapshot win, damaged bytes refused, survey
// answers kept once, and a smoke test of each other part (their detailed behaviour is tested on
// SQLite through the server). Cases that need a second store object on the same database (another
// instance) are defined only when the store has one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { hashKey, newKey, newMapId } from '../keys';
import { stateOfSize } from '../testing/bigMaps';
import type { SurveyResponse } from '../../src/journey/voc/scores';
import type { DocStore, MapRecord, NewVersion, StoredDoc, StoredThread } from './DocStore';
import { DAY_MS, HOUR_MS } from './thinning';

/** Which stored bytes a test damages: a map's snapshot, one of its updates, or one of its versions. */
export type StoredPart = 'snapshot' | { seq: number } | { version: string };

export interface ContractSubject {
  store: DocStore;
  /** Opens another store object on the same database, as another instance would (the suite closes
   * it). Absent for a store only one process can open. */
  second?: () => Promise<DocStore>;
  /** Replaces stored bytes behind the store's back, as a disk fault or another tool would; with
   * 'kept', the stored checksum stays as it was, with 'matching' it is the new bytes' own. */
  tamper(mapId: string, part: StoredPart, change: (stored: Uint8Array) => Uint8Array, checksum: 'kept' | 'matching'): Promise<void>;
  /** Closes the store and removes what it made. */
  cleanup(): Promise<void>;
}

const record = (id: string): MapRecord => {
  const viewKey = newKey();
  const commentKey = newKey();
  return { id, editKeyHash: hashKey(newKey()), viewKeyHash: hashKey(viewKey), viewKey, createdAt: Date.now(), commentKeyHash: hashKey(commentKey), commentKey, viewersComment: false };
};

/** A document whose every edit is one update to append, as a client's keystrokes arrive. */
function writer(state?: Uint8Array) {
  const doc = new Y.Doc();
  if (state) Y.applyUpdate(doc, state);
  const text = doc.getText('notes');
  let typed = 0;
  return {
    doc,
    /** Types one character: the update it makes. */
    type(): Uint8Array {
      let update!: Uint8Array;
      const take = (u: Uint8Array) => (update = u);
      doc.once('update', take);
      text.insert(text.length, String.fromCharCode(97 + (typed++ % 26)));
      return update;
    },
  };
}

/** A map as a room loads it: its snapshot, then its updates. */
function rebuilt(stored: StoredDoc, base?: Y.Doc): Y.Doc {
  const doc = base ?? new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u.update);
  return doc;
}

const sameDoc = (a: Y.Doc, b: Y.Doc) => {
  expect(a.getText('notes').toString()).toBe(b.getText('notes').toString());
  expect(Y.encodeStateVector(a)).toEqual(Y.encodeStateVector(b));
};

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const seqsOf = (stored: StoredDoc) => stored.updates.map((u) => u.seq);

const answer = (line: number, comment = ''): SurveyResponse => ({ line, date: '2026-05-02', touchpointId: 't1', stageId: 's1', metric: 'NPS', score: line % 11, comment, segment: '' });

export interface ContractOptions {
  /** Several store objects may open the same database at once (instances): `second` is given, and
   * the cases between instances run. */
  severalInstances: boolean;
}

/** Defines the suite. `open` is called once, before its first case. */
export function docStoreContract(name: string, open: () => Promise<ContractSubject>, options: ContractOptions): void {
  describe(`${name}: the DocStore contract`, () => {
    let subject: ContractSubject;
    let store: DocStore;
    const seconds: DocStore[] = [];
    beforeAll(async () => {
      subject = await open();
      store = subject.store;
    });
    afterAll(async () => {
      for (const s of seconds.splice(0)) await s.close();
      await subject?.cleanup();
    });
    /** Another instance's store object, on the same database. */
    const another = async () => {
      const s = await subject.second!();
      seconds.push(s);
      return s;
    };

    /** A new map whose first state is `state` (a little text by default), and a writer of it. */
    async function newMap(state?: Uint8Array) {
      const id = newMapId();
      const first = state ?? (() => {
        const w = writer();
        w.type();
        return Y.encodeStateAsUpdate(w.doc);
      })();
      await store.createMap(record(id), first);
      return { id, ...writer(first) };
    }

    describe('maps', () => {
      it('createMap then getMap gives the record back; countMaps counts it; its log starts with the first state at seq 0', async () => {
        const before = await store.countMaps();
        const id = newMapId();
        const r = record(id);
        const w = writer();
        w.type();
        await store.createMap(r, Y.encodeStateAsUpdate(w.doc));
        expect(await store.getMap(id)).toEqual(r);
        expect(await store.getMap(newMapId())).toBeUndefined();
        expect(await store.countMaps()).toBe(before + 1);
        expect(await store.head(id)).toBe(0);
        const stored = await store.loadDoc(id);
        expect(stored).toMatchObject({ snapshotSeq: 0, updates: [], head: 0 });
        sameDoc(rebuilt(stored), w.doc);
        expect(stored.bytes).toBe(stored.snapshot!.byteLength);
      });

      it('deleteMap removes the map and everything of it: its log reads as empty, its head as unknown, its appends are refused', async () => {
        const map = await newMap();
        for (let i = 0; i < 3; i++) await store.append(map.id, map.type());
        await store.addResponses(map.id, [answer(1)]);
        await store.addVersion(map.id, { id: 'v1', createdAt: Date.now(), name: 'Kept', kind: 'named', reason: 'named', editors: [], cards: 0, state: Y.encodeStateAsUpdate(map.doc) });
        const count = await store.countMaps();
        await store.deleteMap(map.id);
        expect(await store.getMap(map.id)).toBeUndefined();
        expect(await store.countMaps()).toBe(count - 1);
        expect(await store.head(map.id)).toBeUndefined();
        expect(await store.loadDoc(map.id)).toMatchObject({ snapshot: null, updates: [], bytes: 0 });
        expect(await store.readSince(map.id, 0)).toMatchObject({ snapshot: null, updates: [], bytes: 0 });
        expect(await store.responses(map.id)).toEqual([]);
        expect(await store.countVersions(map.id)).toBe(0);
        await expect(store.append(map.id, map.type())).rejects.toThrow();
      });

      it('an append to a map that is gone is refused without failing the others committed with it', async () => {
        const kept = await newMap();
        const gone = await newMap();
        await store.deleteMap(gone.id);
        const results = await Promise.allSettled([store.append(kept.id, kept.type()), store.append(gone.id, gone.type()), store.append(kept.id, kept.type())]);
        expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
        expect(seqsOf(await store.loadDoc(kept.id))).toEqual([1, 2]);
      });
    });

    describe('the log', () => {
      it('numbers appends 1, 2, 3… in the order they were appended, without gaps, with their origins', async () => {
        const map = await newMap();
        const appends = range(1, 60).map((n) => store.append(map.id, map.type(), n % 2 ? { instance: 'i-a', local: n } : undefined));
        expect(await Promise.all(appends)).toEqual(range(1, 60));
        expect(await store.head(map.id)).toBe(60);
        const stored = await store.loadDoc(map.id);
        expect(seqsOf(stored)).toEqual(range(1, 60));
        expect(stored.head).toBe(60);
        expect(stored.updates.map((u) => u.origin)).toEqual(range(1, 60).map((n) => (n % 2 ? { instance: 'i-a', local: n } : null)));
        sameDoc(rebuilt(stored), map.doc);
        expect(stored.bytes).toBe(stored.snapshot!.byteLength + stored.updates.reduce((n, u) => n + u.update.byteLength, 0));
        // Appended one at a time, each after the last was durable: the same numbering goes on.
        for (const n of range(61, 63)) expect(await store.append(map.id, map.type())).toBe(n);
      });

      it('readSince gives what a room lacks, before and after a compaction (the snapshot when some of it was folded)', async () => {
        const map = await newMap();
        for (let i = 0; i < 10; i++) await store.append(map.id, map.type());
        const all = await store.loadDoc(map.id);
        const since4 = await store.readSince(map.id, 4);
        expect(since4).toMatchObject({ snapshot: null, head: 10, bytes: all.bytes });
        expect(seqsOf(since4)).toEqual(range(5, 10));
        expect(since4.updates).toEqual(all.updates.slice(4));
        expect(seqsOf(await store.readSince(map.id, 10))).toEqual([]);

        // A room at seq 4 keeps its document, and applies what readSince gives it.
        const room = rebuilt({ ...all, updates: all.updates.slice(0, 4) });
        expect(await store.compact(map.id)).toBeGreaterThan(0);
        for (let i = 0; i < 2; i++) await store.append(map.id, map.type());
        const after = await store.readSince(map.id, 4);
        expect(after.snapshot).not.toBeNull();
        expect(after).toMatchObject({ snapshotSeq: 10, head: 12 });
        expect(seqsOf(after)).toEqual([11, 12]);
        sameDoc(rebuilt(after, room), map.doc);
        const since10 = await store.readSince(map.id, 10);
        expect(since10).toMatchObject({ snapshot: null, head: 12, bytes: after.bytes });
        expect(seqsOf(since10)).toEqual([11, 12]);
        expect(seqsOf(await store.readSince(map.id, 11))).toEqual([12]);
        expect(await store.head(map.id)).toBe(12);
      });

      it('flush resolves once every append made before it is stored', async () => {
        const map = await newMap();
        const appends = range(1, 5).map(() => store.append(map.id, map.type()));
        await store.flush();
        expect(await store.head(map.id)).toBe(5);
        expect(await Promise.all(appends)).toEqual(range(1, 5));
      });

      it('damaged bytes are refused by loadDoc, readSince and compaction, and nothing is written over them', async () => {
        const map = await newMap();
        for (let i = 0; i < 5; i++) await store.append(map.id, map.type());
        const healthy = await store.loadDoc(map.id);
        const flip = (bytes: Uint8Array) => bytes.map((b, i) => (i === bytes.length >> 1 ? b ^ 0xff : b));

        await subject.tamper(map.id, { seq: 3 }, flip, 'kept');
        await expect(store.loadDoc(map.id)).rejects.toThrow(/update 3 of \d+ bytes fails its checksum/);
        await expect(store.readSince(map.id, 1)).rejects.toThrow(/damaged/);
        await expect(store.compact(map.id)).rejects.toThrow(/damaged/);
        await subject.tamper(map.id, { seq: 3 }, () => healthy.updates[2]!.update, 'kept');
        expect(await store.loadDoc(map.id)).toEqual(healthy);

        await subject.tamper(map.id, 'snapshot', flip, 'kept');
        await expect(store.loadDoc(map.id)).rejects.toThrow(/the snapshot of \d+ bytes fails its checksum/);
        await expect(store.compact(map.id)).rejects.toThrow(/damaged/);
        await subject.tamper(map.id, 'snapshot', () => healthy.snapshot!, 'kept');
        expect(await store.loadDoc(map.id)).toEqual(healthy);
      });

      it('a snapshot zeroed with a matching checksum is never folded: compaction rejects and the log stays', async () => {
        const map = await newMap(stateOfSize(64 * 1024, [4, 4, 4]));
        for (let i = 0; i < 3; i++) await store.append(map.id, map.type());
        const healthy = await store.loadDoc(map.id);
        await subject.tamper(map.id, 'snapshot', (s) => new Uint8Array(s.byteLength), 'matching');
        await expect(store.compact(map.id)).rejects.toThrow(/decodes as \d+ bytes/);
        await subject.tamper(map.id, 'snapshot', () => healthy.snapshot!, 'matching');
        expect(await store.loadDoc(map.id)).toEqual(healthy);
      });
    });

    describe('compaction', () => {
      it('folds the log up to its head into the snapshot; with nothing new, the next one writes nothing', async () => {
        const map = await newMap();
        for (let i = 0; i < 20; i++) await store.append(map.id, map.type());
        const size = await store.compact(map.id);
        const stored = await store.loadDoc(map.id);
        expect(stored).toMatchObject({ snapshotSeq: 20, head: 20, updates: [], bytes: size });
        sameDoc(rebuilt(stored), map.doc);
        expect(await store.compact(map.id)).toBeNull();
        expect(await store.compact(newMapId())).toBeNull();
        expect(await store.append(map.id, map.type())).toBe(21);
      });

      it('of a large map, loses none of the updates appended while it runs: they stay in the log, and the next one folds them', async () => {
        const map = await newMap(stateOfSize(2 * 1024 * 1024));
        const writes: Promise<number>[] = [];
        for (let i = 0; i < 100; i++) writes.push(store.append(map.id, map.type()));
        await Promise.all(writes);
        let done = false;
        const compaction = store.compact(map.id).finally(() => (done = true));
        let during = 0;
        while (!done) {
          writes.push(store.append(map.id, map.type()));
          during++;
          await new Promise<void>((next) => setTimeout(next, 1));
        }
        expect(await compaction).toBeGreaterThan(1024 * 1024);
        for (let i = 0; i < 20; i++) writes.push(store.append(map.id, map.type()));
        expect(await Promise.all(writes)).toEqual(range(1, writes.length));
        expect(during).toBeGreaterThan(5);

        const first = await store.loadDoc(map.id);
        expect(first.updates.length).toBeGreaterThanOrEqual(20);
        expect(first.updates.length).toBeLessThan(writes.length);
        expect(first.snapshotSeq + first.updates.length).toBe(writes.length);
        sameDoc(rebuilt(first), map.doc);
        expect(await store.compact(map.id)).toBeGreaterThan(0);
        const second = await store.loadDoc(map.id);
        expect(second).toMatchObject({ updates: [], snapshotSeq: writes.length });
        sameDoc(rebuilt(second), map.doc);
      }, 60_000);

      it('several at once, with appends going on: the log stays whole and loads as everything appended', async () => {
        const map = await newMap(stateOfSize(256 * 1024, [8, 5, 5]));
        const stores = subject.second ? [store, await another()] : [store];
        let n = 0;
        for (let round = 0; round < 8; round++) {
          const writes = range(1, 10).map(() => stores[n++ % stores.length]!.append(map.id, map.type()));
          const compactions = stores.flatMap((s) => [s.compact(map.id), s.compact(map.id)]);
          writes.push(...range(1, 10).map(() => stores[n++ % stores.length]!.append(map.id, map.type())));
          await Promise.all([...writes, ...compactions]);
          const stored = await stores[round % stores.length]!.loadDoc(map.id);
          expect(stored.head).toBe(n);
          expect(stored.snapshotSeq + stored.updates.length).toBe(n);
          sameDoc(rebuilt(stored), map.doc);
        }
      }, 60_000);
    });

    if (options.severalInstances) {
      describe('two instances on one database', () => {
        it('appending to one map at once: each update gets its own seq, contiguous, each instance’s in its own order', async () => {
          const other = await another();
          const map = await newMap();
          const mine: Promise<number>[] = [];
          const theirs: Promise<number>[] = [];
          for (let i = 0; i < 150; i++) {
            mine.push(store.append(map.id, map.type(), { instance: 'a', local: i }));
            theirs.push(other.append(map.id, map.type(), { instance: 'b', local: i }));
            // Spread over several commit windows of each.
            if (i % 25 === 0) await new Promise<void>((next) => setTimeout(next, 2));
          }
          const a = await Promise.all(mine);
          const b = await Promise.all(theirs);
          expect([...a, ...b].sort((x, y) => x - y)).toEqual(range(1, 300));
          expect(a).toEqual([...a].sort((x, y) => x - y));
          expect(b).toEqual([...b].sort((x, y) => x - y));
          const stored = await other.loadDoc(map.id);
          for (const u of stored.updates) expect(u.seq).toBe((u.origin!.instance === 'a' ? a : b)[u.origin!.local]);
          sameDoc(rebuilt(stored), map.doc);
        });

        it('a compaction that read the log before another one but writes after it writes nothing over the newer snapshot', async () => {
          const other = await another();
          const busy = await newMap(stateOfSize(2 * 1024 * 1024));
          const map = await newMap(stateOfSize(512 * 1024, [8, 5, 5]));
          for (let i = 0; i < 10; i++) await store.append(busy.id, busy.type());
          // This instance is busy folding a large map: the compaction asked of it next is slow.
          const slow = store.compact(busy.id);
          for (let i = 0; i < 10; i++) await store.append(map.id, map.type());
          const older = store.compact(map.id);
          // Gives its read a head start (nothing shows when it is done; a store that reads later only
          // makes this case easier).
          await new Promise<void>((next) => setTimeout(next, 50));
          for (let i = 0; i < 10; i++) await other.append(map.id, map.type());
          const newer = await other.compact(map.id);
          expect(newer).toBeGreaterThan(0);
          await Promise.all([slow, older]);
          const stored = await store.loadDoc(map.id);
          expect(stored).toMatchObject({ snapshotSeq: 20, head: 20, updates: [] });
          sameDoc(rebuilt(stored), map.doc);
        }, 60_000);

        it('what one instance appends, the other reads with readSince once it is durable', async () => {
          const other = await another();
          const map = await newMap();
          const room = rebuilt(await other.loadDoc(map.id));
          const seq = await store.append(map.id, map.type());
          expect(await other.head(map.id)).toBe(seq);
          sameDoc(rebuilt(await other.readSince(map.id, 0), room), map.doc);
        });

        it('survey answers imported by both at once are each kept once', async () => {
          const other = await another();
          const map = await newMap();
          const answers = range(1, 300).map((line) => answer(line));
          const [a, b] = await Promise.all([store.addResponses(map.id, answers), other.addResponses(map.id, answers)]);
          expect(a + b).toBe(300);
          expect(await other.responses(map.id)).toHaveLength(300);
        });
      });
    }

    describe('survey answers', () => {
      it('an answer already kept is skipped: the same import twice adds nothing the second time', async () => {
        const map = await newMap();
        const answers = [answer(2, 'Slow checkout'), answer(3), answer(4, '  '), answer(5, 'Great app')];
        expect(await store.addResponses(map.id, answers)).toBe(4);
        expect(await store.addResponses(map.id, answers)).toBe(0);
        // Half new: only those count; one that changed (its score) is another answer.
        expect(await store.addResponses(map.id, [answer(5, 'Great app'), answer(6), { ...answer(2, 'Slow checkout'), score: 1 }])).toBe(2);
        expect(await store.responses(map.id)).toEqual([...answers, answer(6), { ...answer(2, 'Slow checkout'), score: 1 }]);
        if (store.commentedResponses) {
          expect(await store.commentedResponses(map.id, '2026-04-01', '2026-07-01')).toEqual([answer(2, 'Slow checkout'), answer(5, 'Great app'), { ...answer(2, 'Slow checkout'), score: 1 }]);
          expect(await store.commentedResponses(map.id, '2026-07-01', '2026-10-01')).toEqual([]);
        }
      });
    });

    describe('workshop (smoke)', () => {
      it('one open vote per map; ballots until it closes, counted at close; none after', async () => {
        const map = await newMap();
        const vote = { id: 'v1', status: 'open' as const, votesPerPerson: 3, allowMultiple: false, laneIds: ['l1'], stageIds: [], openedAt: 1, openedBy: 'p1' };
        expect(await store.openVote(map.id, vote)).toBe(true);
        expect(await store.openVote(map.id, { ...vote, id: 'v2' })).toBe(false);
        expect(await store.putBallot(map.id, 'v1', 'p1', ['c1', 'c2'])).toBe('ok');
        expect(await store.putBallot(map.id, 'v1', 'p2', ['c2'])).toBe('ok');
        expect(await store.putBallot(map.id, 'v1', 'p1', ['c3'])).toBe('ok');
        expect(await store.ballots(map.id, 'v1')).toEqual([
          { participantId: 'p1', cards: ['c3'] },
          { participantId: 'p2', cards: ['c2'] },
        ]);
        const closed = await store.closeVote(map.id, 'v1', 9, (_, ballots) => ({ voters: ballots.length, tally: { c2: 1, c3: 1 } }));
        expect(closed).toEqual({ ...vote, status: 'closed', closedAt: 9, voters: 2, tally: { c2: 1, c3: 1 } });
        expect(await store.getVote(map.id, 'v1')).toEqual(closed);
        expect(await store.putBallot(map.id, 'v1', 'p3', ['c1'])).toBe('closed');
        expect(await store.putBallot(map.id, 'nope', 'p3', ['c1'])).toBe('unknown');
        expect(await store.openVote(map.id, { ...vote, id: 'v2' })).toBe(true);
      });

      it('one open round per map; private cards kept until it is revealed, in the order written', async () => {
        const map = await newMap();
        const round = { id: 'r1', status: 'open' as const, openedAt: 1, endsAt: 100 };
        expect(await store.openRound(map.id, round)).toBe(true);
        expect(await store.openRound(map.id, { ...round, id: 'r2' })).toBe(false);
        const card = (id: string, author: string, text: string) => ({ id, roundId: 'r1', author, stageId: 's1', laneId: 'l1', text });
        expect(await store.putPrivateCard(map.id, card('c1', 'ana', 'one'), 2)).toBe('open');
        expect(await store.putPrivateCard(map.id, card('c2', 'dan', 'two'), 2)).toBe('open');
        expect(await store.putPrivateCard(map.id, card('c1', 'dan', 'mine?'), 2)).toBe('notYours');
        expect(await store.putPrivateCard(map.id, card('c1', 'ana', 'one, edited'), 2)).toBe('open');
        expect(await store.putPrivateCard(map.id, card('c3', 'ana', 'three'), 2)).toBe('open');
        expect(await store.putPrivateCard(map.id, card('c4', 'ana', 'four'), 2)).toBe('tooMany');
        expect(await store.deletePrivateCard(map.id, 'r1', 'c3', 'ana')).toBe('ok');
        const revealed = await store.revealRound(map.id, 'r1', 50);
        expect(revealed).toEqual({ round: { ...round, status: 'revealed', revealedAt: 50, cards: 2, writers: 2 }, cards: [card('c1', 'ana', 'one, edited'), card('c2', 'dan', 'two')] });
        expect(await store.getRound(map.id, 'r1')).toEqual({ ...round, status: 'revealed', revealedAt: 50, cards: 2, writers: 2 });
        expect(await store.deletePrivateCard(map.id, 'r1', 'c2', 'dan')).toBe('revealed');
        expect(await store.revealRound(map.id, 'r1', 60)).toBe('revealed');
        expect(await store.putPrivateCard(map.id, card('c5', 'dan', 'late'), 2)).toBe('revealed');
      });
    });

    describe('comments (smoke)', () => {
      it('a thread with comments: each change bumps the revision; a retried post changes nothing; only the author edits', async () => {
        const map = await newMap();
        const quotas = { threads: 10, perThread: 2, perMap: 10 };
        const post = (id: string, threadId: string, begin: boolean, authorId = 'ana') =>
          store.postComment(
            map.id,
            { threadId, thread: begin ? { target: { type: 'card', id: 'card1' }, stageId: 's1' } : null, comment: { id, authorId, authorName: 'Ana', text: `text ${id}`, mentions: [] }, at: 5 },
            quotas,
          );
        const first = await post('m1', 't1', true);
        expect(first).toMatchObject({ changed: true, rev: 1, thread: { id: 't1', createdBy: 'ana', comments: [{ id: 'm1', text: 'text m1' }] } });
        expect(await post('m1', 't1', true)).toMatchObject({ changed: false, rev: 1 });
        expect(await post('m2', 't1', false, 'dan')).toMatchObject({ changed: true, rev: 2 });
        expect(await post('m3', 't1', false)).toBe('tooManyInThread');
        expect(await post('m4', 'none', false)).toBe('noThread');
        expect(await store.editComment(map.id, 'm2', 'ana', { text: 'x', authorName: 'Ana', mentions: [] }, 6)).toBe('notYours');
        expect(await store.editComment(map.id, 'm1', 'ana', { text: 'edited', authorName: 'Ana', mentions: ['dan'] }, 6)).toMatchObject({ changed: true, rev: 3 });
        expect(await store.deleteComment(map.id, 'm2', 'dan', 7)).toMatchObject({ changed: true, rev: 4 });
        expect(await store.resolveThread(map.id, 't1', { at: 8, by: 'Ana' })).toMatchObject({ changed: true, rev: 5, thread: { resolvedAt: 8, resolvedBy: 'Ana' } });
        expect(await store.setViewersComment(map.id, true)).toBe(6);
        expect((await store.getMap(map.id))?.viewersComment).toBe(true);
        const { rev, threads } = await store.commentThreads(map.id);
        expect(rev).toBe(6);
        expect(threads[0]!.comments).toEqual([
          { id: 'm1', authorId: 'ana', authorName: 'Ana', text: 'edited', createdAt: 5, editedAt: 6, deleted: false, mentions: ['dan'] },
          { id: 'm2', authorId: 'dan', authorName: 'Ana', text: '', createdAt: 5, editedAt: null, deleted: true, mentions: [] },
        ]);
        expect(await store.commentThreads(map.id, 5)).toEqual({ rev: 6, threads: [] });
        expect(await store.commentThreads(map.id, 4)).toEqual({ rev: 6, threads });

        // A map file's threads, imported as they are.
        const copy = await newMap();
        await store.importThreads(copy.id, threads as StoredThread[]);
        expect((await store.commentThreads(copy.id)).threads).toEqual(threads);
      });
    });

    describe('versions (smoke)', () => {
      const version = (id: string, createdAt: number, state: Uint8Array, name: string | null = null): NewVersion => ({
        id,
        createdAt,
        name,
        kind: name ? 'named' : 'auto',
        reason: name ? 'named' : 'quiet',
        editors: ['Ana'],
        cards: 3,
        state,
      });

      it('kept apart from the log (compaction leaves them), thinned by age, named, copied with the map’s source, checked when read', async () => {
        const map = await newMap();
        const state = Y.encodeStateAsUpdate(map.doc);
        const now = Date.now();
        // Three automatic versions in one hour two days ago: the newest of the hour stays.
        const hour = Math.floor((now - 2 * DAY_MS) / HOUR_MS) * HOUR_MS;
        for (const [id, minute] of [['h-10', 10], ['h-20', 20], ['h-40', 40]] as const) await store.addVersion(map.id, version(id, hour + minute * 60_000, state), { thin: false });
        await store.addVersion(map.id, version('old', now - 200 * DAY_MS, state, 'Launch'));
        expect(await store.addVersion(map.id, version('now', now, state)).then((ids) => ids.sort())).toEqual(['h-10', 'h-20']);
        expect((await store.versions(map.id)).map((v) => v.id)).toEqual(['now', 'h-40', 'old']);
        expect(await store.countVersions(map.id)).toBe(3);

        await store.append(map.id, map.type());
        await store.compact(map.id);
        const kept = await store.getVersion(map.id, 'now');
        expect({ ...kept, state: new Uint8Array(kept!.state) }).toEqual({ ...version('now', now, state), bytes: state.byteLength });
        expect(await store.nameVersion(map.id, 'h-40', 'Workshop')).toMatchObject({ id: 'h-40', name: 'Workshop', kind: 'named' });
        expect(await store.nameVersion(map.id, 'missing', 'x')).toBeUndefined();

        const copy = await newMap();
        expect(await store.copyVersions(map.id, copy.id)).toBe(3);
        await store.setSource(copy.id, map.id);
        expect(await store.sourceOf(copy.id)).toBe(map.id);
        expect(await store.sourceOf(map.id)).toBeNull();
        expect(await store.versions(copy.id)).toEqual(await store.versions(map.id));
        expect(await store.deleteVersion(copy.id, 'old')).toBe(true);
        expect(await store.deleteVersion(copy.id, 'old')).toBe(false);

        await subject.tamper(map.id, { version: 'now' }, (s) => s.map((b, i) => (i === 0 ? b ^ 1 : b)), 'kept');
        await expect(store.getVersion(map.id, 'now')).rejects.toThrow(/version now of \d+ bytes fails its checksum/);
        expect(new Uint8Array((await store.getVersion(copy.id, 'now'))!.state)).toEqual(state);
      });
    });
  });
}
