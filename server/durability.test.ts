// Nothing is lost: the real server process killed with SIGKILL or stopped with SIGTERM while five
// clients keep typing, compaction of the update log, and rooms unloaded when idle. What is on disk is
// read straight from the SQLite file, the way the server itself loads a map.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, setCardText } from '../src/doc/commands';
import {
  api,
  cardTexts,
  contentOf,
  createMap,
  firstCell,
  holdsFor,
  openClient,
  readStored,
  readyz,
  removeTempDirs,
  stateVectorOf,
  synced,
  tempDir,
  testResources,
  waitFor,
  within,
} from './testing/harness';

const { track, serve, spawn, cleanUp } = testResources();

afterEach(cleanUp);
afterAll(removeTempDirs);

/** Whether every update in `sub` (by client clock) is also in `sup`. */
function covers(sup: Record<string, number>, sub: Record<string, number>): boolean {
  return Object.entries(sub).every(([client, clock]) => (sup[client] ?? 0) >= clock);
}

/**
 * Five clients typing steadily, each into a card of its own, and now and then adding a card. They
 * keep writing whether or not the server is there (offline edits), until `stop`.
 */
async function startWriters(ws: string, id: string, key: string) {
  const writers = await Promise.all(Array.from({ length: 5 }, () => openClient(ws, id, key, { maxBackoffTime: 300 }).then(track)));
  const { stageId, laneId } = firstCell(writers[0]!.doc);
  const own = writers.map((w, i) => addCard(w.doc, stageId, laneId, { text: `writer ${i}: ` })!);
  const typed = writers.map(() => 0);
  const added: string[][] = writers.map(() => []);
  const timers = writers.map((w, i) =>
    setInterval(() => {
      const text = cardTexts(w.doc).get(own[i]!) ?? '';
      setCardText(w.doc, own[i]!, text + String.fromCharCode(97 + (typed[i]! % 26)));
      typed[i]!++;
      if (typed[i]! % 25 === 0) added[i]!.push(addCard(w.doc, stageId, laneId, { text: `added by ${i} after ${typed[i]}` })!);
    }, 4),
  );
  return {
    writers,
    own,
    typed,
    added,
    total: () => typed.reduce((a, b) => a + b, 0),
    stop: () => timers.forEach(clearInterval),
    /** Every writer's own work, as it has it: its card's text and the cards it added. */
    expectEverythingIn(doc: Y.Doc) {
      const texts = cardTexts(doc);
      writers.forEach((w, i) => {
        expect(texts.get(own[i]!)).toBe(cardTexts(w.doc).get(own[i]!));
        expect(texts.get(own[i]!)!.length).toBe(`writer ${i}: `.length + typed[i]!);
        for (const card of added[i]!) expect(texts.has(card)).toBe(true);
      });
    },
  };
}

describe('kill -9 of the server during steady writing', () => {
  it('keeps everything that was on disk, and once the clients are back nothing at all is lost', async () => {
    const dataDir = tempDir('touchpoint-kill-');
    const first = await spawn({ dataDir });
    const { id, editKey } = await createMap(first.http, { template: 'blank' });
    const load = await startWriters(first.ws, id, editKey);

    // Let them write for a while, then note what the file holds, and kill the server right away.
    await waitFor(() => load.total() >= 300 && cardTexts(readStored(dataDir, id).doc).size >= 8, 'steady writing', 20_000);
    const noted = readStored(dataDir, id);
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    const notedVector = stateVectorOf(noted.doc);
    const notedTexts = cardTexts(noted.doc);

    // Restart on the same data folder. (On a new port, so the clients, still dialling the old one,
    // cannot resend anything before we have looked at what the server recovered from disk alone.)
    const second = await spawn({ dataDir });
    const observer = track(await openClient(second.ws, id, editKey));
    expect(covers(stateVectorOf(observer.doc), notedVector)).toBe(true);
    for (const [card, text] of notedTexts) expect(cardTexts(observer.doc).get(card)?.startsWith(text)).toBe(true);

    // The clients come back (as to a moved server) with their own copies, and resend what was lost.
    for (const w of load.writers) w.provider.serverUrl = second.ws;
    await waitFor(() => load.writers.every((w) => w.provider.synced), 'the writers to reconnect and resync', 15_000);
    load.stop();
    await waitFor(
      () => load.writers.every((w) => JSON.stringify(stateVectorOf(w.doc)) === JSON.stringify(stateVectorOf(observer.doc))),
      'the server to hold every writer’s work',
      15_000,
    );
    load.expectEverythingIn(observer.doc);

    // And it is on disk: a graceful stop, then the file itself.
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
    load.expectEverythingIn(readStored(dataDir, id).doc);
  }, 60_000);
});

