// The editing client of the scale-out fault tests: a stock y-websocket client in Node (as the
// browser app makes one, with the map's edit key) that edits the journey through the app's own
// commands (src/doc/commands.ts) — adds cards, types into a card's text one keystroke at a time,
// moves and deletes cards — and, when asked, drops and regains its connection. Its choices come from
// a seeded PRNG, so a failing seed replays the same choices (the interleaving with the network and
// the other clients is the machine's). Its presence (awareness) carries its name, so a test can check
// that every client sees every other one, wherever each is connected.
import * as Y from 'yjs';
import { readJourney } from '../../src/doc/bindDoc';
import { addCard, deleteCards, editCardText, moveCards } from '../../src/doc/commands';
import { sortByIndex } from '../../src/journey/order';
import { mulberry32 } from '../../src/journey/testing';
import { connectClient, delay, type Client } from '../testing/harness';

export interface EditorOptions {
  /** Drop and regain the connection at random (`maybeReconnect`). */
  reconnects?: boolean;
}

export interface Editor {
  readonly name: string;
  readonly client: Client;
  readonly doc: Y.Doc;
  /** How many times it dropped its connection on purpose. */
  readonly drops: number;
  /** One random edit through the app's commands. */
  edit(): void;
  /** Types one character at the end of this editor's own card (made at its first call). */
  type(): void;
  /** Pastes text at the end of its own card, as one edit. */
  paste(text: string): void;
  /** With `reconnects`: drops a live connection now and then, and regains a dropped one sooner. */
  maybeReconnect(): void;
  /** Connected and synced with its server. */
  readonly live: boolean;
  /** The names of the other clients its presence shows. */
  seenNames(): Set<string>;
  destroy(): void;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz ';

/** `wsBase`: a server's (or the proxy's) sync URL, ws://host:port/sync. */
export function startEditor(wsBase: string, map: { id: string; editKey: string }, name: string, seed: number, options: EditorOptions = {}): Editor {
  const rand = mulberry32(seed);
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(xs: readonly T[]): T | undefined => (xs.length ? xs[int(xs.length)] : undefined);
  const client = connectClient(wsBase, map.id, map.editKey);
  const { doc, provider, awareness } = client;
  awareness.setLocalStateField('user', { name });
  let made = 0;
  let drops = 0;
  let ownCard: string | null = null;

  const cells = () => {
    const j = readJourney(doc);
    return {
      stages: sortByIndex(j.stages.values()),
      // The emotional curve holds no cards.
      lanes: sortByIndex(j.lanes.values()).filter((l) => l.kind !== 'emotions'),
      cards: [...j.cards.values()],
    };
  };

  const typeInto = (cardId: string, text: string) => {
    const at = int(text.length + 1);
    // Mostly a keystroke; now and then a backspace.
    if (text.length && int(6) === 0) editCardText(doc, cardId, { index: Math.max(0, at - 1), remove: 1, insert: '' });
    else editCardText(doc, cardId, { index: at, remove: 0, insert: LETTERS[int(LETTERS.length)]! });
  };

  const appendToOwnCard = (insert: string) => {
    if (!ownCard || !doc.getMap('cards').has(ownCard)) {
      const { stages, lanes } = cells();
      ownCard = addCard(doc, stages[0]!.id, lanes[0]!.id, { text: `${name}: ` });
    }
    const text = readJourney(doc).cards.get(ownCard!)?.text ?? '';
    editCardText(doc, ownCard!, { index: text.length, remove: 0, insert });
  };

  return {
    name,
    client,
    doc,
    get drops() {
      return drops;
    },
    get live() {
      return provider.wsconnected && provider.synced;
    },
    edit() {
      const { stages, lanes, cards } = cells();
      const stage = pick(stages);
      const lane = pick(lanes);
      const card = pick(cards);
      const roll = int(20);
      if (roll < 6 || !card) {
        if (stage && lane) addCard(doc, stage.id, lane.id, { text: `${name}#${++made}`, position: int(4) });
      } else if (roll < 15) typeInto(card.id, card.text);
      else if (roll < 18) {
        if (stage && lane) moveCards(doc, [card.id], stage.id, lane.id, int(4));
      } else if (cards.length > 4) deleteCards(doc, [card.id]);
    },
    type() {
      appendToOwnCard(LETTERS[int(LETTERS.length - 1)]!);
    },
    paste: (text) => appendToOwnCard(text),
    maybeReconnect() {
      if (!options.reconnects) return;
      if (provider.shouldConnect && rand() < 0.03) {
        provider.disconnect();
        drops++;
      } else if (!provider.shouldConnect && rand() < 0.2) provider.connect();
    },
    seenNames() {
      const names = new Set<string>();
      awareness.getStates().forEach((state, id) => {
        const seen = (state as { user?: { name?: unknown } }).user?.name;
        if (id !== doc.clientID && typeof seen === 'string') names.add(seen);
      });
      return names;
    },
    destroy: () => client.destroy(),
  };
}

/** Drives editors for `ms`: every `everyMs` one of them, chosen by `seed`, edits (and maybe drops or
 * regains its connection). Resolves with the number of edits made. */
export async function drive(editors: readonly Editor[], { ms, everyMs, seed }: { ms: number; everyMs: number; seed: number }): Promise<number> {
  const rand = mulberry32(seed);
  const end = Date.now() + ms;
  let edits = 0;
  while (Date.now() < end) {
    const editor = editors[Math.floor(rand() * editors.length)]!;
    editor.maybeReconnect();
    editor.edit();
    edits++;
    await delay(everyMs);
  }
  return edits;
}
