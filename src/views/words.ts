// Turns the words a card kind declares (src/journey/cards/kind.ts: a message, typed text, or a
// number) into text in the reader's language, for the card face, the poster, print and reports.
import type { Words } from '../journey/cards';
import type { Translate } from '../i18n';

/** The text of `words`; numbers are written by `number` (the language's way). */
export function wordsText(t: Translate, words: Words, number: (n: number) => string = String): string {
  if ('key' in words) return t(words.key, words.params);
  if ('number' in words) return number(words.number);
  return words.plain;
}
