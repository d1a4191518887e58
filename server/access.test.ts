// Who may do what on the sync endpoint, with stock y-websocket clients and raw sockets that send
// what a modified client could: refusals close with 44xx and the client stops retrying; a view link
// watches live but its document updates are never applied, saved or broadcast; presence is accepted
// only for a connection's own client id; a lone viewer hears a sign of life instead of its own presence.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, setCardText } from '../src/doc/commands';
import {
  awarenessMessage,
  awarenessUpdate,
  cardTexts,
  connectClient,
  contentOf,
  createMap,
  delay,
  firstCell,
  nextAttempt,
  nextClose,
  openClient,
  rawSocket,
  readAwarenessMessage,
  readStored,
  removeTempDirs,
  settlesWithin,
  startTestServer,
  syncStep2Message,
  updateMessage,
  waitFor,
  type Client,
  type RawSocket,
  type TestServer,
} from './testing/harness';

const FORBIDDEN_WRITES = 3;
let server: TestServer;
const clients: Client[] = [];
const sockets: RawSocket[] = [];
const track = <T extends Client>(c: T) => (clients.push(c), c);
const raw = async (id: string, key: string) => {
  const s = await rawSocket(server.ws, id, [`key.${key}`]);
  sockets.push(s);
  return s;
};

beforeAll(async () => {
  server = await startTestServer({ limits: { forbiddenWrites: FORBIDDEN_WRITES } });
});
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of sockets.splice(0)) s.ws.terminate();
});
afterAll(async () => {
  await server.shutdown();
  removeTempDirs();
});

/** The client is refused for good: the close code, the `closed` event, and no further attempt. */
async function expectRefusedForGood(client: Client, code: number) {
  const closedForGood = new Promise<{ code: number }>((done) => client.provider.once('closed', done));
  const close = await nextClose(client.provider);
  expect(close.code).toBe(code);
  expect((await closedForGood).code).toBe(code);
  expect(client.provider.shouldConnect).toBe(false);
  // A retry would start after the backoff (200 ms for the first one): none comes.
  expect(await settlesWithin(nextAttempt(client.provider), 800)).toBe('timeout');
  expect(client.attempts()).toBe(1);
  expect(client.provider.wsconnected).toBe(false);
}

describe('refusals', () => {
  it('a wrong key is refused with 4401 and the client does not keep reconnecting', async () => {
    const { id } = await createMap(server.http);
    const client = track(connectClient(server.ws, id, 'this-is-not-the-key'));
    await expectRefusedForGood(client, 4401);
    expect(client.doc.getMap('stages').size).toBe(0); // it learnt nothing of the map
  });

  it('a missing key is refused with 4401 and the client stops', async () => {
    const { id } = await createMap(server.http);
    await expectRefusedForGood(track(connectClient(server.ws, id, null)), 4401);
  });

  it('a client offering other protocols but no key is refused with 4401 too (not a failed handshake it would retry forever)', async () => {
    const { id } = await createMap(server.http);
    await expectRefusedForGood(track(connectClient(server.ws, id, null, { protocols: ['y-websocket'] })), 4401);
  });

  it('an unknown map is refused exactly like a wrong key', async () => {
    const { id } = await createMap(server.http);
    const wrongKey = await rawSocket(server.ws, id, ['key.wrong']);
    const unknownMap = await rawSocket(server.ws, 'no-such-map', ['key.wrong']);
    const [a, b] = await Promise.all([wrongKey.closed, unknownMap.closed]);
    expect(a).toEqual({ code: 4401, reason: expect.any(String) });
    expect(b).toEqual(a);
    expect(wrongKey.received).toEqual([]); // not one byte of the map
    await expectRefusedForGood(track(connectClient(server.ws, 'no-such-map', 'whatever')), 4401);
  });

  it('a path that is not a map id is refused with 4401', async () => {
    const socket = await rawSocket(server.ws.replace('/sync', '/elsewhere'), 'x', ['key.x']);
    expect((await socket.closed).code).toBe(4401);
  });
});

