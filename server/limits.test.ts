// The server's limits, reached with lowered settings: an oversized message, a map grown past its size
// limit, ten thousand malformed frames, a client sending too fast, and full maps and servers. Each
// limit closes only the socket that hit it, with a code that tells the client whether to come back.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { addCard, setCardText } from '../src/doc/commands';
import { mulberry32 } from '../src/journey/testing';
import {
  api,
  awarenessMessage,
  awarenessUpdate,
  cardTexts,
  connectClient,
  contentOf,
  createMap,
  firstCell,
  nextAttempt,
  nextClose,
  openClient,
  rawSocket,
  readStored,
  removeTempDirs,
  settlesWithin,
  stateVectorOf,
  synced,
  syncStep1Message,
  testResources,
  updateMessage,
  waitFor,
} from './testing/harness';

const { track, serve, cleanUp } = testResources();
afterEach(cleanUp);
afterAll(removeTempDirs);

describe('an oversized message', () => {
  it('closes that socket with 4413; the client does not resend it forever and the map is not touched', async () => {
    const server = await serve({ limits: { maxFrameBytes: 64 * 1024 } });
    const { id, editKey } = await createMap(server.http, { template: 'blank' });
    const writer = track(await openClient(server.ws, id, editKey));
    const other = track(await openClient(server.ws, id, editKey));
    const { stageId, laneId } = firstCell(writer.doc);
    const cardId = addCard(writer.doc, stageId, laneId, { text: 'small' })!;
    await waitFor(() => cardTexts(other.doc).get(cardId) === 'small', 'the small card to arrive');

    const closedForGood = new Promise<{ code: number }>((done) => writer.provider.once('closed', done));
    setCardText(writer.doc, cardId, 'x'.repeat(100 * 1024)); // one update of ~100 KB
    expect((await nextClose(writer.provider)).code).toBe(4413);
    expect((await closedForGood).code).toBe(4413);
    expect(writer.provider.shouldConnect).toBe(false);
    expect(await settlesWithin(nextAttempt(writer.provider), 800)).toBe('timeout');
    expect(writer.attempts()).toBe(1);

    // Nobody else got it, nothing of it was stored, and the map goes on working for the others.
    const marker = addCard(other.doc, stageId, laneId, { text: 'still working' })!;
    await waitFor(() => cardTexts(readStored(server.dataDir, id).doc).has(marker), 'the other editor’s card to be stored');
    expect(cardTexts(other.doc).get(cardId)).toBe('small');
    expect(cardTexts(readStored(server.dataDir, id).doc).get(cardId)).toBe('small');
    expect(readStored(server.dataDir, id).bytes).toBeLessThan(64 * 1024);
  });
});

describe('a map past its size limit', () => {
  it('refuses the update that would take it past the limit with 4413 and stores nothing beyond it', async () => {
    const maxDocBytes = 24 * 1024;
    const server = await serve({ limits: { maxDocBytes } });
    const { id, editKey } = await createMap(server.http, { template: 'blank' });
    const writer = track(await openClient(server.ws, id, editKey));
    const other = track(await openClient(server.ws, id, editKey));
    const { stageId, laneId } = firstCell(writer.doc);
    const startBytes = readStored(server.dataDir, id).bytes;
    expect(startBytes).toBeLessThan(maxDocBytes / 4);

    // Cards of ~2 KB each, one update each, sent one after the other until the server says no.
    const closed = nextClose(writer.provider);
    const written: string[] = [];
    let refused: { code: number } | undefined;
    void closed.then((c) => (refused = c));
    for (let i = 0; i < 40 && !refused; i++) {
      written.push(addCard(writer.doc, stageId, laneId, { text: `${i}:`.padEnd(2048, '.') })!);
      await new Promise((done) => setImmediate(done));
    }
    expect((await closed).code).toBe(4413);
    expect(writer.provider.shouldConnect).toBe(false);

    // What is stored stays within the limit and is exactly what the other editor sees; the card that
    // did not fit (and any written after it) is neither stored nor broadcast.
    await waitFor(() => JSON.stringify(contentOf(readStored(server.dataDir, id).doc)) === JSON.stringify(contentOf(other.doc)), 'the store to hold what the other editor sees');
    const stored = readStored(server.dataDir, id);
    expect(stored.bytes).toBeLessThanOrEqual(maxDocBytes);
    const storedCards = cardTexts(stored.doc);
    const kept = written.filter((c) => storedCards.has(c));
    expect(kept.length).toBeGreaterThan(5);
    expect(kept.length).toBeLessThan(written.length);
    expect(written.slice(0, kept.length)).toEqual(kept); // a prefix: nothing skipped, nothing after the refusal

    // The map stays full for a fresh connection too: nothing big gets in through a reconnect.
    const again = track(connectClient(server.ws, id, editKey, { doc: writer.doc }));
    writer.provider.destroy();
    expect((await nextClose(again.provider)).code).toBe(4413);
    expect(readStored(server.dataDir, id).bytes).toBeLessThanOrEqual(maxDocBytes);
  });
});

