// A slow store, as a Postgres-backed DocStore across the network would be: the real SQLite store
// behind a 50 ms delay on every map lookup and every load. A stock y-websocket client speaks the
// moment its socket opens, long before its map is loaded; what it sends then is held and handled in
// order once the room is ready, within the same per-connection limits, and dropped if the load fails
// or the socket goes away first.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { addCard } from '../src/doc/commands';
import type { DocStore } from './store/DocStore';
import {
  cardTexts,
  connectClient,
  contentOf,
  createMap,
  delay,
  firstCell,
  rawSocket,
  readStored,
  readyz,
  removeTempDirs,
  startTestServer,
  synced,
  syncStep1Message,
  testResources,
  updateMessage,
  waitFor,
} from './testing/harness';

const { track, serve, cleanUp } = testResources();
afterEach(cleanUp);
afterAll(removeTempDirs);

const SLOW_MS = 50;

/**
 * A server whose store takes SLOW_MS for every map lookup and every load. Loads also wait until
 * `release()` (so a test knows the client spoke while its map was still loading, however busy the
 * machine); `failNextLoad` makes the next load reject, as a database that went away would.
 */
async function slowServer(limits: Parameters<typeof startTestServer>[0] = {}) {
  let open!: () => void;
  const gate = new Promise<void>((done) => (open = done));
  const state = { loading: 0, loaded: 0, failNextLoad: false, release: () => open() };
  const wrap = (inner: DocStore): DocStore => ({
    addResponses: (id, responses) => inner.addResponses(id, responses),
    responses: (id) => inner.responses(id),
    openVote: (mapId, vote) => inner.openVote(mapId, vote),
    getVote: (mapId, voteId) => inner.getVote(mapId, voteId),
    putBallot: (mapId, voteId, participantId, cards) => inner.putBallot(mapId, voteId, participantId, cards),
    ballots: (mapId, voteId) => inner.ballots(mapId, voteId),
    closeVote: (mapId, voteId, closedAt, count) => inner.closeVote(mapId, voteId, closedAt, count),
    openRound: (mapId, round) => inner.openRound(mapId, round),
    getRound: (mapId, roundId) => inner.getRound(mapId, roundId),
    putPrivateCard: (mapId, card, maxPerAuthor) => inner.putPrivateCard(mapId, card, maxPerAuthor),
    deletePrivateCard: (mapId, roundId, cardId, author) => inner.deletePrivateCard(mapId, roundId, cardId, author),
    privateCards: (mapId, roundId) => inner.privateCards(mapId, roundId),
    revealRound: (mapId, roundId, revealedAt) => inner.revealRound(mapId, roundId, revealedAt),
    // comments
    commentThreads: (mapId, since) => inner.commentThreads(mapId, since),
    postComment: (mapId, post, quotas) => inner.postComment(mapId, post, quotas),
    editComment: (mapId, commentId, authorId, change, at) => inner.editComment(mapId, commentId, authorId, change, at),
    deleteComment: (mapId, commentId, authorId, at) => inner.deleteComment(mapId, commentId, authorId, at),
    resolveThread: (mapId, threadId, resolved) => inner.resolveThread(mapId, threadId, resolved),
    importThreads: (mapId, threads) => inner.importThreads(mapId, threads),
    setViewersComment: (mapId, on) => inner.setViewersComment(mapId, on),
    createMap: (record, initialState) => inner.createMap(record, initialState),
    async getMap(id) {
      await delay(SLOW_MS);
      return inner.getMap(id);
    },
    deleteMap: (id) => inner.deleteMap(id),
    countMaps: () => inner.countMaps(),
    // versions
    addVersion: (mapId, version, options) => inner.addVersion(mapId, version, options),
    versions: (mapId) => inner.versions(mapId),
    countVersions: (mapId) => inner.countVersions(mapId),
    getVersion: (mapId, versionId) => inner.getVersion(mapId, versionId),
    nameVersion: (mapId, versionId, name) => inner.nameVersion(mapId, versionId, name),
    deleteVersion: (mapId, versionId) => inner.deleteVersion(mapId, versionId),
    copyVersions: (fromId, toId) => inner.copyVersions(fromId, toId),
    setSource: (mapId, sourceId) => inner.setSource(mapId, sourceId),
    sourceOf: (mapId) => inner.sourceOf(mapId),
    async loadDoc(id) {
      state.loading++;
      try {
        await delay(SLOW_MS);
        await gate;
        if (state.failNextLoad) {
          state.failNextLoad = false;
          throw new Error('the database went away');
        }
        const stored = await inner.loadDoc(id);
        state.loaded++;
        return stored;
      } finally {
        state.loading--;
      }
    },
    readSince: (id, seq) => inner.readSince(id, seq),
    head: (id) => inner.head(id),
    append: (id, update, origin) => inner.append(id, update, origin),
    compact: (id) => inner.compact(id),
    flush: () => inner.flush(),
    close: () => inner.close(),
  });
  const server = await serve({ ...limits, wrapStore: wrap });
  return { server, store: state };
}