describe('a viewer', () => {
  it('sees editors’ changes live, and editors see the viewer’s presence', async () => {
    const { id, editKey, viewKey } = await createMap(server.http, { template: 'currentJourney' });
    const editor = track(await openClient(server.ws, id, editKey));
    const viewer = track(await openClient(server.ws, id, viewKey));
    expect(contentOf(viewer.doc)).toEqual(contentOf(editor.doc));

    const { stageId, laneId } = firstCell(editor.doc);
    const cardId = addCard(editor.doc, stageId, laneId, { text: 'first' })!;
    await waitFor(() => cardTexts(viewer.doc).get(cardId) === 'first', 'the viewer to see the new card');
    setCardText(editor.doc, cardId, 'first, then more');
    await waitFor(() => cardTexts(viewer.doc).get(cardId) === 'first, then more', 'the viewer to see typing');

    viewer.awareness.setLocalStateField('user', { name: 'Vera' });
    await waitFor(
      () => (editor.awareness.getStates().get(viewer.doc.clientID) as { user?: { name: string } } | undefined)?.user?.name === 'Vera',
      'the editor to see the viewer’s presence',
    );
  });

  it('editing its own copy changes nothing anyone else sees or the server stores, and past the threshold it is closed with 4403 for good', async () => {
    const { id, editKey, viewKey } = await createMap(server.http, { template: 'currentJourney' });
    const editor = track(await openClient(server.ws, id, editKey));
    const viewer = track(await openClient(server.ws, id, viewKey));
    const before = contentOf(editor.doc);
    const { stageId, laneId } = firstCell(viewer.doc);

    const closed = nextClose(viewer.provider);
    for (let i = 0; i <= FORBIDDEN_WRITES; i++) addCard(viewer.doc, stageId, laneId, { text: `viewer ${i}` });
    expect((await closed).code).toBe(4403);
    expect(viewer.provider.shouldConnect).toBe(false);
    expect(await settlesWithin(nextAttempt(viewer.provider), 1000)).toBe('timeout');

    // The editor writes after the viewer was closed; once that is stored, the viewer's cards would be too.
    const marker = addCard(editor.doc, stageId, laneId, { text: 'marker' })!;
    await waitFor(() => cardTexts(readStored(server.dataDir, id).doc).has(marker), 'the editor’s card to be stored');
    const stored = readStored(server.dataDir, id).doc;
    const texts = [...cardTexts(stored).values(), ...cardTexts(editor.doc).values()];
    expect(texts.filter((t) => t.startsWith('viewer'))).toEqual([]);
    editor.doc.getMap('cards').delete(marker);
    await waitFor(() => !cardTexts(readStored(server.dataDir, id).doc).has(marker), 'the marker’s removal to be stored');
    expect(contentOf(readStored(server.dataDir, id).doc)).toEqual(before);
  });

  it('updates from a modified client (as updates or as sync step 2) are dropped, counted, and then refused with 4403', async () => {
    const { id, editKey, viewKey } = await createMap(server.http, { template: 'blank' });
    const editor = track(await openClient(server.ws, id, editKey));
    const watcher = track(await openClient(server.ws, id, editKey));
    const socket = await raw(id, viewKey);

    // A real update against the map's current state, as an editor would send it.
    const local = new Y.Doc();
    Y.applyUpdate(local, Y.encodeStateAsUpdate(editor.doc));
    const { stageId, laneId } = firstCell(local);
    const forged: Uint8Array[] = [];
    local.on('update', (u: Uint8Array) => forged.push(u));
    for (let i = 0; i <= FORBIDDEN_WRITES; i++) addCard(local, stageId, laneId, { text: `forged ${i}` });

    for (let i = 0; i < FORBIDDEN_WRITES; i++) socket.send(i % 2 ? syncStep2Message(forged[i]!) : updateMessage(forged[i]!));
    await socket.roundTrip(); // all of them handled, and the socket is still open

    // Whatever the server did with them has reached the watcher by the time a later edit does.
    const marker = addCard(editor.doc, stageId, laneId, { text: 'marker' })!;
    await waitFor(() => cardTexts(watcher.doc).has(marker), 'the watcher to see the marker');
    await waitFor(() => cardTexts(readStored(server.dataDir, id).doc).has(marker), 'the marker to be stored');
    for (const doc of [watcher.doc, editor.doc, readStored(server.dataDir, id).doc]) {
      expect([...cardTexts(doc).values()].filter((t) => t.startsWith('forged'))).toEqual([]);
    }

    socket.send(updateMessage(forged[FORBIDDEN_WRITES]!));
    expect((await socket.closed).code).toBe(4403);
  });

  it('its empty sync step 2 (what a viewer with nothing new answers on connect) is not held against it', async () => {
    const { id, viewKey } = await createMap(server.http, { template: 'blank' });
    const socket = await raw(id, viewKey);
    const empty = Y.encodeStateAsUpdate(new Y.Doc());
    for (let i = 0; i < FORBIDDEN_WRITES * 3; i++) socket.send(syncStep2Message(empty));
    await socket.roundTrip();
    expect(socket.ws.readyState).toBe(socket.ws.OPEN);
  });

  it('reconnecting many times with a copy it already has is never refused', async () => {
    const { id, editKey, viewKey } = await createMap(server.http, { template: 'currentJourney' });
    const editor = track(await openClient(server.ws, id, editKey));
    // Deletions leave a delete set, which a viewer's sync step 2 always carries.
    editor.doc.getMap('cards').delete([...editor.doc.getMap('cards').keys()][0]!);
    const viewer = track(await openClient(server.ws, id, viewKey));
    await waitFor(() => JSON.stringify(contentOf(viewer.doc)) === JSON.stringify(contentOf(editor.doc)), 'the viewer to catch up');
    for (let i = 0; i < FORBIDDEN_WRITES + 2; i++) {
      viewer.provider.disconnect();
      viewer.provider.connect();
      await waitFor(() => viewer.provider.synced, 'the viewer to resync');
    }
    expect(viewer.closes).toEqual([]);
  });
});

