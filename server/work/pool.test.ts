// The worker pool: tasks run in a worker thread, in order; their results and errors come back; a
// task that writes gets the store's write lock first and gives it back; an idle worker stops, and
// the pool starts one again when needed; close lets the tasks finish and stops the workers.
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { generateJourney } from '../../src/journey/generate';
import { toExportFile } from '../../src/journey/exchange';
import { contentOf, removeTempDirs, sqliteFile, tempDir, waitFor } from '../testing/harness';
import { openSqliteStore } from '../store/sqlite';
import { readMapRequest } from './mapRequest';
import { WorkerPool } from './pool';

afterAll(removeTempDirs);

const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

describe('the worker pool', () => {
  it('reads a map request in a worker as on the event loop, the state shared rather than copied back', async () => {
    const pool = new WorkerPool();
    try {
      const file = toExportFile(generateJourney(3, 3, 2), new Date(0));
      const inWorker = await pool.run('mapRequest', { body: json({ file }) });
      const here = readMapRequest(json({ file }));
      expect(inWorker.ok && here.ok).toBe(true);
      if (!inWorker.ok || !here.ok || !inWorker.body.file?.ok || !here.body.file?.ok) throw new Error('not read');
      expect(inWorker.body.file.state.buffer).toBeInstanceOf(SharedArrayBuffer);
      const [a, b] = [new Y.Doc(), new Y.Doc()];
      Y.applyUpdate(a, inWorker.body.file.state);
      Y.applyUpdate(b, here.body.file.state);
      expect(contentOf(a)).toEqual(contentOf(b));
      // Refusals are answers, as they are here.
      expect(await pool.run('mapRequest', { body: new TextEncoder().encode('{"file":') })).toEqual({ ok: false, status: 400, error: 'The request body is not valid JSON.', code: 'badJson', params: {} });
      expect(await pool.run('mapRequest', { body: json({ file: { type: 'something else' } }) })).toMatchObject({ ok: true, body: { file: { ok: false } } });
    } finally {
      await pool.close();
    }
  });

  it('passes a task’s error back with its name and message, and goes on with the next task', async () => {
    const pool = new WorkerPool();
    try {
      const failed = pool.run('compact', { file: '/nonexistent/touchpoint.sqlite', mapId: 'x' });
      const next = pool.run('mapRequest', { body: json({ template: 'blank' }) });
      await expect(failed).rejects.toThrow(/unable to open database file|directory does not exist/);
      expect(await next).toEqual({ ok: true, body: { template: 'blank' } });
    } finally {
      await pool.close();
    }
  });

  it('gives a writing task the write lock and takes it back before the task’s answer', async () => {
    const dir = tempDir('touchpoint-pool-');
    await openSqliteStore(sqliteFile(dir)).close(); // the tables
    const events: string[] = [];
    const pool = new WorkerPool({
      async lock() {
        events.push('lock');
        return () => events.push('release');
      },
    });
    try {
      const state = new Uint8Array([0, 0]);
      await pool.run('createMap', { file: sqliteFile(dir), record: { id: 'm', editKeyHash: 'e', viewKeyHash: 'v', viewKey: '', createdAt: 0 }, state });
      events.push('answer');
      expect(events).toEqual(['lock', 'release', 'answer']);
    } finally {
      await pool.close();
    }
  });

  it('stops an idle worker and starts another when there is work again; once closed, it takes no more', async () => {
    const pool = new WorkerPool({ idleMs: 50 });
    await pool.run('mapRequest', { body: json({}) });
    expect(pool.threads).toBe(1);
    await waitFor(() => pool.threads === 0, 'the idle worker to stop');
    expect(await pool.run('mapRequest', { body: json({ locale: 'ro' }) })).toEqual({ ok: true, body: { locale: 'ro' } });
    const last = pool.run('mapRequest', { body: json({ locale: 'it' }) });
    await pool.close();
    expect(await last).toEqual({ ok: true, body: { locale: 'it' } });
    expect(pool.threads).toBe(0);
    await expect(pool.run('mapRequest', { body: json({}) })).rejects.toThrow(/closed/);
  });
});