describe('SIGTERM under load', () => {
  it('exits with 0 within 10 s having saved everything it relayed, clients get 1012, and after a restart they resync with no loss', async () => {
    const dataDir = tempDir('touchpoint-term-');
    const first = await spawn({ dataDir });
    const { id, editKey } = await createMap(first.http, { template: 'currentJourney' });
    const load = await startWriters(first.ws, id, editKey);
    await waitFor(() => load.total() >= 300, 'steady writing', 20_000);

    const closes = Promise.all(
      load.writers.map(
        (w) =>
          new Promise<number>((done) => {
            const onClose = (event: CloseEvent | null) => {
              if (!event) return;
              w.provider.off('connection-close', onClose);
              done(event.code);
            };
            w.provider.on('connection-close', onClose);
          }),
      ),
    );
    const signalled = Date.now();
    first.child.kill('SIGTERM');
    const exit = await within(first.exited, 10_000, 'the server to exit after SIGTERM');
    expect(exit.code).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(10_000);
    expect(await within(closes, 5_000, 'every client to be closed')).toEqual([1012, 1012, 1012, 1012, 1012]);

    // Whatever a client received from another through the server, the server had applied: it is on disk.
    const stored = stateVectorOf(readStored(dataDir, id).doc);
    for (const w of load.writers) {
      const relayed = Object.fromEntries(Object.entries(stateVectorOf(w.doc)).filter(([client]) => Number(client) !== w.doc.clientID));
      expect(covers(stored, relayed)).toBe(true);
    }

    // 1012 means "come back": after a restart on the same address they do, by themselves.
    const second = await spawn({ dataDir, port: first.port });
    await waitFor(() => load.writers.every((w) => w.provider.synced), 'the writers to reconnect and resync', 15_000);
    load.stop();
    const observer = track(await openClient(second.ws, id, editKey));
    await waitFor(
      () => load.writers.every((w) => JSON.stringify(stateVectorOf(w.doc)) === JSON.stringify(stateVectorOf(observer.doc))),
      'the server to hold every writer’s work',
      15_000,
    );
    load.expectEverythingIn(observer.doc);
    expect(contentOf(observer.doc)).toEqual(contentOf(load.writers[0]!.doc));
  }, 60_000);
});

describe('compaction', () => {
  it('folds the update log into a snapshot once it passes the threshold, and a cold load gives the same map', async () => {
    const server = await serve({ limits: { compactAfterUpdates: 20 } });
    const { id, editKey } = await createMap(server.http, { template: 'currentJourney' });
    const writer = track(await openClient(server.ws, id, editKey));
    const { stageId, laneId } = firstCell(writer.doc);
    const snapshotBefore = readStored(server.dataDir, id).snapshotBytes;

    const logSizes: number[] = [];
    const cards: string[] = [];
    for (let i = 0; i < 75; i++) {
      cards.push(addCard(writer.doc, stageId, laneId, { text: `card ${i}` })!);
      if (i % 5 === 4) {
        await waitFor(() => cardTexts(readStored(server.dataDir, id).doc).has(cards[i]!), `card ${i} to be stored`);
        // Compaction runs in a worker thread: the log is folded shortly after it passes the threshold.
        await waitFor(() => readStored(server.dataDir, id).updates <= 20, 'the log to be folded');
        logSizes.push(readStored(server.dataDir, id).updates);
      }
    }
    // 75 updates written; the log was folded each time it passed the threshold, so it shrank along the way.
    expect(Math.max(...logSizes)).toBeLessThanOrEqual(20);
    expect(logSizes.some((n, i) => i > 0 && n < logSizes[i - 1]!)).toBe(true);
    const stored = readStored(server.dataDir, id);
    expect(stored.updates).toBeLessThan(20);
    expect(stored.snapshotBytes).toBeGreaterThan(snapshotBefore);
    expect(contentOf(stored.doc)).toEqual(contentOf(writer.doc));

    const live = contentOf(writer.doc);
    writer.destroy();
    await server.shutdown();
    const reloaded = await serve({ dataDir: server.dataDir });
    const reader = track(await openClient(reloaded.ws, id, editKey));
    expect(contentOf(reader.doc)).toEqual(live);
    expect(cards.every((c) => cardTexts(reader.doc).has(c))).toBe(true);
  });
});

describe('idle rooms', () => {
  it('are unloaded a while after the last client leaves, with their data on disk, and open intact next time', async () => {
    const server = await serve({ limits: { idleUnloadMs: 150 } });
    const { id, editKey } = await createMap(server.http, { template: 'blank' });
    expect((await readyz(server.http)).rooms).toBe(0);

    const writer = track(await openClient(server.ws, id, editKey));
    expect((await readyz(server.http)).rooms).toBe(1);
    const { stageId, laneId } = firstCell(writer.doc);
    for (let i = 0; i < 20; i++) addCard(writer.doc, stageId, laneId, { text: `kept ${i}` });

    // While someone is in it (and even after an export opened and left it), it stays loaded.
    expect((await api(server.http, `/api/maps/${id}/export.json`, { key: editKey })).status).toBe(200);
    expect(await holdsFor(async () => (await readyz(server.http)).rooms === 1, 600)).toBe(true);

    const live = contentOf(writer.doc);
    writer.destroy();
    await waitFor(async () => (await readyz(server.http)).rooms === 0, 'the room to be unloaded');
    // Unloaded only once on disk: the file holds everything.
    expect(contentOf(readStored(server.dataDir, id).doc)).toEqual(live);

    const reader = track(await openClient(server.ws, id, editKey));
    expect((await readyz(server.http)).rooms).toBe(1);
    expect(contentOf(reader.doc)).toEqual(live);
    await synced(reader.provider);
  });
});