describe('presence (awareness)', () => {
  it('a state sent for another client id never reaches anyone, nor the server’s presence list', async () => {
    const { id, editKey, viewKey } = await createMap(server.http);
    const ana = track(await openClient(server.ws, id, editKey));
    const bob = track(await openClient(server.ws, id, editKey));
    ana.awareness.setLocalStateField('user', { name: 'Ana' });
    await waitFor(() => bob.awareness.getStates().has(ana.doc.clientID), 'Bob to see Ana');
    const socket = await raw(id, viewKey);

    const own = 777_001;
    const fake = 777_002;
    socket.send(awarenessMessage(awarenessUpdate([{ clientID: own, clock: 1, state: { user: { name: 'the viewer' } } }])));
    socket.send(
      awarenessMessage(
        awarenessUpdate([
          { clientID: fake, clock: 1, state: { user: { name: 'a ghost' } } },
          { clientID: ana.doc.clientID, clock: 1_000, state: { user: { name: 'not Ana' } } },
        ]),
      ),
    );
    // A removal of Ana, sent by someone else.
    socket.send(awarenessMessage(awarenessUpdate([{ clientID: ana.doc.clientID, clock: 2_000, state: null }])));
    await socket.roundTrip();

    // Anything broadcast for those messages reaches Bob before Ana's next change does.
    ana.awareness.setLocalStateField('cursor', { x: 1 });
    await waitFor(() => (bob.awareness.getStates().get(ana.doc.clientID) as { cursor?: unknown })?.cursor !== undefined, 'Bob to see Ana’s cursor');
    await waitFor(() => bob.awareness.getStates().has(own), 'Bob to see the viewer’s own presence');
    expect(bob.awareness.getStates().has(fake)).toBe(false);
    expect(bob.awareness.getStates().get(ana.doc.clientID)).toEqual({ user: { name: 'Ana' }, cursor: { x: 1 } });
    expect(ana.awareness.getLocalState()).toEqual({ user: { name: 'Ana' }, cursor: { x: 1 } });

    // The server's own list, as it answers a query. Nothing changes presence meanwhile, and whatever
    // was broadcast before has arrived by the end of a round trip: the next awareness message is the answer.
    await socket.roundTrip();
    const asked = socket.received.length;
    const reply = socket.message((m) => m[0] === 1 && socket.received.indexOf(m) >= asked);
    socket.send(new Uint8Array([3]));
    const states = readAwarenessMessage(await reply)!;
    expect(states.get(own)).toEqual({ user: { name: 'the viewer' } });
    expect(states.has(fake)).toBe(false);
    expect(states.get(ana.doc.clientID)).toEqual({ user: { name: 'Ana' }, cursor: { x: 1 } });
  });

  it('a connection cannot take over the presence of someone already connected by announcing their id first', async () => {
    const { id, editKey, viewKey } = await createMap(server.http);
    const ana = track(await openClient(server.ws, id, editKey));
    const bob = track(await openClient(server.ws, id, editKey));
    ana.awareness.setLocalStateField('user', { name: 'Ana' });
    await waitFor(() => bob.awareness.getStates().has(ana.doc.clientID), 'Bob to see Ana');

    const socket = await raw(id, viewKey);
    socket.send(awarenessMessage(awarenessUpdate([{ clientID: ana.doc.clientID, clock: 1_000, state: { user: { name: 'impostor' } } }])));
    await socket.roundTrip();
    ana.awareness.setLocalStateField('cursor', { x: 2 });
    await waitFor(() => (bob.awareness.getStates().get(ana.doc.clientID) as { cursor?: unknown })?.cursor !== undefined, 'Bob to see Ana’s cursor');
    expect(bob.awareness.getStates().get(ana.doc.clientID)).toEqual({ user: { name: 'Ana' }, cursor: { x: 2 } });

    // And when the impostor leaves, Ana does not vanish from Bob's screen.
    socket.ws.close();
    await socket.closed;
    ana.awareness.setLocalStateField('cursor', { x: 3 });
    await waitFor(() => (bob.awareness.getStates().get(ana.doc.clientID) as { cursor?: { x: number } })?.cursor?.x === 3, 'Bob to see Ana move');
    expect(bob.awareness.getStates().has(ana.doc.clientID)).toBe(true);
  });

  it('someone who leaves disappears from the others’ presence at once', async () => {
    const { id, editKey, viewKey } = await createMap(server.http);
    const ana = track(await openClient(server.ws, id, editKey));
    const vera = track(await openClient(server.ws, id, viewKey));
    vera.awareness.setLocalStateField('user', { name: 'Vera' });
    await waitFor(() => ana.awareness.getStates().has(vera.doc.clientID), 'Ana to see Vera');
    vera.provider.ws!.close(); // a closed tab: no goodbye message from the client
    await waitFor(() => !ana.awareness.getStates().has(vera.doc.clientID), 'Vera to leave Ana’s presence list');
  });

  it('a lone viewer is not sent its own presence back, but hears a sign of life, so its client does not drop the connection', async () => {
    // Its own server, where a sign of life is due after 1 s of silence (5 s by default).
    const quiet = await startTestServer({ limits: { presenceKeepaliveMs: 1000 } });
    try {
      const { id, viewKey } = await createMap(quiet.http);
      const viewer = track(await openClient(quiet.ws, id, viewKey));
      const heard: Map<number, unknown>[] = [];
      viewer.provider.ws!.addEventListener('message', (event: MessageEvent) => {
        const states = readAwarenessMessage(new Uint8Array(event.data as ArrayBuffer));
        if (states) heard.push(states);
      });
      await delay(1100); // the server has sent it nothing since it synced
      const lastHeard = viewer.provider.wsLastMessageReceived;
      // What the client's 15-second renewal sends, sent now.
      viewer.awareness.setLocalStateField('user', { name: 'alone' });
      await waitFor(() => heard.length > 0, 'a sign of life');
      // An empty presence message: not its own state back.
      expect(heard[0]!.size).toBe(0);
      // The client counts it as a sign of life: its 30-second silence timer starts over.
      expect(viewer.provider.wsLastMessageReceived).toBeGreaterThan(lastHeard);
      // Presence right after that brings it nothing (it was sent something a moment ago), while
      // another client sees it.
      const watcher = await rawSocket(quiet.ws, id, [`key.${viewKey}`]);
      viewer.awareness.setLocalStateField('user', { name: 'alone again' });
      const named = (m: Uint8Array) => (readAwarenessMessage(m)?.get(viewer.doc.clientID) as { user?: { name: string } } | undefined)?.user?.name;
      await watcher.message((m) => named(m) === 'alone again');
      await delay(100); // anything sent to the viewer in the same turn has arrived by now
      expect(heard).toHaveLength(1);
      expect(viewer.provider.wsconnected).toBe(true);
      expect(viewer.closes).toEqual([]);
      watcher.ws.close();
    } finally {
      await quiet.shutdown();
    }
  });
});
