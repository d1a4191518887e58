// Live editing through a real server: two editors see each other's work (and typing in one card
// merges), a cold reload from disk equals the live document, and four clients making seeded random
// edits while dropping and regaining their connections end with one and the same map, which is also
// exactly what the server reloads from its SQLite file.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readJourney } from '../src/doc/bindDoc';
import {
  addCard,
  addStage,
  deleteCards,
  moveCards,
  setCardText,
  setEmotion,
  updateMeta,
  updateStage,
} from '../src/doc/commands';
import { sortByIndex } from '../src/journey/order';
import { mulberry32 } from '../src/journey/testing';
import type { EmotionScore } from '../src/journey/types';
import {
  cardTexts,
  contentOf,
  createMap,
  firstCell,
  openClient,
  removeTempDirs,
  stateVectorOf,
  synced,
  testResources,
  waitFor,
} from './testing/harness';

const { track, serve, cleanUp } = testResources();

afterEach(cleanUp);
afterAll(removeTempDirs);

/** Waits until every document has the same content and the same state vector. */
async function converged(docs: Y.Doc[], what: string, timeoutMs = 15_000) {
  await waitFor(
    () => {
      const first = JSON.stringify([contentOf(docs[0]!), stateVectorOf(docs[0]!)]);
      return docs.every((d) => JSON.stringify([contentOf(d), stateVectorOf(d)]) === first);
    },
    what,
    timeoutMs,
  );
}

describe('two editors', () => {
  it('see each other’s edits as they happen', async () => {
    const server = await serve();
    const { id, editKey } = await createMap(server.http, { template: 'currentJourney' });
    const ana = track(await openClient(server.ws, id, editKey));
    const bob = track(await openClient(server.ws, id, editKey));
    const { stageId, laneId } = firstCell(ana.doc, { cardLane: true });

    const cardId = addCard(ana.doc, stageId, laneId, { text: 'Ana wrote this' })!;
    await waitFor(() => cardTexts(bob.doc).get(cardId) === 'Ana wrote this', 'Bob to see Ana’s card');

    updateMeta(bob.doc, { title: 'Renamed by Bob' });
    deleteCards(bob.doc, [[...cardTexts(bob.doc).keys()].find((k) => k !== cardId)!]);
    await converged([ana.doc, bob.doc], 'Ana to see Bob’s edits');
    expect(ana.doc.getMap('meta').get('title')).toBe('Renamed by Bob');
  });

  it('typing in the same card at the same moment merges both people’s words', async () => {
    const server = await serve();
    const { id, editKey } = await createMap(server.http, { template: 'blank' });
    const ana = track(await openClient(server.ws, id, editKey));
    const bob = track(await openClient(server.ws, id, editKey));
    const { stageId, laneId } = firstCell(ana.doc, { cardLane: true });
    const cardId = addCard(ana.doc, stageId, laneId, { text: 'Hello world' })!;
    await waitFor(() => cardTexts(bob.doc).get(cardId) === 'Hello world', 'Bob to see the card');

    // Both type before either can hear from the other (same tick: no message can arrive between).
    setCardText(ana.doc, cardId, 'Hello big world');
    setCardText(bob.doc, cardId, 'Hello world!');
    await converged([ana.doc, bob.doc], 'the two texts to merge');
    expect(cardTexts(ana.doc).get(cardId)).toBe('Hello big world!');
  });
});

describe('a cold reload from disk', () => {
  it('equals the live document, and the clients that were open reconnect to the new server', async () => {
    const first = await serve();
    const { id, editKey } = await createMap(first.http, { template: 'serviceBlueprint', locale: 'ro' });
    const ana = track(await openClient(first.ws, id, editKey));
    const bob = track(await openClient(first.ws, id, editKey));
    const { stageId, laneId } = firstCell(ana.doc, { cardLane: true });
    for (let i = 0; i < 30; i++) {
      const card = addCard(i % 2 ? ana.doc : bob.doc, stageId, laneId, { text: `card ${i}` });
      if (i % 3 === 0 && card) setCardText(ana.doc, card, `card ${i}, edited`);
    }
    setEmotion(bob.doc, stageId, null, -2, 'frustrated');
    await converged([ana.doc, bob.doc], 'the two editors to agree');
    const live = contentOf(ana.doc);

    await first.shutdown();
    const second = await serve({ dataDir: first.dataDir, port: first.port });
    const fresh = track(await openClient(second.ws, id, editKey));
    expect(contentOf(fresh.doc)).toEqual(live);

    // Ana's client, still holding its copy, comes back to the same address by itself.
    await synced(ana.provider, 15_000);
    updateStage(ana.doc, stageId, { name: 'after the restart' });
    await converged([ana.doc, fresh.doc], 'an edit after the restart to arrive');
  });
});

