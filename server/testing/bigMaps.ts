// Large maps for the tests and benchmarks of work that grows with a map's size (compaction, file
// import): a generated journey of 10,000 cards (40 stages x 10 lanes x 25 cards) whose card texts are
// long enough for the whole to be about a given size, as a document state or as an exported map
// file. (The work grows with the number of items as much as with the bytes: 10 MiB in 10,000 cards
// take about 470 ms to import on the event loop, as issue 11 measured; in 1,000 cards, a third of it.)
import { generateJourney } from '../../src/journey/generate';
import { toExportFile } from '../../src/journey/exchange';
import type { Journey } from '../../src/journey/types';
import { journeyState } from '../seed';

const WORDS = ['customer', 'calls', 'store', 'app', 'waits', 'bill', 'plan', 'agent', 'signal', 'price', 'contract', 'renewal', 'chat', 'form'];

/** Stages, lanes and cards per cell of the generated journey. */
export type Shape = [stages: number, lanes: number, perCell: number];
const TEN_THOUSAND_CARDS: Shape = [40, 10, 25];

/** A journey (10,000 cards unless `shape` says otherwise) whose card texts add up to about `textBytes`. */
export function journeyWithText(textBytes: number, shape: Shape = TEN_THOUSAND_CARDS): Journey {
  const journey = generateJourney(...shape);
  const length = Math.max(0, Math.floor(textBytes / journey.cards.size));
  let n = 0;
  const cards = new Map(
    [...journey.cards].map(([id, card]) => {
      let text = `${card.text} `;
      while (text.length < length) text += `${WORDS[(n++ * 7) % WORDS.length]} `;
      return [id, { ...card, text: text.slice(0, Math.max(length, card.text.length)) }];
    }),
  );
  return { ...journey, cards };
}

/** The stored state of a map of about `bytes` (10,000 cards unless `shape` says otherwise). */
export function stateOfSize(bytes: number, shape: Shape = TEN_THOUSAND_CARDS): Uint8Array {
  const base = journeyState(journeyWithText(0, shape)).byteLength;
  return journeyState(journeyWithText(bytes - base, shape));
}

/** The body of `POST /api/maps` importing a 10,000-card map file of about `bytes`, as UTF-8 JSON. */
export function mapFileBodyOfSize(bytes: number): Buffer {
  const body = (textBytes: number) => Buffer.from(JSON.stringify({ file: toExportFile(journeyWithText(textBytes), new Date(0)) }));
  const base = body(0).byteLength;
  return body(bytes - base);
}