describe('ten thousand malformed frames', () => {
  it('each closes only its own socket with 4400; the process, the map and other maps carry on untouched', async () => {
    const server = await serve();
    const a = await createMap(server.http, { template: 'currentJourney' });
    const b = await createMap(server.http, { template: 'blank' });
    // Someone editing map A stays connected throughout, as do two people editing map B.
    const resident = track(await openClient(server.ws, a.id, a.editKey));
    const b1 = track(await openClient(server.ws, b.id, b.editKey));
    const b2 = track(await openClient(server.ws, b.id, b.editKey));
    const before = readStored(server.dataDir, a.id);
    const residentBefore = contentOf(resident.doc);

    const frames = malformedFrames(10_000, 7, resident.doc);
    const failures: string[] = [];
    const { stageId, laneId } = firstCell(b1.doc);
    let next = 0;
    let bEdits = 0;
    const worker = async () => {
      while (next < frames.length) {
        const frame = frames[next++]!;
        const socket = await rawSocket(server.ws, a.id, [`key.${a.editKey}`]);
        socket.send(frame);
        const { code } = await socket.closed;
        if (code !== 4400) failures.push(`${code}: ${typeof frame === 'string' ? JSON.stringify(frame) : Buffer.from(frame).toString('hex').slice(0, 80)}`);
        // Map B's editors keep working meanwhile.
        if (next % 500 === 0) addCard(++bEdits % 2 ? b1.doc : b2.doc, stageId, laneId, { text: `b ${next}` });
      }
    };
    await Promise.all(Array.from({ length: 32 }, worker));
    expect(failures.slice(0, 10)).toEqual([]);

    // The process still serves: health, a new client on map A, and map B's editors agree.
    expect((await api(server.http, '/healthz')).status).toBe(200);
    const newcomer = track(await openClient(server.ws, a.id, a.editKey));
    expect(contentOf(newcomer.doc)).toEqual(residentBefore);
    expect(contentOf(resident.doc)).toEqual(residentBefore);
    expect(resident.closes).toEqual([]);
    expect(b1.closes).toEqual([]);
    expect(b2.closes).toEqual([]);
    expect(bEdits).toBeGreaterThan(10);
    await waitFor(() => JSON.stringify(contentOf(b1.doc)) === JSON.stringify(contentOf(b2.doc)), 'map B’s editors to agree');
    expect(b1.doc.getMap('cards').size).toBe(bEdits);

    // Map A's stored document did not change by one byte.
    const after = readStored(server.dataDir, a.id);
    expect(after.updates).toBe(before.updates);
    expect(after.snapshotBytes).toBe(before.snapshotBytes);
    expect(contentOf(after.doc)).toEqual(contentOf(before.doc));
    expect(stateVectorOf(after.doc)).toEqual(stateVectorOf(before.doc));
  }, 60_000);
});

/**
 * Frames that are malformed by construction (never valid by chance): unknown message types, unknown
 * sync steps, valid messages cut short, document updates with a broken inside, presence that is not
 * JSON or has bytes left over, and text frames.
 */
function malformedFrames(count: number, seed: number, doc: Y.Doc): (Uint8Array | string)[] {
  const rand = mulberry32(seed);
  const int = (n: number) => Math.floor(rand() * n);
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => int(256));
  const cat = (...parts: ArrayLike<number>[]) => Uint8Array.from(parts.flatMap((p) => [...Array.from(p)]));

  // Valid messages to cut short: an update, sync step 1 and 2, presence.
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const updates: Uint8Array[] = [];
  copy.on('update', (u: Uint8Array) => updates.push(u));
  const { stageId, laneId } = firstCell(copy);
  for (let i = 0; i < 20; i++) addCard(copy, stageId, laneId, { text: `fuzz ${i} `.repeat(1 + int(20)) });
  const valid = [
    ...updates.map(updateMessage),
    syncStep1Message(copy),
    awarenessMessage(awarenessUpdate([{ clientID: 12345, clock: 3, state: { user: { name: 'fuzz' } } }])),
  ];
  const outer = (inner: Uint8Array) => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 2);
    encoding.writeVarUint8Array(e, inner);
    return encoding.toUint8Array(e);
  };

  const frames: (Uint8Array | string)[] = [];
  for (let i = 0; i < count; i++) {
    switch (i % 8) {
      case 0: // an unknown message type, then anything
        frames.push(cat([4 + int(124)], bytes(int(64))));
        break;
      case 1: // a sync message with an unknown step
        frames.push(cat([0, 3 + int(125)], bytes(int(64))));
        break;
      case 2: // a valid message cut anywhere before its end (an empty frame included)
      case 3: {
        const m = valid[int(valid.length)]!;
        frames.push(m.slice(0, int(m.length)));
        break;
      }
      case 4: {
        // a document update cut inside, wrapped in a correct message
        const u = updates[int(updates.length)]!;
        frames.push(outer(u.slice(0, 1 + int(u.length - 2))));
        break;
      }
      case 5: {
        // presence whose state is not JSON
        const e = encoding.createEncoder();
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint(e, 1 + int(1000));
        encoding.writeVarUint(e, int(100));
        encoding.writeVarString(e, `{${Buffer.from(bytes(1 + int(20))).toString('latin1')}`);
        frames.push(awarenessMessage(encoding.toUint8Array(e)));
        break;
      }
      case 6: // presence with bytes left over after its entries
        frames.push(awarenessMessage(cat(awarenessUpdate([{ clientID: 1 + int(1000), clock: 1, state: {} }]), [1 + int(255)], bytes(int(8)))));
        break;
      case 7: // a text frame
        frames.push(Buffer.from(bytes(1 + int(32))).toString('latin1'));
        break;
    }
  }
  return frames;
}

