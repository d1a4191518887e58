// Moving up from one server: a SQLite file made through the store's own API (maps edited, one
// compacted, one with answers, comments, votes, rounds and versions, and its duplicate) is copied into
// a private PostgreSQL (server/testing/postgres.ts), and what the operator and the rooms would notice
// is checked there: every key still opens its map, each document, every answer, comment, vote, round
// and version is there; a second run changes nothing; a map PostgreSQL already holds differently is
// refused, never overwritten; a damaged map fails alone; a server still writing to the file is
// noticed; the command itself, as documented, copies and says so.
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { hashKey, newKey, newMapId, roleOf } from '../../keys';
import { startPrivatePostgres, type PrivatePostgres } from '../../testing/postgres';
import type { DocStore } from '../DocStore';
import { differences, loadDocument, readMapContent } from '../mapContent';
import { openSqliteStore } from '../sqlite';
import { openSqliteSource } from '../sqliteSource';
import { conclusion, copyFromSqlite, CopyError, succeeded, type CopyReport } from './copyFromSqlite';
import { openPostgresStore } from './store';

interface MadeMap {
  id: string;
  editKey: string;
  viewKey: string;
  commentKey: string;
  /** The document as its editor has it. */
  doc: Y.Doc;
}

const QUOTAS = { threads: 100, perThread: 100, perMap: 1000 };

/** A map made and edited as a room does: its first state, then each edit appended. */
async function makeMap(store: DocStore, title: string): Promise<MadeMap> {
  const made: MadeMap = { id: newMapId(), editKey: newKey(), viewKey: newKey(), commentKey: newKey(), doc: new Y.Doc() };
  made.doc.getMap('meta').set('title', title);
  await store.createMap(
    {
      id: made.id,
      editKeyHash: hashKey(made.editKey),
      viewKeyHash: hashKey(made.viewKey),
      viewKey: made.viewKey,
      commentKeyHash: hashKey(made.commentKey),
      commentKey: made.commentKey,
      createdAt: Date.now(),
    },
    Y.encodeStateAsUpdate(made.doc),
  );
  return made;
}

async function edit(store: DocStore, map: MadeMap, change: (doc: Y.Doc) => void): Promise<void> {
  const before = Y.encodeStateVector(map.doc);
  change(map.doc);
  await store.append(map.id, Y.encodeStateAsUpdate(map.doc, before));
}

const cards = (doc: Y.Doc) => doc.getMap('cards');

let folder: string;
let server: PrivatePostgres;
let databases = 0;
const freshDatabase = () => server.createDatabase(`copy_${++databases}`);
let plain: MadeMap;
let compacted: MadeMap;
let rich: MadeMap;
let duplicate: MadeMap;

/** Every row of every table of a SQLite file, to show the copy left it as it was. (Not opened
 * read-only: such a connection leaves the write-ahead log file behind, as a running server would.) */
function dump(file: string): string {
  const db = new Database(file);
  try {
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
    return JSON.stringify(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()]));
  } finally {
    db.close();
  }
}

const sqliteFileIn = (dir: string) => join(dir, 'touchpoint.sqlite');

/** A copy of the made data folder, to damage or write to without touching the original. */
function copyOfFolder(): string {
  const dir = join(folder, `copy-${newMapId()}`);
  mkdirSync(dir);
  copyFileSync(sqliteFileIn(join(folder, 'data')), sqliteFileIn(dir));
  return dir;
}

async function run(sqliteFile: string, databaseUrl: string, say: (line: string) => void = () => {}): Promise<{ report: CopyReport; lines: string[] }> {
  const lines: string[] = [];
  const report = await copyFromSqlite({
    sqliteFile,
    databaseUrl,
    say(line) {
      lines.push(line);
      say(line);
    },
  });
  return { report, lines: [...lines, ...conclusion(report)] };
}