/** A document update adding one card to the map as stored, made by a client that has it offline. */
function cardUpdate(dataDir: string, mapId: string, text: string): { cardId: string; update: Uint8Array } {
  const local = readStored(dataDir, mapId).doc;
  const before = Y.encodeStateVector(local);
  const { stageId, laneId } = firstCell(local, { cardLane: true });
  const cardId = addCard(local, stageId, laneId, { text })!;
  return { cardId, update: Y.encodeStateAsUpdate(local, before) };
}

/** The update inside a sync step 2 message, or undefined for any other message. */
function step2Update(message: Uint8Array): Uint8Array | undefined {
  const d = decoding.createDecoder(message);
  if (decoding.readVarUint(d) !== 0 || decoding.readVarUint(d) !== 1) return undefined;
  return decoding.readVarUint8Array(d);
}

describe('a stock y-websocket client on a slow store', () => {
  it('syncs and sees the map, though it sent sync step 1 while the map was still loading', async () => {
    const { server, store } = await slowServer();
    const { id, editKey } = await createMap(server.http, { template: 'currentJourney' });
    const stored = contentOf(readStored(server.dataDir, id).doc);

    const client = track(connectClient(server.ws, id, editKey));
    let loadingWhenOpen: boolean | undefined;
    client.provider.on('status', ({ status }) => {
      if (status !== 'connected') return;
      // The client sends step 1 right after this event, in the same turn: the map is not loaded yet.
      loadingWhenOpen = store.loaded === 0;
      store.release();
    });
    await synced(client.provider);
    expect(loadingWhenOpen).toBe(true);
    expect(contentOf(client.doc)).toEqual(stored);
    expect(cardTexts(client.doc).size).toBeGreaterThan(0);
  });

  it('an edit made the moment it connects (its map offline in the browser) is stored and reaches the others', async () => {
    const { server, store } = await slowServer();
    const { id, editKey } = await createMap(server.http, { template: 'currentJourney' });
    // The browser has the map from IndexedDB: the user can type before the server has it loaded.
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(readStored(server.dataDir, id).doc));
    const client = track(connectClient(server.ws, id, editKey, { doc: offline }));
    let cardId: string | undefined;
    let loadingWhenTyped: boolean | undefined;
    client.provider.on('status', ({ status }) => {
      if (status !== 'connected' || cardId) return;
      loadingWhenTyped = store.loaded === 0;
      const { stageId, laneId } = firstCell(client.doc, { cardLane: true });
      cardId = addCard(client.doc, stageId, laneId, { text: 'typed on connecting' })!; // sent at once
      store.release();
    });
    await synced(client.provider);
    expect(loadingWhenTyped).toBe(true);
    await waitFor(() => cardTexts(readStored(server.dataDir, id).doc).get(cardId!) === 'typed on connecting', 'the card to be stored');

    const other = track(connectClient(server.ws, id, editKey));
    await synced(other.provider);
    expect(cardTexts(other.doc).get(cardId!)).toBe('typed on connecting');
  });

  it('a wrong key is still refused with 4401, after the slow lookup', async () => {
    const { server, store } = await slowServer();
    store.release();
    const { id } = await createMap(server.http);
    const socket = await rawSocket(server.ws, id, ['key.AAAAAAAAAAAAAAAAAAAAAAAA']);
    socket.send(syncStep1Message(new Y.Doc()));
    expect((await socket.closed).code).toBe(4401);
    expect(socket.received).toHaveLength(0);
  });
});