describe('four clients editing at random, dropping and regaining their connections', () => {
  const SEEDS = [11, 23];
  const STEPS = 400;

  it.each(SEEDS)('converge to one map that equals a cold reload from disk (seed %i)', async (seed) => {
    const rand = mulberry32(seed);
    const int = (n: number) => Math.floor(rand() * n);
    const pick = <T>(xs: readonly T[]): T | undefined => (xs.length ? xs[int(xs.length)] : undefined);

    const server = await serve();
    const { id, editKey } = await createMap(server.http, { template: 'currentJourney' });
    const peers = await Promise.all(Array.from({ length: 4 }, () => openClient(server.ws, id, editKey).then(track)));
    let reconnects = 0;

    const edit = (doc: Y.Doc, step: number) => {
      const j = readJourney(doc);
      const stages = sortByIndex(j.stages.values());
      const lanes = sortByIndex(j.lanes.values()).filter((l) => l.kind !== 'emotions');
      const cards = [...j.cards.values()];
      const stage = pick(stages);
      const lane = pick(lanes);
      const card = pick(cards);
      switch (int(8)) {
        case 0:
        case 1:
          if (stage && lane) addCard(doc, stage.id, lane.id, { text: `s${step}`, position: int(4) });
          break;
        case 2:
          // Typing: insert a few characters somewhere in a card's text.
          if (card) {
            const at = int(card.text.length + 1);
            setCardText(doc, card.id, card.text.slice(0, at) + String.fromCharCode(97 + int(26)) + card.text.slice(at));
          }
          break;
        case 3:
          if (card && stage && lane) moveCards(doc, [card.id], stage.id, lane.id, int(4));
          break;
        case 4:
          if (card && int(3) === 0) deleteCards(doc, [card.id]);
          break;
        case 5:
          if (stage) updateStage(doc, stage.id, { name: `stage ${step}` });
          break;
        case 6:
          if (stage) setEmotion(doc, stage.id, pick([...j.personas.keys()]) ?? null, (int(5) - 2) as EmotionScore);
          break;
        case 7:
          if (int(10) === 0) addStage(doc, `new ${step}`, int(stages.length + 1));
          else updateMeta(doc, { scenario: `scenario ${step}` });
          break;
      }
    };

    for (let step = 0; step < STEPS; step++) {
      const peer = peers[int(peers.length)]!;
      const { provider } = peer;
      if (provider.shouldConnect && rand() < 0.04) provider.disconnect();
      else if (!provider.shouldConnect && rand() < 0.25) {
        provider.connect();
        reconnects++;
      }
      edit(peer.doc, step);
      // Let the network move now and then, so edits cross in flight.
      if (rand() < 0.3) await new Promise((done) => setImmediate(done));
    }
    expect(reconnects).toBeGreaterThan(3);

    for (const { provider } of peers) provider.connect();
    await Promise.all(peers.map((p) => synced(p.provider, 15_000)));
    await converged(
      peers.map((p) => p.doc),
      'the four clients to converge',
    );
    // Someone who only arrives now sees the same map.
    const observer = track(await openClient(server.ws, id, editKey));
    await converged([peers[0]!.doc, observer.doc], 'a newcomer to see the same map');
    const live = contentOf(peers[0]!.doc);
    expect(Object.keys(live.cards as object).length).toBeGreaterThan(0);

    for (const p of [...peers, observer]) p.destroy();
    await server.shutdown();
    const reloaded = await serve({ dataDir: server.dataDir });
    const cold = track(await openClient(reloaded.ws, id, editKey));
    expect(contentOf(cold.doc)).toEqual(live);
  }, 40_000);
});