async function withPostgres<T>(url: string, fn: (store: DocStore) => Promise<T>): Promise<T> {
  const store = await openPostgresStore(url);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'touchpoint-copy-'));
  const started = startPrivatePostgres();
  const store = openSqliteStore(sqliteFileIn(join(folder, 'data')), 2);
  try {
    plain = await makeMap(store, 'Plain');
    await edit(store, plain, (d) => cards(d).set('a', { text: 'Sign up' }));
    await edit(store, plain, (d) => cards(d).set('b', { text: 'Pay' }));
    await edit(store, plain, (d) => cards(d).delete('a'));

    compacted = await makeMap(store, 'Compacted');
    await edit(store, compacted, (d) => cards(d).set('x', { text: 'Before compaction' }));
    expect(await store.compact(compacted.id)).not.toBeNull();
    await edit(store, compacted, (d) => cards(d).set('y', { text: 'After compaction' }));

    rich = await makeMap(store, 'Rich');
    await edit(store, rich, (d) => cards(d).set('c1', { text: 'Onboarding' }));
    await store.addResponses(rich.id, [
      { line: 2, date: '2026-01-05', touchpointId: 'c1', stageId: null, metric: 'NPS', score: 9, comment: 'Smooth', segment: 'SMB' },
      { line: 3, date: '2026-01-06', touchpointId: 'c1', stageId: null, metric: 'CSAT', score: 2, comment: '', segment: 'Enterprise' },
    ]);
    const post = (threadId: string, id: string, text: string, thread: boolean) =>
      store.postComment(
        rich.id,
        { threadId, thread: thread ? { target: { type: 'card', id: 'c1' }, stageId: null } : null, comment: { id, authorId: 'p-ann', authorName: 'Ann', text, mentions: [] }, at: Date.now() },
        QUOTAS,
      );
    await post('t1', 'k1', 'Is this step needed?', true);
    await post('t1', 'k2', 'Yes, @Bo', false);
    await store.editComment(rich.id, 'k2', 'p-ann', { text: 'Yes, ask @Bo', authorName: 'Ann', mentions: ['Bo'] }, Date.now());
    await post('t1', 'k3', 'typo', false);
    await store.deleteComment(rich.id, 'k3', 'p-ann', Date.now());
    await store.resolveThread(rich.id, 't1', { at: Date.now(), by: 'Ann' });
    await post('t2', 'k4', 'Second thread', true);
    await store.setViewersComment(rich.id, true);
    const vote = { votesPerPerson: 3, allowMultiple: false, laneIds: ['l1'], stageIds: [], openedAt: 1, openedBy: 'p-ann' };
    await store.openVote(rich.id, { ...vote, id: 'v1', status: 'open' });
    await store.putBallot(rich.id, 'v1', 'p-ann', ['c1']);
    await store.putBallot(rich.id, 'v1', 'p-bo', ['c1']);
    await store.closeVote(rich.id, 'v1', 2, (_v, ballots) => ({ voters: ballots.length, tally: { c1: ballots.length } }));
    await store.openVote(rich.id, { ...vote, id: 'v2', status: 'open' });
    await store.putBallot(rich.id, 'v2', 'p-bo', ['c1']);
    await store.openRound(rich.id, { id: 'r1', status: 'open', openedAt: 1, endsAt: 2 });
    await store.putPrivateCard(rich.id, { id: 'pc1', roundId: 'r1', author: 'p-ann', stageId: 's1', laneId: 'l1', text: 'Idea' }, 10);
    await store.revealRound(rich.id, 'r1', 3);
    await store.openRound(rich.id, { id: 'r2', status: 'open', openedAt: 4, endsAt: 5 });
    await store.putPrivateCard(rich.id, { id: 'pc2', roundId: 'r2', author: 'p-bo', stageId: 's1', laneId: 'l1', text: 'Still private' }, 10);
    await store.addVersion(rich.id, { id: 'ver1', createdAt: 1000, name: null, kind: 'auto', reason: 'quiet', editors: ['Ann'], cards: 1, state: Y.encodeStateAsUpdate(rich.doc) });
    await edit(store, rich, (d) => cards(d).set('c2', { text: 'Checkout' }));
    await store.addVersion(rich.id, { id: 'ver2', createdAt: 2000, name: null, kind: 'auto', reason: 'interval', editors: ['Ann', 'Bo'], cards: 2, state: Y.encodeStateAsUpdate(rich.doc) });
    await store.nameVersion(rich.id, 'ver2', 'Before the workshop');

    // A duplicate, as the server makes one: the same state, the versions copied, its source kept.
    duplicate = await makeMap(store, 'Rich');
    Y.applyUpdate(duplicate.doc, Y.encodeStateAsUpdate(rich.doc));
    await store.append(duplicate.id, Y.encodeStateAsUpdate(duplicate.doc));
    await store.copyVersions(rich.id, duplicate.id);
    await store.setSource(duplicate.id, rich.id);
  } finally {
    await store.close();
    server = await started;
  }
}, 30_000);

