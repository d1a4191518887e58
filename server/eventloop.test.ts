// The event loop keeps turning while a 10 MiB map is compacted and while a 10 MiB map file is
// imported: both run in worker threads (server/work), and the store never waits for the worker's
// writes on the event loop. Measured in the server's own process (the test's client here does next
// to nothing meanwhile: a raw socket; the upload comes from a process of its own) by a timer that
// should fire every 2 ms (lagProbe). Before this, the event loop was held ~100-330 ms by a
// compaction (the document encoded and written on it) and ~470 ms by an import (parsed and built).
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { hashKey, newKey, newMapId } from './keys';
import type { DocStore } from './store/DocStore';
import { mapFileBodyOfSize, stateOfSize } from './testing/bigMaps';
import { rawSocket, removeTempDirs, sqliteFile, tempDir, testResources, updateMessage, waitFor, type RawSocket } from './testing/harness';

/** The longest stall allowed (a generous bound: this machine has two cores, shared with the workers). */
const MAX_LAG_MS = 100;
const MAP_BYTES = 10 * 1024 * 1024;

const { serve, cleanUp } = testResources();
const sockets: RawSocket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.ws.terminate();
  await cleanUp();
});
afterAll(removeTempDirs);

/** CPU time the main thread has used, in ms (Linux: from /proc; elsewhere undefined). */
function mainThreadCpuMs(): number | undefined {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return undefined;
  }
}

/**
 * A timer that should fire every `intervalMs`. Between two of its ticks, the event loop was held for
 * as long as the main thread ran meanwhile (its CPU time, read from /proc on Linux): the longest such
 * stretch is `maxHeld`. `maxLate` is the longest a tick came late, by the clock; on a machine whose
 * cores are busy with other processes that also counts the time the thread waited for a core, which
 * is not this server's doing (the assertions use `maxHeld`; without /proc, it is `maxLate`).
 */
function lagProbe(intervalMs = 2) {
  const late: number[] = [];
  const held: number[] = [];
  let last = performance.now();
  let lastCpu = mainThreadCpuMs();
  const timer = setInterval(() => {
    const now = performance.now();
    const cpu = mainThreadCpuMs();
    late.push(now - last - intervalMs);
    held.push(cpu !== undefined && lastCpu !== undefined ? cpu - lastCpu : now - last - intervalMs);
    last = now;
    lastCpu = cpu;
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.99)] ?? 0;
      return { ticks: late.length, maxHeld: Math.max(0, ...held), maxLate: Math.max(0, ...late), p99Late: p99(late) };
    },
  };
}

/** What a probe found, for the test's output. */
const describeLag = (lag: ReturnType<ReturnType<typeof lagProbe>['stop']>) =>
  `event loop held at most ${lag.maxHeld.toFixed(1)} ms (ticks late by the clock: max ${lag.maxLate.toFixed(1)} ms, p99 ${lag.p99Late.toFixed(1)} ms; ${lag.ticks} ticks)`;

/** POSTs a file's bytes as JSON from a node process of its own (its work is not on this event loop). */
function postFromAnotherProcess(url: string, file: string): Promise<{ status: number; body: unknown }> {
  const script = `
    const body = (await import('node:fs')).readFileSync(process.argv[1]);
    const res = await fetch(process.argv[2], { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    console.log(JSON.stringify({ status: res.status, body: await res.json() }));`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script, file, url], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((done, fail) => child.once('exit', (code) => (code === 0 ? done(JSON.parse(out)) : fail(new Error(`the upload failed (${code})`)))));
}

/** Reads the SQLite file directly (a separate connection: a few microseconds per query). */
function peek(dataDir: string, mapId: string) {
  const db = new Database(sqliteFile(dataDir), { readonly: true });
  const updates = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM updates WHERE map_id = ?');
  const snapshot = db.prepare<[string], { gen: number; bytes: number }>('SELECT gen, length(data) AS bytes FROM snapshots WHERE map_id = ?');
  return {
    updates: () => updates.get(mapId)!.n,
    snapshot: () => snapshot.get(mapId),
    close: () => db.close(),
  };
}

describe('the event loop', () => {
  it(`is never held more than ${MAX_LAG_MS} ms while a 10 MiB map is compacted`, async () => {
    let store!: DocStore;
    const server = await serve({ limits: { compactAfterUpdates: 100 }, wrapStore: (s) => (store = s) });
    const id = newMapId();
    const editKey = newKey();
    const state = stateOfSize(MAP_BYTES);
    await store.createMap({ id, editKeyHash: hashKey(editKey), viewKeyHash: hashKey(newKey()), viewKey: '', createdAt: Date.now() }, state);

    // The room is loaded (that takes a while, on the event loop, before the measurement).
    const socket = await rawSocket(server.ws, id, [`key.${editKey}`]);
    sockets.push(socket);
    await socket.roundTrip();
    // 99 small updates, stored; the 100th sets off the compaction.
    const writer = new Y.Doc();
    const updates: Uint8Array[] = [];
    writer.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 100; i++) writer.getMap('probe').set(`key ${i}`, i);
    const file = peek(server.dataDir, id);
    try {
      for (const u of updates.slice(0, 99)) socket.send(updateMessage(u));
      await waitFor(() => file.updates() === 99, 'the first 99 updates to be stored');
      expect(file.snapshot()!.gen).toBe(0);

      const probe = lagProbe();
      socket.send(updateMessage(updates[99]!));
      await waitFor(() => file.snapshot()!.gen === 1, 'the compaction', 30_000);
      await new Promise((done) => setTimeout(done, 100));
      const lag = probe.stop();
      console.log(`compaction of a ${(state.byteLength / 2 ** 20).toFixed(1)} MiB map: ${describeLag(lag)}`);
      expect(file.updates()).toBe(0);
      expect(file.snapshot()!.bytes).toBeGreaterThanOrEqual(state.byteLength);
      expect(lag.maxHeld).toBeLessThan(MAX_LAG_MS);
    } finally {
      file.close();
    }
  }, 60_000);

  it(`is never held more than ${MAX_LAG_MS} ms while a 10 MiB map file is imported`, async () => {
    const server = await serve();
    const body = mapFileBodyOfSize(MAP_BYTES);
    const bodyFile = join(tempDir('touchpoint-import-'), 'body.json');
    writeFileSync(bodyFile, body);

    const probe = lagProbe();
    const res = await postFromAnotherProcess(`${server.http}/api/maps`, bodyFile);
    const lag = probe.stop();
    console.log(`import of a ${(body.byteLength / 2 ** 20).toFixed(1)} MiB map file: ${describeLag(lag)}`);
    expect(res.status).toBe(201);
    const { id } = res.body as { id: string };
    const file = peek(server.dataDir, id);
    expect(file.snapshot()!.bytes).toBeGreaterThan(MAP_BYTES * 0.9);
    file.close();
    expect(lag.maxHeld).toBeLessThan(MAX_LAG_MS);
  }, 60_000);
});
