// Saving, told truthfully. A full disk: every client of the map hears it at once, the room retries
// with backoff while it holds what it accepted, refuses new writes past a memory cap (4507), and once
// there is space again nothing accepted is lost, whether the server kept running or was killed with
// SIGKILL meanwhile. As root (as CI runs the tests) the disk is a real one: a small tmpfs filled with
// a file until the kernel answers ENOSPC. Otherwise a store that fails as SQLite does on a full disk
// stands in (server/testing/fullDisk.ts). And the durable message: which writes of a connection are
// on the disk, sent only to clients that offer `tp.save.1`, so the stock client works unchanged.
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { addCard, deleteCards, setCardText } from '../src/doc/commands';
import { MESSAGE_DURABLE, MESSAGE_SAVING, SAVE_PROTOCOL, SAVING_FAILING, createSaveTracker, readSaveMessage, type SaveTracker } from '../src/doc/saveStatus';
import type { DocStore } from './store/DocStore';
import { fullableDisk, type FullableDisk } from './testing/fullDisk';
import {
  cardTexts,
  connectClient,
  contentOf,
  createMap,
  delay,
  firstCell,
  holdsFor,
  nextClose,
  rawSocket,
  readStored,
  readyz,
  removeTempDirs,
  settlesWithin,
  stateVectorOf,
  synced,
  syncStep2Message,
  testResources,
  updateMessage,
  waitFor,
  type Client,
  type ClientOptions,
} from './testing/harness';

const { track, serve, spawn: spawnTracked, cleanUp } = testResources();
const disks: FullableDisk[] = [];
function disk(): FullableDisk {
  const d = fullableDisk();
  disks.push(d);
  return d;
}
afterEach(async () => {
  await cleanUp();
  for (const d of disks.splice(0)) d.dispose();
});
afterAll(removeTempDirs);

/** A y-websocket client as the app makes one: it offers `tp.save.1`, numbers the writes it sends,
 * and hears which are durable (the app's own tracker, src/doc/saveStatus.ts). */
interface SavingClient extends Client {
  saves: SaveTracker;
  /** The server's saving messages, in order: whether it cannot save, and when it said so. */
  told: { failing: boolean; at: number }[];
  failing(): boolean;
  /** Every change of `saved()`, with the time. */
  savedChanges: { saved: boolean; at: number }[];
}

function savingClient(wsBase: string, mapId: string, key: string, options: ClientOptions & { onSaved?: (client: SavingClient) => void } = {}): SavingClient {
  const savedChanges: { saved: boolean; at: number }[] = [];
  const made: { client?: SavingClient; provider?: unknown } = {};
  const saves = createSaveTracker((saved) => {
    savedChanges.push({ saved, at: Date.now() });
    if (saved && made.client) options.onSaved?.(made.client);
  });
  const doc = options.doc ?? new Y.Doc();
  // Before the provider's listener, as in the app: a change is counted before it is sent.
  doc.on('update', (_: Uint8Array, origin: unknown) => {
    if (origin !== made.provider) saves.changed();
  });
  class CountingSocket extends WebSocket {
    override send(data: unknown, ...rest: unknown[]): void {
      if (data instanceof Uint8Array) saves.sent(this, data);
      (WebSocket.prototype.send as (...args: unknown[]) => void).call(this, data, ...rest);
    }
  }
  const base = connectClient(wsBase, mapId, key, { ...options, doc, protocols: [`key.${key}`, SAVE_PROTOCOL], WebSocketPolyfill: CountingSocket });
  made.provider = base.provider;
  const told: { failing: boolean; at: number }[] = [];
  base.provider.messageHandlers[MESSAGE_DURABLE] = (_encoder, decoder, p, fromSocket) => {
    const seq = decoding.readVarUint(decoder);
    if (fromSocket && p.ws) saves.durable(p.ws, seq);
  };
  base.provider.messageHandlers[MESSAGE_SAVING] = (_encoder, decoder) => {
    told.push({ failing: decoding.readVarUint(decoder) === SAVING_FAILING, at: Date.now() });
  };
  const client: SavingClient = { ...base, saves, told, failing: () => told.at(-1)?.failing ?? false, savedChanges };
  made.client = client;
  return track(client);
}