describe('a client sending too fast', () => {
  it('is closed with 4529, comes back by itself and loses nothing', async () => {
    const server = await serve({ limits: { messagesPerSecond: 20, messageBurst: 40 } });
    const { id, editKey } = await createMap(server.http, { template: 'blank' });
    const fast = track(await openClient(server.ws, id, editKey));
    const other = track(await openClient(server.ws, id, editKey));
    const { stageId, laneId } = firstCell(fast.doc);

    const closed = nextClose(fast.provider);
    const cards = Array.from({ length: 100 }, (_, i) => addCard(fast.doc, stageId, laneId, { text: `fast ${i}` })!);
    expect((await closed).code).toBe(4529);
    // A 45xx close is "try again later": the client reconnects, resyncs, and its edits all arrive.
    await synced(fast.provider);
    await waitFor(() => cards.every((c) => cardTexts(other.doc).has(c)), 'all 100 cards to reach the other editor');
    await waitFor(() => cards.every((c) => cardTexts(readStored(server.dataDir, id).doc).has(c)), 'all 100 cards to be stored');
  });

  it('a raw socket flooding queries is cut off with 4529 while a calm one on the same map is not', async () => {
    const server = await serve({ limits: { messagesPerSecond: 20, messageBurst: 40 } });
    const { id, editKey } = await createMap(server.http);
    const flood = await rawSocket(server.ws, id, [`key.${editKey}`]);
    const calm = await rawSocket(server.ws, id, [`key.${editKey}`]);
    for (let i = 0; i < 200; i++) flood.send(new Uint8Array([3]));
    expect((await flood.closed).code).toBe(4529);
    // Under the rate: fine.
    for (let i = 0; i < 10; i++) await calm.roundTrip();
    expect(calm.ws.readyState).toBe(calm.ws.OPEN);
    calm.ws.close();
  });
});

describe('full maps and a full server', () => {
  it('a map at its connection cap refuses one more with 4503; that client keeps trying and gets in once a place frees up', async () => {
    const server = await serve({ limits: { maxConnectionsPerMap: 2 } });
    const { id, editKey } = await createMap(server.http, { template: 'blank' });
    const first = track(await openClient(server.ws, id, editKey));
    track(await openClient(server.ws, id, editKey));
    const third = track(connectClient(server.ws, id, editKey));
    expect((await nextClose(third.provider)).code).toBe(4503);
    expect(third.provider.shouldConnect).toBe(true); // 45xx: try again later

    // Another map on the same server is not affected.
    const other = await createMap(server.http);
    track(await openClient(server.ws, other.id, other.editKey));

    first.provider.disconnect();
    await synced(third.provider, 10_000);
    expect(contentOf(third.doc)).toEqual(contentOf(first.doc));
  });

  it('a server at its connection cap refuses one more with 4503, whatever the map', async () => {
    const server = await serve({ limits: { maxConnections: 3 } });
    const maps = await Promise.all([createMap(server.http), createMap(server.http), createMap(server.http)]);
    const open = await Promise.all(maps.map((m) => openClient(server.ws, m.id, m.editKey).then(track)));
    const extra = track(connectClient(server.ws, maps[0]!.id, maps[0]!.editKey));
    expect((await nextClose(extra.provider)).code).toBe(4503);
    expect(extra.provider.shouldConnect).toBe(true);
    open[2]!.provider.disconnect();
    await synced(extra.provider, 10_000);
  });
});