afterAll(async () => {
  await server?.stop();
  rmSync(folder, { recursive: true, force: true });
});

describe('copying a SQLite data folder into PostgreSQL', () => {
  let url: string;
  let first: { report: CopyReport; lines: string[] };
  const file = () => sqliteFileIn(join(folder, 'data'));

  beforeAll(async () => {
    url = await freshDatabase();
    const before = dump(file());
    first = await run(file(), url);
    // The source is only read.
    expect(dump(file())).toBe(before);
  }, 20_000);

  it('copies and verifies every map, one summary line each, and says so', () => {
    const all = [plain.id, compacted.id, rich.id, duplicate.id];
    expect(succeeded(first.report)).toBe(true);
    expect(first.report.copied.sort()).toEqual([...all].sort());
    expect(first.lines).toContain(`copied   ${rich.id}: 2 answers, 2 threads, 4 comments, 2 versions, 2 votes, 2 rounds; verified`);
    expect(first.lines.filter((l) => l.startsWith('copied '))).toHaveLength(4);
    // The store that made the file was closed, as a stopped server's is: no warning.
    expect(first.lines[0]).toBe(`4 maps in ${file()}`);
    expect(first.lines.at(-1)).toBe('4 maps copied and verified');
  });

  it('keeps every key: the old links open their maps in PostgreSQL, with the same role', async () => {
    await withPostgres(url, async (pg) => {
      for (const made of [plain, compacted, rich, duplicate]) {
        const record = (await pg.getMap(made.id))!;
        expect(roleOf(made.editKey, record)).toBe('edit');
        expect(roleOf(made.commentKey, record)).toBe('comment');
        expect(roleOf(made.viewKey, record)).toBe('view');
        expect(record.viewKey).toBe(made.viewKey);
        expect(record.commentKey).toBe(made.commentKey);
      }
      expect((await pg.getMap(rich.id))!.viewersComment).toBe(true);
      expect(await pg.sourceOf(duplicate.id)).toBe(rich.id);
    });
  });

  it('keeps each document as its editors have it, and rooms can go on editing it', async () => {
    await withPostgres(url, async (pg) => {
      for (const made of [plain, compacted, rich, duplicate]) {
        const doc = await loadDocument(pg, made.id);
        expect(doc.getMap('meta').toJSON()).toEqual(made.doc.getMap('meta').toJSON());
        expect(cards(doc).toJSON()).toEqual(cards(made.doc).toJSON());
        // Nothing the editor has is missing, nothing is extra: the state vectors match.
        expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(made.doc));
        doc.destroy();
      }
      const stored = await pg.loadDoc(compacted.id);
      expect({ snapshotSeq: stored.snapshotSeq, head: stored.head, updates: stored.updates.length }).toEqual({ snapshotSeq: 0, head: 0, updates: 0 });
      expect(await pg.append(compacted.id, Y.encodeStateAsUpdate(new Y.Doc()))).toBe(1);
    });
  });

  it('keeps answers, comments, votes, rounds and versions, as the SQLite store answers them', async () => {
    const sqlite = openSqliteStore(file());
    try {
      await withPostgres(url, async (pg) => {
        for (const s of [sqlite, pg]) {
          expect(await s.responses(rich.id)).toHaveLength(2);
          expect((await s.ballots(rich.id, 'v2')).map((b) => b.participantId)).toEqual(['p-bo']);
          expect((await s.privateCards(rich.id, 'r2')).map((c) => c.text)).toEqual(['Still private']);
          expect((await s.getVersion(rich.id, 'ver2'))!.name).toBe('Before the workshop');
        }
        expect(await pg.responses(rich.id)).toEqual(await sqlite.responses(rich.id));
        expect(await pg.commentThreads(rich.id)).toEqual(await sqlite.commentThreads(rich.id));
        expect(await pg.getVote(rich.id, 'v1')).toEqual(await sqlite.getVote(rich.id, 'v1'));
        expect(await pg.getRound(rich.id, 'r1')).toEqual(await sqlite.getRound(rich.id, 'r1'));
        for (const id of [rich.id, duplicate.id]) {
          expect(await pg.versions(id)).toEqual(await sqlite.versions(id));
          expect((await pg.getVersion(id, 'ver1'))!.state).toEqual((await sqlite.getVersion(id, 'ver1'))!.state);
        }
        // The answers' keys came along: importing the same answers again adds none.
        expect(await pg.addResponses(rich.id, await sqlite.responses(rich.id))).toBe(0);
        const source = openSqliteSource(file());
        try {
          for (const made of [plain, compacted, rich, duplicate]) {
            const ids = source.workshopIds(made.id);
            expect(differences((await readMapContent(sqlite, made.id, ids))!, (await readMapContent(pg, made.id, ids))!)).toEqual([]);
          }
        } finally {
          source.close();
        }
      });
    } finally {
      await sqlite.close();
    }
  });

  it('run again, skips every map and says so, changing nothing', async () => {
    const again = await run(file(), url);
    expect(succeeded(again.report)).toBe(true);
    expect(again.report.copied).toEqual([]);
    expect(again.report.skipped).toHaveLength(4);
    expect(again.lines).toContain(`skipped  ${rich.id}: already in PostgreSQL, the same`);
    expect(again.lines.at(-1)).toBe('0 maps copied and verified; 4 already in PostgreSQL, the same (skipped)');
  });
});