/** Types into a card of its own every `everyMs`, whether or not the server is there. */
function typing(client: Client, cardId: string, everyMs = 10) {
  let typed = 0;
  const timer = setInterval(() => {
    const text = cardTexts(client.doc).get(cardId) ?? '';
    setCardText(client.doc, cardId, text + String.fromCharCode(97 + (typed % 26)));
    typed++;
  }, everyMs);
  return { typed: () => typed, stop: () => clearInterval(timer) };
}

const sameState = (a: Y.Doc, b: Y.Doc) => JSON.stringify(stateVectorOf(a)) === JSON.stringify(stateVectorOf(b));

describe(`a full disk (${process.getuid?.() === 0 ? 'a real tmpfs, filled' : 'not root: a store failing as SQLite does'})`, () => {
  it('every client of the map is told at once, the room retries with backoff, and once space returns nothing accepted is lost', async () => {
    const d = disk();
    // The store's appends, timed: while the map cannot save, the only ones are the room's retries.
    const appends: number[] = [];
    const server = await serve({
      dataDir: d.dataDir,
      limits: { saveRetryMinMs: 50, saveRetryMaxMs: 400 },
      wrapStore: (store): DocStore => {
        const inner = d.wrap(store);
        return { ...inner, append: (id, update, origin) => (appends.push(Date.now()), inner.append(id, update, origin)) };
      },
    });
    const { id, editKey } = await createMap(server.http, { template: 'blank' });
    const a = savingClient(server.ws, id, editKey);
    const b = savingClient(server.ws, id, editKey);
    const watcher = savingClient(server.ws, id, editKey);
    const stock = track(connectClient(server.ws, id, editKey));
    await Promise.all([a, b, watcher, stock].map((c) => synced(c.provider)));
    // Told on connecting that the map saves.
    for (const c of [a, b, watcher]) await waitFor(() => c.told.length > 0, 'the first saving message');
    expect([a, b, watcher].map((c) => c.told)).toEqual([a, b, watcher].map(() => [{ failing: false, at: expect.any(Number) }]));

    const { stageId, laneId } = firstCell(a.doc);
    const cards = [a, b, stock].map((c, i) => addCard(c.doc, stageId, laneId, { text: `writer ${i}: ` })!);
    await waitFor(() => a.saves.saved() && b.saves.saved(), 'the cards to be told saved');
    await waitFor(() => cards.every((card) => cardTexts(readStored(d.dataDir, id).doc).has(card)), 'the cards on disk');

    d.fill();
    const filled = Date.now();
    setCardText(a.doc, cards[0]!, 'writer 0: x');
    await waitFor(() => [a, b, watcher].every((c) => c.failing()), 'every client to be told the server cannot save', 2_000);
    // At once: within the commit window and the failed write, not at the next unload or retry.
    const toldAt = Math.max(...[a, b, watcher].map((c) => c.told.at(-1)!.at));
    expect(toldAt - filled).toBeLessThan(1_000);
    expect(a.saves.saved()).toBe(false);

    // Everyone goes on writing (the stock client too), and sees the others' writing at once.
    const writers = [a, b, stock].map((c, i) => typing(c, cards[i]!));
    await delay(1_600);
    await waitFor(() => writers.every((w) => w.typed() > 30), 'steady writing');
    await waitFor(() => cards.every((card, i) => (cardTexts(watcher.doc).get(card)?.length ?? 0) > `writer ${i}: `.length + 20), 'the watcher to see everyone’s writing');

    // The retries: a handful, not one per keystroke, each waiting longer, up to the maximum.
    const retries = appends.filter((t) => t >= toldAt);
    const gaps = retries.slice(1).map((t, i) => t - retries[i]!);
    expect(retries.length).toBeGreaterThanOrEqual(4);
    expect(retries.length).toBeLessThan(16);
    expect(gaps[0]!).toBeLessThan(400);
    expect(gaps[1]!).toBeGreaterThan(gaps[0]! * 1.4);
    expect(Math.max(...gaps)).toBeGreaterThanOrEqual(350);
    expect(Math.max(...gaps)).toBeLessThan(1000);
    // Nothing of it is on the disk, and nobody was told it was.
    expect(cardTexts(readStored(d.dataDir, id).doc).get(cards[1]!)).toBe('writer 1: ');
    expect(a.saves.saved() || b.saves.saved()).toBe(false);

    writers.forEach((w) => w.stop());
    await waitFor(() => [a, b, stock].every((c) => sameState(c.doc, watcher.doc)), 'everyone to hold the same map');
    d.free();
    await waitFor(() => [a, b, watcher].every((c) => !c.failing()), 'every client to be told the server saves again', 5_000);
    await waitFor(() => a.saves.saved() && b.saves.saved(), 'the writers to be told everything is saved', 5_000);
    const stored = readStored(d.dataDir, id).doc;
    expect(contentOf(stored)).toEqual(contentOf(a.doc));
    cards.forEach((card, i) => expect(cardTexts(stored).get(card)!.length).toBe(`writer ${i}: `.length + (i === 0 ? 1 : 0) + writers[i]!.typed()));
  }, 30_000);

  it('a room with unsaved updates is never unloaded; it goes on retrying, and unloads once they are on disk', async () => {
    const d = disk();
    const server = await serve({ dataDir: d.dataDir, wrapStore: d.wrap, limits: { idleUnloadMs: 100, saveRetryMinMs: 50, saveRetryMaxMs: 200 } });
    const { id, editKey } = await createMap(server.http, { template: 'blank' });
    const writer = savingClient(server.ws, id, editKey);
    await synced(writer.provider);
    d.fill();
    const { stageId, laneId } = firstCell(writer.doc);
    const card = addCard(writer.doc, stageId, laneId, { text: 'written to a full disk' })!;
    await waitFor(() => writer.failing(), 'the writer to be told');
    writer.destroy();
    await waitFor(async () => (await readyz(server.http)).connections === 0, 'the writer to be gone');
    // Long past the idle delay, it is still loaded: its update exists nowhere else on the server.
    expect(await holdsFor(async () => (await readyz(server.http)).rooms === 1, 800)).toBe(true);

    d.free();
    await waitFor(async () => (await readyz(server.http)).rooms === 0, 'the room to be unloaded once saved', 5_000);
    expect(cardTexts(readStored(d.dataDir, id).doc).get(card)).toBe('written to a full disk');
  });

  it('past the memory cap it refuses new writes with 4507 (the client keeps them and comes back); after space returns they are all stored', async () => {
    const d = disk();
    const cap = 16 * 1024;
    const server = await serve({ dataDir: d.dataDir, wrapStore: d.wrap, limits: { maxUnsavedBytes: cap, saveRetryMinMs: 50, saveRetryMaxMs: 200 } });
    const { id, editKey } = await createMap(server.http, { template: 'blank' });
    const writer = savingClient(server.ws, id, editKey, { maxBackoffTime: 400 });
    const watcher = savingClient(server.ws, id, editKey);
    await Promise.all([synced(writer.provider), synced(watcher.provider)]);
    const { stageId, laneId } = firstCell(writer.doc);
    // The watcher deleted something once: each sync step 2 it sends from now on carries deletions.
    deleteCards(watcher.doc, [addCard(watcher.doc, stageId, laneId, { text: 'gone' })!]);
    await waitFor(() => watcher.saves.saved(), 'the watcher’s changes to be saved');

    d.fill();
    const closed = nextClose(writer.provider);
    const written: string[] = [];
    const big = 'x'.repeat(2048);
    const writing = setInterval(() => written.push(addCard(writer.doc, stageId, laneId, { text: `${written.length} ${big}` })!), 15);
    const close = await closed;
    clearInterval(writing);
    expect(close).toEqual({ code: 4507, reason: 'the server cannot save: try again later' });
    await waitFor(() => watcher.failing(), 'the watcher to be told');

    // The server holds what it accepted, up to the cap, and not the rest: the writer still has it all.
    await delay(100);
    const accepted = written.filter((card) => cardTexts(watcher.doc).has(card));
    expect(accepted.length).toBeGreaterThan(0);
    expect(accepted.length).toBeLessThan(written.length);
    expect(accepted.length * big.length).toBeLessThanOrEqual(cap + big.length);
    expect(written.every((card) => cardTexts(writer.doc).has(card))).toBe(true);

    // It comes back by itself, and is refused again without being synced, so it backs off.
    const attemptsBefore = writer.attempts();
    await delay(1_500);
    expect(writer.closes.filter((c) => c === 4507).length).toBeGreaterThanOrEqual(2);
    expect(writer.attempts() - attemptsBefore).toBeLessThanOrEqual(6);
    expect(writer.provider.synced).toBe(false);
    expect(writer.saves.saved()).toBe(false);

    // Whoever has nothing new still gets in: the watcher reconnecting, a new stock client.
    watcher.provider.disconnect();
    watcher.provider.connect();
    await synced(watcher.provider);
    const reader = track(connectClient(server.ws, id, editKey));
    await synced(reader.provider);
    expect(await holdsFor(() => watcher.provider.wsconnected && reader.provider.wsconnected, 400)).toBe(true);

    d.free();
    await waitFor(() => !watcher.failing(), 'the watcher to be told the server saves again', 5_000);
    await waitFor(() => writer.provider.synced && writer.saves.saved(), 'the writer to come back and be told all is saved', 10_000);
    const stored = cardTexts(readStored(d.dataDir, id).doc);
    expect(written.filter((card) => !stored.has(card))).toEqual([]);
  }, 30_000);

  it('kill -9 while it cannot save loses what it held, but the clients still have it and resend it on reconnecting: nothing is lost', async () => {
    const d = disk();
    const spawn = (port?: number) =>
      spawnTracked({ dataDir: d.dataDir, port, ...(d.real ? {} : { entry: 'server/testing/fullDiskServer.ts', env: { FULL_FLAG: d.flag } }) });
    const first = await spawn();
    const { id, editKey } = await createMap(first.http, { template: 'blank' });
    const writers = [0, 1, 2].map(() => savingClient(first.ws, id, editKey, { maxBackoffTime: 300 }));
    const watcher = savingClient(first.ws, id, editKey);
    await Promise.all([...writers, watcher].map((c) => synced(c.provider)));
    const { stageId, laneId } = firstCell(writers[0]!.doc);
    const cards = writers.map((w, i) => addCard(w.doc, stageId, laneId, { text: `writer ${i}: ` })!);
    const load = writers.map((w, i) => typing(w, cards[i]!));
    // (Not "all told saved" here: with a keystroke every 10 ms and a commit every 20 ms, all three are
    // rarely saved at one instant. The durable messages have tests of their own below.)
    await waitFor(() => load.every((l) => l.typed() > 20), 'typing');

    d.fill();
    await waitFor(() => writers.every((w) => w.failing()), 'the writers to be told');
    const failingFrom = Date.now();
    // The server accepts and relays what they type (the watcher sees it), but cannot store it.
    const seen = writers.map((_, i) => cardTexts(watcher.doc).get(cards[i]!)!.length);
    await waitFor(() => cards.every((card, i) => cardTexts(watcher.doc).get(card)!.length > seen[i]! + 40), 'writing relayed while full', 15_000);
    const relayed = cards.map((card) => cardTexts(watcher.doc).get(card)!);
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    // No writer was ever told those were saved.
    for (const w of writers) expect(w.savedChanges.filter((c) => c.saved && c.at >= failingFrom)).toEqual([]);

    d.free();
    const second = await spawn();
    // The server lost them: what it has from its disk alone stops before them.
    const observer = track(connectClient(second.ws, id, editKey));
    await synced(observer.provider);
    cards.forEach((card, i) => expect(cardTexts(observer.doc).get(card)!.length).toBeLessThan(relayed[i]!.length));

    // The writers come back with their copies (as to a moved server) and resend what was lost.
    for (const w of [...writers, watcher]) w.provider.serverUrl = second.ws;
    await waitFor(() => writers.every((w) => w.provider.synced), 'the writers to reconnect and resync', 15_000);
    load.forEach((l) => l.stop());
    await waitFor(() => writers.every((w) => sameState(w.doc, observer.doc) && w.saves.saved()), 'the server to hold and store everything', 15_000);
    writers.forEach((w, i) => {
      expect(cardTexts(observer.doc).get(cards[i]!)).toBe(cardTexts(w.doc).get(cards[i]!));
      expect(cardTexts(observer.doc).get(cards[i]!)!.length).toBe(`writer ${i}: `.length + load[i]!.typed());
      expect(cardTexts(observer.doc).get(cards[i]!)!.startsWith(relayed[i]!)).toBe(true);
    });
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
    expect(contentOf(readStored(d.dataDir, id).doc)).toEqual(contentOf(writers[0]!.doc));
  }, 60_000);
});

