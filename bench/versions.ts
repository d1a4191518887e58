// Benchmark: versions of a map (issue 13). Each figure beside a baseline measured in the same run:
//  1. making a version of a 1,000-card map (the room's RoomVersions.take, as its timer or the API
//     calls it: encode the document in memory, checksum, write, thin, sync), on two maps of 1,000
//     cards: 0.2 MiB (short texts; written on the event loop) and 1 MiB (long texts; written by the
//     store's worker). Against the baseline of encoding the state once (Y.encodeStateAsUpdate): the
//     longest the event loop was held while a version was made, the main thread's CPU time, the
//     whole process's CPU time (worker and disk sync included), and the time until it is durable;
//  2. listing 500 versions of a 1,000-card map, from the store and through the HTTP API, against
//     reading the map's snapshot once (what opening the map reads);
//  3. storage: the bytes of a 1,000-card map's version against its snapshot, and what each of the
//     500 versions added to the database file.
// Calls the store and Room here (1), and a server in this process (2).
// Prints tables and writes bench/results/versions.json.
// `node --expose-gc --import tsx bench/versions.ts [--quick]`
import Database from 'better-sqlite3';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as Y from 'yjs';
import { LocalBus } from '../server/bus/bus';
import { DEFAULT_LIMITS } from '../server/limits';
import { Room } from '../server/rooms/room';
import { newVersionId } from '../server/rooms/versions';
import type { DocStore } from '../server/store/DocStore';
import { openSqliteStore } from '../server/store/sqlite';
import { WORKER_VERSION_BYTES } from '../server/store/sqliteVersions';
import { mapOfSize, mapState } from './lib/maps';
import { mib, ms, num, printTable, quick, ratio, writeResults } from './lib/report';
import { createMapIn, startOurs, tempDir } from './lib/servers';
import { delay, summarize, type Summary } from './lib/stats';

const results: Record<string, unknown> = {};
const samples = quick ? 10 : 300;
const listRuns = quick ? 20 : 300;
const LISTED = 500;

/** The CPU time (ms) this process's main thread has used, from /proc (Linux; NaN elsewhere). */
function mainThreadCpuMs(): number {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return NaN;
  }
}

const processCpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

// ---- 1. making a version -----------------------------------------------------------------------------

interface MakeRow {
  map: string;
  cards: number;
  stateBytes: number;
  writtenBy: string;
  encode: Summary;
  held: Summary;
  mainCpu: Summary;
  processCpu: Summary;
  durable: Summary;
}

async function makeVersions(store: DocStore, label: string, state: Uint8Array): Promise<MakeRow> {
  const map = await createMapIn(store, state);
  const room = await Room.load(map.id, store, DEFAULT_LIMITS, new LocalBus());
  // The event loop's longest delay, by a timer every millisecond: how long it was held.
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const encode: number[] = [];
  const held: number[] = [];
  const mainCpu: number[] = [];
  const processCpu: number[] = [];
  const durable: number[] = [];
  let bytes = 0;
  try {
    // Warm: the first of each runs the code's first time (and starts the worker).
    for (let i = 0; i < 3; i++) await room.versions.take('auto', 'quiet');
    for (let i = 0; i < samples; i++) {
      const e0 = performance.now();
      bytes = Y.encodeStateAsUpdate(room.doc).byteLength;
      encode.push(performance.now() - e0);
      await delay(5);
      loop.reset();
      const cpu0 = mainThreadCpuMs();
      const all0 = processCpuMs();
      const t0 = performance.now();
      const taking = room.versions.take('auto', 'quiet');
      const sync = performance.now() - t0;
      await taking;
      durable.push(performance.now() - t0);
      mainCpu.push(mainThreadCpuMs() - cpu0);
      processCpu.push(processCpuMs() - all0);
      // The call's own part is one stretch; the timer's delay sees the rest (to about a millisecond).
      held.push(Math.max(sync, loop.max / 1e6));
    }
  } finally {
    loop.disable();
    room.destroy();
  }
  return {
    map: label,
    cards: room.doc.getMap('cards').size,
    stateBytes: bytes,
    writtenBy: bytes > WORKER_VERSION_BYTES ? "the store's worker" : 'the event loop',
    encode: summarize(encode),
    held: summarize(held),
    mainCpu: summarize(mainCpu),
    processCpu: summarize(processCpu),
    durable: summarize(durable),
  };
}

// ---- 2 and 3. listing, storage --------------------------------------------------------------------------

/** Bytes of the database file with its write-ahead log folded in. */
function fileBytes(file: string): number {
  const db = new Database(file);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    return (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
  } finally {
    db.close();
  }
}

