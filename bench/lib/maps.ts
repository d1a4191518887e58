// Maps for the benchmarks: generated journeys (src/journey/generate.ts) written as the server seeds
// a new map, optionally with long card texts to reach a stored size.
import { generateJourney } from '../../src/journey/generate';
import { journeyState } from '../../server/seed';

const WORDS = ['customer', 'calls', 'store', 'app', 'waits', 'bill', 'plan', 'agent', 'signal', 'price', 'contract', 'renewal', 'chat', 'form'];

/** The stored state of a generated map of stages x lanes x cards per cell. */
export function mapState(stages: number, lanes: number, perCell: number): Uint8Array {
  return journeyState(generateJourney(stages, lanes, perCell));
}

/** The stored state of a 20 x 10 x 5 map (1,000 cards) whose card texts are long enough for the
 * whole state to be about `targetBytes`. */
export function mapOfSize(targetBytes: number): Uint8Array {
  const journey = generateJourney(20, 10, 5);
  const base = journeyState(journey).byteLength;
  const length = Math.max(0, Math.floor((targetBytes - base) / journey.cards.size));
  let n = 0;
  const cards = new Map(
    [...journey.cards].map(([id, card]) => {
      let text = `${card.text} `;
      while (text.length < length) text += `${WORDS[(n++ * 7) % WORDS.length]} `;
      return [id, { ...card, text: text.slice(0, Math.max(length, card.text.length)) }];
    }),
  );
  return journeyState({ ...journey, cards });
}