describe('copying: what is refused', () => {
  it('a map PostgreSQL already holds differently is refused and left as it is; the others are copied', async () => {
    const url = await freshDatabase();
    const otherKey = newKey();
    await withPostgres(url, (pg) => pg.createMap({ id: plain.id, editKeyHash: hashKey(otherKey), viewKeyHash: hashKey(newKey()), viewKey: '', createdAt: 1 }, Y.encodeStateAsUpdate(new Y.Doc())));
    const { report, lines } = await run(sqliteFileIn(join(folder, 'data')), url);
    expect(succeeded(report)).toBe(false);
    expect(report.copied).toHaveLength(3);
    expect(report.failures).toEqual([{ mapId: plain.id, reason: expect.stringMatching(/^refused: PostgreSQL already has this map with a different record, document; it was left as it is there$/) }]);
    expect(lines.at(-1)).toBe('3 maps copied and verified');
    await withPostgres(url, async (pg) => {
      expect(roleOf(otherKey, (await pg.getMap(plain.id))!)).toBe('edit');
      expect(roleOf(plain.editKey, (await pg.getMap(plain.id))!)).toBeNull();
    });
  });

  it('a map whose stored data fails its checksum is not copied, with the reason; the others are', async () => {
    const dir = copyOfFolder();
    const db = new Database(sqliteFileIn(dir));
    db.prepare('UPDATE updates SET data = zeroblob(length(data)) WHERE map_id = ? AND map_seq = 2').run(plain.id);
    db.close();
    const url = await freshDatabase();
    const { report, lines } = await run(sqliteFileIn(dir), url);
    expect(succeeded(report)).toBe(false);
    expect(report.copied.sort()).toEqual([compacted.id, rich.id, duplicate.id].sort());
    expect(report.failures).toHaveLength(1);
    expect(report.failures[0]!.mapId).toBe(plain.id);
    expect(report.failures[0]!.reason).toMatch(new RegExp(`^map ${plain.id}: the stored data is damaged \\(update 2 of \\d+ bytes fails its checksum`));
    expect(lines).toContain('1 map not copied:');
    await withPostgres(url, async (pg) => expect(await pg.getMap(plain.id)).toBeUndefined());
  });

  it('a server still writing to the file during the copy fails the run, telling to stop it', async () => {
    const dir = copyOfFolder();
    const running = new Database(sqliteFileIn(dir));
    running.prepare('SELECT count(*) FROM maps').get();
    try {
      const { report, lines } = await run(sqliteFileIn(dir), await freshDatabase(), () => {
        // What a running server does meanwhile: a comment's revision, say.
        running.prepare('UPDATE maps SET comments_rev = comments_rev + 1 WHERE id = ?').run(rich.id);
      });
      expect(lines[0]).toBe(`Warning: ${sqliteFileIn(dir)}-wal exists: a server may still be running on this file (or it did not stop cleanly). Stop it before copying.`);
      expect(report.sourceChanged).toBe(true);
      expect(succeeded(report)).toBe(false);
      expect(lines.join('\n')).toMatch(/written to during the copy: a server is still running on it\. Stop it/);
    } finally {
      running.close();
    }
  });

  it('no SQLite file, or no database to reach: a clear reason, nothing done', async () => {
    const empty = mkdtempSync(join(folder, 'empty-'));
    await expect(copyFromSqlite({ sqliteFile: sqliteFileIn(empty), databaseUrl: await freshDatabase(), say: () => {} })).rejects.toThrow(
      new CopyError(`there is no SQLite file at ${sqliteFileIn(empty)}: give the data folder the server used (DATA_DIR, ./data by default)`),
    );
    const closedPort = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as { port: number };
        s.close(() => resolve(port));
      });
    });
    const dir = copyOfFolder();
    const before = dump(sqliteFileIn(dir));
    await expect(copyFromSqlite({ sqliteFile: sqliteFileIn(dir), databaseUrl: `postgres://nobody@127.0.0.1:${closedPort}/touchpoint`, say: () => {}, connectMs: 1000 })).rejects.toThrow(
      /^PostgreSQL cannot be reached or prepared: .*ECONNREFUSED/,
    );
    expect(dump(sqliteFileIn(dir))).toBe(before);
  });
});

describe('npm run copy-to-postgres', () => {
  const script = (args: string[], env: NodeJS.ProcessEnv) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, ['--import', 'tsx', 'scripts/copy-to-postgres.ts', ...args], { env: { ...process.env, ...env } }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
      );
    });

  it('copies a data folder given on the command line, telling to stop the server, and exits 0', async () => {
    const result = await script([copyOfFolder()], { DATABASE_URL: await freshDatabase() });
    expect(result.stdout).toMatch(/The server must be stopped while copying/);
    expect(result.stdout.trim().split('\n').at(-1)).toBe('4 maps copied and verified');
    expect(result.code).toBe(0);
  }, 20_000);

  it('without DATABASE_URL, says what to set and exits 1', async () => {
    const result = await script([copyOfFolder()], { DATABASE_URL: '' });
    expect(result.stderr).toMatch(/^DATABASE_URL is not set/);
    expect(result.code).toBe(1);
  }, 20_000);
});