describe('messages held while a map loads', () => {
  it('are handled in order once it is ready: an update, then a step 1 whose answer already holds it', async () => {
    const { server, store } = await slowServer();
    const { id, editKey } = await createMap(server.http, { template: 'blank' });
    const { cardId, update } = cardUpdate(server.dataDir, id, 'held, then applied');
    const socket = await rawSocket(server.ws, id, [`key.${editKey}`]);
    socket.send(updateMessage(update));
    socket.send(syncStep1Message(new Y.Doc()));
    await waitFor(() => store.loading === 1, 'the map to be loading (it waits for release)');
    await delay(SLOW_MS);
    expect(socket.received).toHaveLength(0);
    store.release();

    const answer = step2Update(await socket.message((m) => step2Update(m) !== undefined));
    const seen = new Y.Doc();
    Y.applyUpdate(seen, answer!);
    expect(cardTexts(seen).get(cardId)).toBe('held, then applied');
    await waitFor(() => cardTexts(readStored(server.dataDir, id).doc).has(cardId), 'the held update to be stored');
    socket.ws.close();
  });

  it('count against the frame limit: one too large closes with 4413 and nothing of it is stored', async () => {
    const { server, store } = await slowServer({ limits: { maxFrameBytes: 4 * 1024 } });
    const { id, editKey } = await createMap(server.http, { template: 'blank' });
    const { cardId, update } = cardUpdate(server.dataDir, id, 'x'.repeat(8 * 1024));
    const socket = await rawSocket(server.ws, id, [`key.${editKey}`]);
    socket.send(updateMessage(update));
    expect((await socket.closed).code).toBe(4413);
    store.release();
    await waitFor(() => store.loaded === 1, 'the map to have loaded');
    await delay(100); // anything applied would be stored by now (20 ms commit window)
    expect((await readyz(server.http)).connections).toBe(0);
    expect(cardTexts(readStored(server.dataDir, id).doc).has(cardId)).toBe(false);
  });

  it('count against the rate limit and a cap on held bytes: past either, 4529 (the client comes back later)', async () => {
    const { server, store } = await slowServer({ limits: { messageBurst: 40, maxFrameBytes: 1024, maxBufferedBytes: 2048 } });
    const { id, editKey } = await createMap(server.http, { template: 'blank' });

    const flood = await rawSocket(server.ws, id, [`key.${editKey}`]);
    for (let i = 0; i < 100; i++) flood.send(new Uint8Array([3])); // query awareness
    expect((await flood.closed).code).toBe(4529);

    // Three frames each under the frame limit, together past the cap. They are not even looked at
    // (they are garbage, which once handled would close with 4400).
    const heavy = await rawSocket(server.ws, id, [`key.${editKey}`]);
    for (let i = 0; i < 3; i++) heavy.send(new Uint8Array(1000).fill(0xff));
    expect((await heavy.closed).code).toBe(4529);
    // The server goes on with both (the lookup, then one load of the map) and then leaves them.
    store.release();
    await waitFor(() => store.loaded === 1, 'the map to have loaded');
    await waitFor(async () => (await readyz(server.http)).connections === 0 && store.loading === 0, 'both to be let go');
  });

  it('are dropped when the load fails (4503) or the socket closes first; the next client loads the map as stored', async () => {
    const { server, store } = await slowServer();
    const { id, editKey } = await createMap(server.http, { template: 'blank' });

    store.failNextLoad = true;
    const failed = cardUpdate(server.dataDir, id, 'sent while the load failed');
    const unlucky = await rawSocket(server.ws, id, [`key.${editKey}`]);
    unlucky.send(updateMessage(failed.update));
    unlucky.send(syncStep1Message(new Y.Doc()));
    store.release();
    expect((await unlucky.closed).code).toBe(4503);
    expect(unlucky.received).toHaveLength(0);

    const gone = cardUpdate(server.dataDir, id, 'sent by one who left');
    const leaver = await rawSocket(server.ws, id, [`key.${editKey}`]);
    leaver.send(updateMessage(gone.update));
    leaver.ws.close();
    await leaver.closed;

    const client = track(connectClient(server.ws, id, editKey));
    await synced(client.provider);
    await delay(100); // anything the server were to apply late would be stored by now (20 ms window)
    const texts = cardTexts(readStored(server.dataDir, id).doc);
    expect(texts.has(failed.cardId)).toBe(false);
    expect(texts.has(gone.cardId)).toBe(false);
    expect(cardTexts(client.doc).has(gone.cardId)).toBe(false);
    expect((await readyz(server.http)).connections).toBe(1);
  });
});
