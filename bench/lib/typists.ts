// Typing at a steady pace and timing who sees it, for the benchmarks whose clients type while
// others watch (bench/scaleout.ts). A typist appends one character at a time to one card's text,
// stamping each with performance.now(); an observer's document, on every update, finds how many of
// the typist's characters it now holds (its text's length: characters only ever go at the end) and
// takes each new one's delay from its stamp. All clients live in the benchmark's process, so the
// stamps and the arrivals are read on the same clock.
import * as Y from 'yjs';
import type { ProviderClient } from './clients';
import { delay } from './stats';

export interface Typist {
  readonly client: ProviderClient;
  /** The card it types into. */
  readonly card: string;
  /** When each of its characters was typed (before the local transaction). */
  readonly typedAt: number[];
  /** Types one character. */
  type(): void;
}

const textOf = (client: ProviderClient, card: string): Y.Text => {
  const text = client.doc.getMap<Y.Map<unknown>>('cards').get(card)?.get('text');
  if (!(text instanceof Y.Text)) throw new Error(`card ${card} has no text in this client's document`);
  return text;
};

/** The map's `index`-th card (in the document's order), for a client that has synced. */
export function cardAt(client: ProviderClient, index: number): string {
  const ids = [...client.doc.getMap('cards').keys()];
  return ids[index % ids.length]!;
}

export function typist(client: ProviderClient, card: string): Typist {
  const text = textOf(client, card);
  const typedAt: number[] = [];
  return {
    client,
    card,
    typedAt,
    type() {
      typedAt.push(performance.now());
      text.insert(text.length, String.fromCharCode(97 + (typedAt.length % 26)));
    },
  };
}

/** Calls `seen(ms, k)` each time the observer's document first holds the typist's k-th character
 * (k from 0). Call it before the typist types. Returns how many it has seen so far, and a stop. */
export function watch(observer: ProviderClient, from: Typist, seen: (ms: number, k: number) => void): { count(): number; stop(): void } {
  const text = textOf(observer, from.card);
  const base = text.length - from.typedAt.length;
  let count = from.typedAt.length;
  const onUpdate = () => {
    const now = performance.now();
    for (const held = text.length - base; count < held; count++) seen(now - from.typedAt[count]!, count);
  };
  observer.doc.on('update', onUpdate);
  return { count: () => count, stop: () => observer.doc.off('update', onUpdate) };
}

/** Has the typist type `count` characters, one every `periodMs` on a fixed schedule from now (a late
 * turn of the event loop does not push the later ones back). */
export async function typeAtPace(who: Typist, count: number, periodMs: number): Promise<void> {
  const start = performance.now();
  for (let k = 0; k < count; k++) {
    const wait = start + k * periodMs - performance.now();
    if (wait > 0) await delay(wait);
    who.type();
  }
}
