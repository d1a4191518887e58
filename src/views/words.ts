// Turns the words a card kind declares (src/journey/cards/kind.ts: a message, typed text, or a
// number) into text in the reader's language, for the card face, the poster, print and reports.
import type { Words } from '../journey/cards';
import type { Translate } from '../i18n';

/**
 * The text of `words`. Numbers are written by `number` when given (the poster's: its language's
 * way, or plainly when it has none), numbers among a message's params too; else a message's are
 * written by `t` in its own language, and a bare number plainly.
 */
export function wordsText(t: Translate, words: Words, number?: (n: number) => string): string {
  if ('key' in words) {
    if (!number || !words.params) return t(words.key, words.params);
    return t(words.key, Object.fromEntries(Object.entries(words.params).map(([k, v]) => [k, typeof v === 'number' ? number(v) : v])));
  }
  if ('number' in words) return (number ?? String)(words.number);
  return words.plain;
}
