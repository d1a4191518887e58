// Benchmark: several instances (issue 16, scale-out mode). A local cluster (server/cluster/cluster.ts:
// a private PostgreSQL and Redis, three instances each in its own process) and, for reference, the
// embedded server (SQLite, one process, LocalBus) in a process of its own; the clients are stock
// y-websocket clients in this process, so a typist's stamp and an observer's arrival are read on
// one clock.
//  1. Update latency across instances: one typist on instance A (20 characters/s into one card),
//     observers on B and C; baseline in the same run: the same clients all on A, and the embedded
//     server. An update reaches another instance only once it is stored (the store's commit window,
//     then the commit), then over Redis; on its own instance it goes out at once.
//  2. PostgreSQL commit throughput with group commit (openPostgresStore directly): 1, 10, 100
//     writers (a map each) appending one after another, against the SQLite store.
//  3. Cost as instances are added: 30 clients over 10 maps (3 per map), each typing 5 characters/s
//     into its own card, on 1, 2, 3 instances (a map's clients dealt round robin over them, as the
//     proxy deals new connections): CPU seconds of each instance, of PostgreSQL and Redis (read from
//     /proc), and the observers' latency.
// Prints tables and writes bench/results/scaleout.json.
// `node --expose-gc --import tsx bench/scaleout.ts [--quick]`
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { startCluster, type Cluster } from '../server/cluster/cluster';
import type { DocStore } from '../server/store/DocStore';
import { openPostgresStore } from '../server/store/postgres/store';
import { openSqliteStore } from '../server/store/sqlite';
import { providerClient, whenSynced, type ProviderClient } from './lib/clients';
import { mapState } from './lib/maps';
import { findProcess, treeCpuSeconds } from './lib/procCpu';
import { ms, num, printTable, quick, ratio, writeResults } from './lib/report';
import { createMapIn, tempDir } from './lib/servers';
import { spawnServer } from './lib/serverProcess';
import { delay, percentile, summarize, type Summary } from './lib/stats';
import { cardAt, typeAtPace, typist, watch } from './lib/typists';

const LATENCY = { perSecond: 20, changes: quick ? 30 : 300, warmup: quick ? 5 : 20, rounds: quick ? 1 : 2 };
const STORE = { writers: [1, 10, 100], seconds: quick ? 0.3 : 3 };
const LOAD = { instances: quick ? [1, 3] : [1, 2, 3], maps: 10, perMap: 3, perSecond: 5, warmupSeconds: quick ? 0.6 : 3, seconds: quick ? 1.4 : 20 };
const results: Record<string, unknown> = { loadAverageAtStart: loadavg(), latency: LATENCY, store: STORE, load: LOAD };
const wsBase = (httpUrl: string) => `${httpUrl.replace(/^http/, 'ws')}/sync`;

interface Percentiles extends Summary {
  p95: number;
}
const describe = (values: number[]): Percentiles => ({ ...summarize(values), p95: percentile(values, 95) });

/** Polls until `done()` or the deadline (an update lost would otherwise hang the run). */
async function until(done: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await delay(10);
  }
}

const syncAll = async (clients: ProviderClient[]) => {
  await Promise.all(clients.map((c) => whenSynced(c.provider)));
  await delay(300); // the presence announcements settle
};

// ---- 1. One typist, observers elsewhere ----------------------------------------------------------

type Placement = 'across instances' | 'one instance' | 'embedded SQLite';

/** The typist on `typistBase`, one observer on each of `observerBases`: each observer's delays. */
async function typeAndObserve(typistBase: string, observerBases: string[], room: string, protocols: string[]): Promise<number[][]> {
  const writer = providerClient(typistBase, room, protocols, 'typist');
  const observers = observerBases.map((base, i) => providerClient(base, room, protocols, `observer ${i}`));
  await syncAll([writer, ...observers]);
  const who = typist(writer, cardAt(writer, 0));
  const delays: number[][] = observers.map(() => []);
  const watches = observers.map((o, i) => watch(o, who, (t, k) => k >= LATENCY.warmup && delays[i]!.push(t)));
  const total = LATENCY.warmup + LATENCY.changes;
  await typeAtPace(who, total, 1000 / LATENCY.perSecond);
  await until(() => watches.every((w) => w.count() === total), `${observers.length} observers to see ${total} characters`);
  for (const w of watches) w.stop();
  for (const c of [writer, ...observers]) c.destroy();
  await delay(200);
  return delays;
}