const server = await startOurs({ versionQuietMs: 0, versionEveryMs: 0 });
const dbFile = join(server.dataDir, 'touchpoint.sqlite');
try {
  // 1.
  const small = mapState(20, 10, 5);
  const large = mapOfSize(1024 * 1024);
  const makeStore = openSqliteStore(join(tempDir('touchpoint-bench-versions-'), 'touchpoint.sqlite'));
  const made: MakeRow[] = [];
  try {
    made.push(await makeVersions(makeStore, '1,000 cards, short texts', small));
    made.push(await makeVersions(makeStore, '1,000 cards, long texts', large));
  } finally {
    await makeStore.close();
  }
  results.make = made;
  printTable(
    `Making a version (p50 / p99 / max of ${samples}, ms) against encoding the state once (the baseline)`,
    ['map', 'state', 'written by', 'encode (baseline)', 'event loop held', 'held / encode p50', 'main thread CPU', 'process CPU', 'until durable'],
    made.map((r) => {
      const three = (s: Summary) => `${ms(s.p50)} / ${ms(s.p99)} / ${ms(s.max)}`;
      return [r.map, mib(r.stateBytes), r.writtenBy, three(r.encode), three(r.held), ratio(r.held.p50 / r.encode.p50), three(r.mainCpu), three(r.processCpu), three(r.durable)];
    }),
  );

  // 2.
  const map = await server.createMap(small);
  const before = fileBytes(dbFile);
  const snapshot = (await server.store.loadDoc(map.id)).snapshot!.byteLength;
  // Written 25 at a time (their syncs shared), as a busy map's room would over weeks.
  const t0 = Date.now() - LISTED * 60_000;
  for (let i = 0; i < LISTED; i += 25) {
    await Promise.all(
      Array.from({ length: 25 }, (_, k) =>
        server.store.addVersion(
          map.id,
          { id: newVersionId(), createdAt: t0 + (i + k) * 60_000, name: (i + k) % 10 ? null : `Named ${i + k}`, kind: (i + k) % 10 ? 'auto' : 'named', reason: (i + k) % 10 ? 'quiet' : 'named', editors: ['Ana', 'Bogdan'], cards: 1000, state: small },
          { thin: false },
        ),
      ),
    );
  }
  const after = fileBytes(dbFile);
  const readSnapshot: number[] = [];
  const fromStore: number[] = [];
  const overHttp: number[] = [];
  let answerBytes = 0;
  const url = `http://127.0.0.1:${server.port}/api/maps/${map.id}/versions`;
  for (let i = 0; i < listRuns; i++) {
    let s = performance.now();
    await server.store.loadDoc(map.id);
    readSnapshot.push(performance.now() - s);
    s = performance.now();
    const listed = await server.store.versions(map.id);
    fromStore.push(performance.now() - s);
    if (listed.length !== LISTED) throw new Error(`listed ${listed.length} versions, not ${LISTED}`);
    s = performance.now();
    const res = await fetch(url, { headers: { authorization: `Bearer ${map.editKey}` } });
    answerBytes = (await res.arrayBuffer()).byteLength;
    overHttp.push(performance.now() - s);
  }
  const list = { readSnapshot: summarize(readSnapshot), fromStore: summarize(fromStore), overHttp: summarize(overHttp), answerBytes };
  results.list = list;
  printTable(
    `Listing ${LISTED} versions of a 1,000-card map (${listRuns} runs, ms) against reading its snapshot once (the baseline)`,
    ['what', 'p50', 'p99', 'max', 'p50 vs baseline'],
    [
      ['read the snapshot (baseline)', ms(list.readSnapshot.p50), ms(list.readSnapshot.p99), ms(list.readSnapshot.max), ''],
      ['store.versions()', ms(list.fromStore.p50), ms(list.fromStore.p99), ms(list.fromStore.max), ratio(list.fromStore.p50 / list.readSnapshot.p50)],
      [`GET …/versions (${num(answerBytes)} bytes of JSON)`, ms(list.overHttp.p50), ms(list.overHttp.p99), ms(list.overHttp.max), ratio(list.overHttp.p50 / list.readSnapshot.p50)],
    ],
  );

  // 3.
  const storage = { snapshotBytes: snapshot, versionBytes: small.byteLength, largeVersionBytes: made[1]!.stateBytes, fileBytesPerVersion: (after - before) / LISTED };
  results.storage = storage;
  printTable(
    'Storage per version of a 1,000-card map (bytes)',
    ['what', 'bytes', 'vs its snapshot'],
    [
      ['its snapshot (the baseline)', num(storage.snapshotBytes), ''],
      ['a version (its state)', num(storage.versionBytes), ratio(storage.versionBytes / storage.snapshotBytes)],
      [`the database file grew, per version (${LISTED} versions)`, num(storage.fileBytesPerVersion), ratio(storage.fileBytesPerVersion / storage.snapshotBytes)],
      ['a version of the long-text map', num(storage.largeVersionBytes), ''],
    ],
  );
} finally {
  await server.shutdown();
  rmSync(server.dataDir, { recursive: true, force: true });
}

console.log(`wrote ${writeResults('versions', results)}`);
process.exit(0);