describe('which changes are durable', () => {
  /** A store whose appends, while `hold` is set, resolve only once released (a slow disk). */
  function heldStore() {
    const state = { hold: false, waiting: [] as (() => void)[], release: () => state.waiting.splice(0).forEach((go) => go()) };
    const wrap = (inner: DocStore): DocStore => ({
      ...inner,
      append: (id, update, origin) => {
        const written = inner.append(id, update, origin);
        if (!state.hold) return written;
        return written.then((seq) => new Promise<number>((go) => state.waiting.push(() => go(seq))));
      },
    });
    return { state, wrap };
  }

  function cardUpdate(doc: Y.Doc, text: string): { cardId: string; update: Uint8Array } {
    const before = Y.encodeStateVector(doc);
    const { stageId, laneId } = firstCell(doc);
    const cardId = addCard(doc, stageId, laneId, { text })!;
    return { cardId, update: Y.encodeStateAsUpdate(doc, before) };
  }

  it('is told after the commit, only to clients that offer tp.save.1, and never to a view key; a stock client on the map works unchanged', async () => {
    const held = heldStore();
    const server = await serve({ wrapStore: held.wrap });
    const { id, editKey, viewKey } = await createMap(server.http, { template: 'blank' });
    const errors = vi.spyOn(console, 'error');
    try {
      const asks = await rawSocket(server.ws, id, [`key.${editKey}`, SAVE_PROTOCOL]);
      const plain = await rawSocket(server.ws, id, [`key.${editKey}`]);
      const viewer = await rawSocket(server.ws, id, [`key.${viewKey}`, SAVE_PROTOCOL]);
      const stock = track(connectClient(server.ws, id, editKey));
      await synced(stock.provider);
      const saveMessages = (m: Uint8Array[]) => m.map(readSaveMessage).filter((x) => x !== undefined);
      const durableOf = (m: Uint8Array) => {
        const read = readSaveMessage(m);
        return read && 'durable' in read ? read.durable : undefined;
      };

      // On connecting: whether the map saves (the one asking, and the viewer too).
      expect(await asks.message((m) => readSaveMessage(m) !== undefined)).toEqual(new Uint8Array([101, 0]));
      await viewer.message((m) => readSaveMessage(m) !== undefined);

      // The client's own map, as a browser holding it would.
      const local = new Y.Doc();
      Y.applyUpdate(local, Y.encodeStateAsUpdate(readStored(server.dataDir, id).doc));
      // Write 1: a step 2 with nothing new (what a client answers on connecting): told at once.
      asks.send(syncStep2Message(Y.encodeStateAsUpdate(local, Y.encodeStateVector(local))));
      expect(durableOf(await asks.message((m) => durableOf(m) !== undefined))).toBe(1);

      // Write 2, on a slow disk: not told until the commit is on the disk; then the file holds it.
      held.state.hold = true;
      const first = cardUpdate(local, 'durable, then told');
      asks.send(updateMessage(first.update));
      const told2 = asks.message((m) => (durableOf(m) ?? 0) >= 2);
      await waitFor(() => held.state.waiting.length > 0, 'the write to reach the store');
      expect(await settlesWithin(told2, 300)).toBe('timeout');
      held.state.hold = false;
      held.state.release();
      await told2;
      expect(cardTexts(readStored(server.dataDir, id).doc).get(first.cardId)).toBe('durable, then told');

      // Writes 3 and 4 at once: one message for both, after their commit.
      const more = [cardUpdate(local, 'three'), cardUpdate(local, 'four')];
      for (const m of more) asks.send(updateMessage(m.update));
      await asks.message((m) => durableOf(m) === 4);
      const stored = cardTexts(readStored(server.dataDir, id).doc);
      expect(more.every((m) => stored.has(m.cardId))).toBe(true);
      expect(saveMessages(asks.received)).toEqual([{ failing: false }, { durable: 1 }, { durable: 2 }, { durable: 4 }]);

      // The stock client saw every write, and its own reach everyone; it was sent nothing it does not know.
      await waitFor(() => more.every((m) => cardTexts(stock.doc).has(m.cardId)), 'the stock client to see the writes');
      const { stageId, laneId } = firstCell(stock.doc);
      const byStock = addCard(stock.doc, stageId, laneId, { text: 'from the stock client' })!;
      await waitFor(() => cardTexts(readStored(server.dataDir, id).doc).get(byStock) === 'from the stock client', 'the stock client’s card stored');
      await plain.roundTrip();
      await viewer.roundTrip();
      expect(plain.received.filter((m) => m[0]! >= 100)).toEqual([]);
      expect(saveMessages(viewer.received)).toEqual([{ failing: false }]);
      expect(errors.mock.calls.filter((call) => String(call[0]).includes('Unable to compute message'))).toEqual([]);
      for (const s of [asks, plain, viewer]) s.ws.close();
    } finally {
      errors.mockRestore();
    }
  });

  it('a write that waits in the server’s memory for something the map lacks is not told durable until that arrives and both are stored', async () => {
    const server = await serve();
    const { id, editKey } = await createMap(server.http, { template: 'blank' });
    const socket = await rawSocket(server.ws, id, [`key.${editKey}`, SAVE_PROTOCOL]);
    const durableOf = (m: Uint8Array) => {
      const read = readSaveMessage(m);
      return read && 'durable' in read ? read.durable : undefined;
    };
    // Made in another tab of the browser, say, and passed along to this one before the server has it.
    const local = new Y.Doc();
    Y.applyUpdate(local, Y.encodeStateAsUpdate(readStored(server.dataDir, id).doc));
    const first = cardUpdate(local, 'first');
    const before = Y.encodeStateVector(local);
    setCardText(local, first.cardId, 'first, then edited');
    const edit = Y.encodeStateAsUpdate(local, before);

    socket.send(updateMessage(edit)); // write 1: its card is not on the server
    expect(await settlesWithin(socket.message((m) => durableOf(m) !== undefined), 400)).toBe('timeout');
    socket.send(updateMessage(first.update)); // write 2: the card, and with it the edit goes in
    await socket.message((m) => durableOf(m) === 2);
    expect(cardTexts(readStored(server.dataDir, id).doc).get(first.cardId)).toBe('first, then edited');
    socket.ws.close();
  });

  it('a client is told saved only when the file holds everything it wrote, and not while a write is on its way', async () => {
    const server = await serve();
    const { id, editKey } = await createMap(server.http, { template: 'blank' });
    let card = '';
    const checks: boolean[] = [];
    const client = savingClient(server.ws, id, editKey, {
      // At the very moment it is told, the file already holds its card as it has it.
      onSaved: (c) => card && checks.push(cardTexts(readStored(server.dataDir, id).doc).get(card) === cardTexts(c.doc).get(card)),
    });
    await synced(client.provider);
    const { stageId, laneId } = firstCell(client.doc);
    card = addCard(client.doc, stageId, laneId, { text: '' })!;
    expect(client.saves.saved()).toBe(false);
    const writing = typing(client, card, 5);
    await waitFor(() => writing.typed() > 100, 'typing');
    writing.stop();
    await waitFor(() => client.saves.saved(), 'all told saved');
    expect(checks.length).toBeGreaterThanOrEqual(1);
    expect(checks.every(Boolean)).toBe(true);
    // A deletion alone (no new text anywhere) also waits for the server's word.
    setCardText(client.doc, card, '');
    expect(client.saves.saved()).toBe(false);
    await waitFor(() => client.saves.saved(), 'the deletion told saved');
    expect(cardTexts(readStored(server.dataDir, id).doc).get(card)).toBe('');
  });
});