async function latencyRounds(cluster: Cluster, admin: DocStore): Promise<Record<Placement, number[]>> {
  const embedded = await spawnServer('ours');
  const [a, b, c] = cluster.instances.map((i) => wsBase(i.url));
  const pooled: Record<Placement, number[]> = { 'across instances': [], 'one instance': [], 'embedded SQLite': [] };
  const state = mapState(8, 6, 2); // 96 cards, a typical map
  const clusterMap = async () => {
    const map = await createMapIn(admin, state);
    return { room: map.id, protocols: [`key.${map.editKey}`] };
  };
  try {
    for (let round = 0; round < LATENCY.rounds; round++) {
      const order: Placement[] = ['across instances', 'one instance', 'embedded SQLite'];
      // Alternate the order, so that no placement always runs on the warmest processes.
      for (const placement of round % 2 ? order.reverse() : order) {
        globalThis.gc?.();
        const { room, protocols } = placement === 'embedded SQLite' ? await embedded.openRoom(state) : await clusterMap();
        const bases = placement === 'across instances' ? [a!, b!, c!] : placement === 'one instance' ? [a!, a!, a!] : [embedded.wsBase, embedded.wsBase, embedded.wsBase];
        const delays = await typeAndObserve(bases[0]!, bases.slice(1), room, protocols);
        pooled[placement].push(...delays.flat());
      }
    }
  } finally {
    await embedded.close();
  }
  return pooled;
}

// ---- 2. The stores' commits -----------------------------------------------------------------------

/** Small real updates: one character typed into a card's text each. */
function typingUpdates(count: number): Uint8Array[] {
  const doc = new Y.Doc();
  const text = doc.getMap('cards').set('card', new Y.Map()).set('text', new Y.Text('a customer calls the store'));
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < count; i++) text.insert(text.length, String.fromCharCode(97 + (i % 26)));
  doc.destroy();
  return updates;
}

interface StoreRow {
  appends: number;
  perSecond: number;
  appendMs: Summary;
  /** Appends acknowledged together (one commit), per commit. */
  batch: Summary;
}

/** `writers` maps, each with a writer appending one update after another (the next once the last is
 * acknowledged) for STORE.seconds. */
async function appendRun(store: DocStore, writers: number): Promise<StoreRow> {
  const maps = await Promise.all(Array.from({ length: writers }, () => createMapIn(store, new Uint8Array([0, 0]))));
  const updates = typingUpdates(200);
  const latencies: number[] = [];
  // Acks of one commit resolve together, before the event loop turns: count them until it does.
  const batches: number[] = [];
  let batch = 0;
  const acked = () => {
    if (batch++ === 0)
      setImmediate(() => {
        batches.push(batch);
        batch = 0;
      });
  };
  const start = performance.now();
  const end = start + STORE.seconds * 1000;
  let last = start;
  await Promise.all(
    maps.map(async (map, w) => {
      for (let i = w; performance.now() < end; i++) {
        const t0 = performance.now();
        await store.append(map.id, updates[i % updates.length]!);
        last = performance.now();
        latencies.push(last - t0);
        acked();
      }
    }),
  );
  await delay(0);
  return { appends: latencies.length, perSecond: latencies.length / ((last - start) / 1000), appendMs: summarize(latencies), batch: summarize(batches) };
}

async function storeRuns(cluster: Cluster): Promise<{ writers: number; postgres: StoreRow; sqlite: StoreRow }[]> {
  const postgres = await openPostgresStore(await cluster.postgres!.createDatabase('bench_commits'));
  const dir = tempDir();
  const sqlite = openSqliteStore(join(dir, 'touchpoint.sqlite'));
  const rows = [];
  try {
    for (const writers of STORE.writers) rows.push({ writers, postgres: await appendRun(postgres, writers), sqlite: await appendRun(sqlite, writers) });
  } finally {
    await postgres.close();
    await sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

// ---- 3. The same load on 1, 2, 3 instances -------------------------------------------------------

interface LoadRow {
  instances: number;
  seconds: number;
  typed: number;
  /** CPU seconds per second of wall time (cores busy) of each instance used. */
  instanceCores: number[];
  postgresCores: number;
  redisCores: number;
  /** This process: the 30 clients (and the bench). */
  clientCores: number;
  /** Instances + PostgreSQL + Redis, CPU ms per character typed. */
  serverCpuMsPerUpdate: number;
  observerMs: Percentiles;
  /** The same, split: observer on the typist's instance, or on another. */
  sameInstanceMs: Percentiles;
  otherInstanceMs: Percentiles;
}

async function loadRun(cluster: Cluster, admin: DocStore, n: number, pids: { postgres: number | null; redis: number | null }): Promise<LoadRow> {
  const used = cluster.instances.slice(0, n);
  const state = mapState(8, 6, 2);
  const maps = await Promise.all(Array.from({ length: LOAD.maps }, () => createMapIn(admin, state)));
  const clients: ProviderClient[] = [];
  for (let i = 0; i < LOAD.maps * LOAD.perMap; i++) {
    const map = maps[Math.floor(i / LOAD.perMap)]!;
    clients.push(providerClient(wsBase(used[i % n]!.url), map.id, [`key.${map.editKey}`], `client ${i}`));
  }
  await syncAll(clients);
  const typists = clients.map((c, i) => typist(c, cardAt(c, i % LOAD.perMap)));
  const warmupChars = LOAD.warmupSeconds * LOAD.perSecond;
  const total = (LOAD.warmupSeconds + LOAD.seconds) * LOAD.perSecond;
  const delays = { same: [] as number[], other: [] as number[] };
  const watches = clients.flatMap((c, i) => {
    const first = i - (i % LOAD.perMap);
    return typists
      .slice(first, first + LOAD.perMap)
      .map((t, j) => ({ t, j: first + j }))
      .filter(({ j }) => j !== i)
      .map(({ t, j }) => watch(c, t, (d, k) => k >= warmupChars && delays[j % n === i % n ? 'same' : 'other'].push(d)));
  });

  const cpu = () => ({
    at: performance.now(),
    instances: used.map((i) => (i.pid ? treeCpuSeconds(i.pid) : NaN)),
    postgres: pids.postgres ? treeCpuSeconds(pids.postgres) : NaN,
    redis: pids.redis ? treeCpuSeconds(pids.redis) : NaN,
    clients: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
  });
  const period = 1000 / LOAD.perSecond;
  // Each typist starts at its own moment within the first period, as people do not type in step.
  const typing = Promise.all(typists.map(async (t, i) => (await delay((i * period) / typists.length), await typeAtPace(t, total, period))));
  await delay(LOAD.warmupSeconds * 1000);
  const before = cpu();
  await typing;
  const after = cpu();
  await until(() => watches.every((w) => w.count() === total), 'every observer to see every character');
  for (const w of watches) w.stop();
  for (const c of clients) c.destroy();
  await delay(500);

  const seconds = (after.at - before.at) / 1000;
  const cores = (a: number, b: number) => (b - a) / seconds;
  const instanceCores = after.instances.map((x, i) => cores(before.instances[i]!, x));
  const postgresCores = cores(before.postgres, after.postgres);
  const redisCores = cores(before.redis, after.redis);
  const typed = typists.length * LOAD.seconds * LOAD.perSecond;
  const serverCpu = (instanceCores.reduce((s, x) => s + x, 0) + (postgresCores || 0) + (redisCores || 0)) * seconds;
  return {
    instances: n,
    seconds,
    typed,
    instanceCores,
    postgresCores,
    redisCores,
    clientCores: cores(before.clients, after.clients),
    serverCpuMsPerUpdate: (serverCpu * 1000) / typed,
    observerMs: describe([...delays.same, ...delays.other]),
    sameInstanceMs: describe(delays.same),
    otherInstanceMs: describe(delays.other),
  };
}

// ---- The run ----------------------------------------------------------------------------------------

const t0 = performance.now();
const cluster = await startCluster({ instances: 3 });
const admin = await openPostgresStore(cluster.postgresUrl);
try {
  const pids = {
    postgres: cluster.postgres ? findProcess((line) => /\/postgres -D /.test(line) && line.includes(` -p ${cluster.postgres!.port} `)) : null,
    redis: cluster.redis ? findProcess((line) => line.startsWith('redis-server') && line.includes(`:${cluster.redis!.port}`)) : null,
  };

  const latency = await latencyRounds(cluster, admin);
  const baseline = describe(latency['one instance']);
  const latencyRows = (Object.entries(latency) as [Placement, number[]][]).map(([placement, values]) => ({ placement, ms: describe(values) }));
  printTable(
    `1. Typist → observer, ms (${LATENCY.perSecond} characters/s, ${LATENCY.rounds} x ${LATENCY.changes} characters x 2 observers; baseline: the same cluster's instance A alone)`,
    ['placement', 'samples', 'p50', 'p95', 'p99', 'max', 'p50 / one instance', 'p99 / one instance'],
    latencyRows.map(({ placement, ms: s }) => [placement, s.n, ms(s.p50), ms(s.p95), ms(s.p99), ms(s.max), ratio(s.p50 / baseline.p50), ratio(s.p99 / baseline.p99)]),
  );
  console.log('across instances: typist on A, observers on B and C (an update leaves A once committed to PostgreSQL, then crosses Redis)');
  results.latencyMs = latencyRows;

  const storeRows = await storeRuns(cluster);
  printTable(
    `2. Appends through the store, one after another per writer (${STORE.seconds} s each; PostgreSQL: 5 ms commit window, the test server's fsync=off; SQLite: 20 ms window, fsync on)`,
    ['writers', 'PG appends/s', 'SQLite appends/s', 'PG/SQLite', 'PG p50 ms', 'PG p99 ms', 'SQLite p50 ms', 'SQLite p99 ms', 'PG batch p50 / max', 'SQLite batch p50 / max'],
    storeRows.map(({ writers, postgres: p, sqlite: s }) => [
      writers,
      num(p.perSecond),
      num(s.perSecond),
      ratio(p.perSecond / s.perSecond),
      ms(p.appendMs.p50),
      ms(p.appendMs.p99),
      ms(s.appendMs.p50),
      ms(s.appendMs.p99),
      `${num(p.batch.p50)} / ${num(p.batch.max)}`,
      `${num(s.batch.p50)} / ${num(s.batch.max)}`,
    ]),
  );
  results.storeRows = storeRows;

  const loadRows: LoadRow[] = [];
  for (const n of LOAD.instances) {
    globalThis.gc?.();
    loadRows.push(await loadRun(cluster, admin, n, pids));
  }
  const one = loadRows[0]!;
  const cores = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '-');
  printTable(
    `3. ${LOAD.maps * LOAD.perMap} clients on ${LOAD.maps} maps typing ${LOAD.perSecond}/s each (${LOAD.seconds} s measured): CPU in cores (CPU s per s), observers' latency`,
    ['instances', 'each instance', 'all instances', 'PostgreSQL', 'Redis', 'clients', 'server CPU ms / update', 'vs 1', 'observer p50', 'p99', 'max', 'p99 vs 1', 'samples', 'same instance p50 / p99 (n)', 'other instance p50 / p99 (n)'],
    loadRows.map((r) => {
      const all = r.instanceCores.reduce((s, x) => s + x, 0);
      return [
        r.instances,
        r.instanceCores.map(cores).join(' / '),
        cores(all),
        cores(r.postgresCores),
        cores(r.redisCores),
        cores(r.clientCores),
        ms(r.serverCpuMsPerUpdate),
        ratio(r.serverCpuMsPerUpdate / one.serverCpuMsPerUpdate),
        ms(r.observerMs.p50),
        ms(r.observerMs.p99),
        ms(r.observerMs.max),
        ratio(r.observerMs.p99 / one.observerMs.p99),
        r.observerMs.n,
        `${ms(r.sameInstanceMs.p50)} / ${ms(r.sameInstanceMs.p99)} (${r.sameInstanceMs.n})`,
        `${ms(r.otherInstanceMs.p50)} / ${ms(r.otherInstanceMs.p99)} (${r.otherInstanceMs.n})`,
      ];
    }),
  );
  results.load = { ...LOAD, rows: loadRows };
} finally {
  await admin.close();
  await cluster.stop();
}
results.seconds = (performance.now() - t0) / 1000;
console.log(`\nload average (1, 5, 15 min): ${(results.loadAverageAtStart as number[]).map((x) => x.toFixed(2)).join(' ')} at the start, ${loadavg().map((x) => x.toFixed(2)).join(' ')} at the end; ran in ${(results.seconds as number).toFixed(1)} s`);
console.log(`wrote ${writeResults('scaleout', results)}`);
process.exit(0);
