import { describe, expect, it } from 'vitest';
import { diffText, type TextEdit } from './text';
import { mulberry32 } from './testing';

/** What a Y.Text ends up holding after the edit: delete then insert at one index. */
function apply(before: string, edit: TextEdit | null): string {
  if (!edit) return before;
  return before.slice(0, edit.index) + edit.insert + before.slice(edit.index + edit.remove);
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** No lone surrogate anywhere in the string (String#isWellFormed, which our lib target lacks). */
function wellFormed(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isHigh(c)) {
      if (!isLow(s.charCodeAt(i + 1))) return false;
      i++;
    } else if (isLow(c)) return false;
  }
  return true;
}

/** The edit neither cuts an emoji in half at its start nor at its end. */
function keepsPairsWhole(before: string, edit: TextEdit): boolean {
  const kept = before.slice(0, edit.index);
  const removed = before.slice(edit.index, edit.index + edit.remove);
  const rest = before.slice(edit.index + edit.remove);
  return wellFormed(kept) && wellFormed(removed) && wellFormed(rest) && wellFormed(edit.insert);
}

describe('diffText', () => {
  it('returns null when nothing changed', () => {
    expect(diffText('', '')).toBeNull();
    expect(diffText('Plată cu cardul', 'Plată cu cardul')).toBeNull();
  });

  it('turns typing at the end, in the middle and at the start into one small insert', () => {
    expect(diffText('Hell', 'Hello')).toEqual({ index: 4, remove: 0, insert: 'o' });
    expect(diffText('Helo', 'Hello')).toEqual({ index: 3, remove: 0, insert: 'l' });
    expect(diffText('ello', 'Hello')).toEqual({ index: 0, remove: 0, insert: 'H' });
    expect(diffText('', 'Salut')).toEqual({ index: 0, remove: 0, insert: 'Salut' });
  });

  it('turns backspace and a replaced selection into the smallest delete (+ insert)', () => {
    expect(diffText('Hello', 'Hell')).toEqual({ index: 4, remove: 1, insert: '' });
    expect(diffText('Hello world', 'Hello there')).toEqual({ index: 6, remove: 5, insert: 'there' });
    expect(diffText('abc', '')).toEqual({ index: 0, remove: 3, insert: '' });
  });

  it('places an ambiguous insert or delete at the caret', () => {
    // "a" typed at the start of "aa": the caret (1) says where, not the longest common start.
    expect(diffText('aa', 'aaa', 1)).toEqual({ index: 0, remove: 0, insert: 'a' });
    expect(diffText('aa', 'aaa', 2)).toEqual({ index: 1, remove: 0, insert: 'a' });
    expect(diffText('aa', 'aaa')).toEqual({ index: 2, remove: 0, insert: 'a' });
    // " roaming" typed after "go" in "go go": the second space and word belong at the caret.
    expect(diffText('go go', 'go  go', 3)).toEqual({ index: 2, remove: 0, insert: ' ' });
    // Backspace at 1 in "aaa" removes the first "a", not the last.
    expect(diffText('aaa', 'aa', 0)).toEqual({ index: 0, remove: 1, insert: '' });
    // A wrong hint still yields an edit that makes `after`.
    expect(apply('abc', diffText('abc', 'abXc', 0))).toBe('abXc');
  });

  it('keeps Romanian and Italian diacritics intact', () => {
    expect(diffText('Pas', 'Paș')).toEqual({ index: 2, remove: 1, insert: 'ș' });
    expect(diffText('Plata', 'Plată')).toEqual({ index: 4, remove: 1, insert: 'ă' });
    expect(diffText('ăîșț', 'ăîțș')).toEqual({ index: 2, remove: 2, insert: 'țș' });
    expect(diffText('perché', 'perchè')).toEqual({ index: 5, remove: 1, insert: 'è' });
    const before = 'Întâlnire la agenție: clientul așteaptă';
    const after = 'Întâlnire la agenția: città è più bella';
    expect(apply(before, diffText(before, after))).toBe(after);
  });

  it('replaces an emoji by another as a whole pair, never half of one', () => {
    // 😀 and 😃 share their high surrogate, so a naive diff would keep it and swap only the low one.
    const edit = diffText('Mood: 😀!', 'Mood: 😃!')!;
    expect(edit).toEqual({ index: 6, remove: 2, insert: '😃' });
    // 🈀 and 😀 share their low surrogate.
    expect(diffText('\u{1F600}', '\u{1F200}')).toEqual({ index: 0, remove: 2, insert: '\u{1F200}' });
  });

  it('inserts and deletes emoji as whole pairs', () => {
    expect(diffText('ab', 'a😀b')).toEqual({ index: 1, remove: 0, insert: '😀' });
    expect(diffText('a😀b', 'ab')).toEqual({ index: 1, remove: 2, insert: '' });
    expect(diffText('😀😀', '😀')).toEqual({ index: 2, remove: 2, insert: '' });
    const edit = diffText('👍🏽 ok', '👍🏿 ok')!; // skin-tone modifiers share a high surrogate
    expect(keepsPairsWhole('👍🏽 ok', edit)).toBe(true);
    expect(apply('👍🏽 ok', edit)).toBe('👍🏿 ok');
  });

  it('types an emoji next to the same emoji, and ș next to ș, as one whole character where the caret is', () => {
    // 👍 is two UTF-16 units: a diff that kept one of them would leave a lone half in the Y.Text.
    expect(diffText('👍', '👍👍', 2)).toEqual({ index: 0, remove: 0, insert: '👍' });
    expect(diffText('👍', '👍👍', 4)).toEqual({ index: 2, remove: 0, insert: '👍' });
    expect(diffText('👍', '👍👍')).toEqual({ index: 2, remove: 0, insert: '👍' });
    expect(diffText('👍👍', '👍', 0)).toEqual({ index: 0, remove: 2, insert: '' });
    // A thumbs-up typed between two others, and next to a Romanian ș (composed, U+0219).
    const before = 'Bun 👍👍 ș';
    for (const [after, caret] of [['Bun 👍👍👍 ș', 8], ['Bun 👍👍 👍ș', 10], ['Bun 👍👍 șș', 9], ['Bun 👍👍 ș👍', 11]] as const) {
      const edit = diffText(before, after, caret)!;
      expect(apply(before, edit)).toBe(after);
      expect(keepsPairsWhole(before, edit)).toBe(true);
      expect(edit.remove).toBe(0);
      expect(edit.insert.length).toBeLessThanOrEqual(2);
    }
    // ș typed decomposed (s + combining comma below) after a decomposed one: two units, no surrogates
    // to split (the diff may attach the old mark to the new s: the text is the same).
    const nfd = diffText('Pas\u0326', 'Pas\u0326s\u0326', 5)!;
    expect(apply('Pas\u0326', nfd)).toBe('Pas\u0326s\u0326');
    expect(nfd).toMatchObject({ remove: 0, insert: expect.stringMatching(/^(s\u0326|\u0326s)$/) });
  });

  it('always produces an edit that turns before into after without splitting a pair (random strings)', () => {
    const alphabet = ['a', 'b', ' ', 'ă', 'î', 'ș', 'ț', 'à', 'è', '😀', '😃', '🈀', '👍', '🏽', '🙋‍♀️', '\u0306'];
    const rand = mulberry32(7);
    const word = () => {
      let s = '';
      const n = Math.floor(rand() * 8);
      for (let i = 0; i < n; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
      return s;
    };
    for (let i = 0; i < 3000; i++) {
      const common = word();
      const before = rand() < 0.5 ? common + word() + common : word() + common;
      const after = rand() < 0.5 ? common + word() + common : common + word();
      const caret = rand() < 0.5 ? undefined : Math.floor(rand() * (after.length + 1));
      const edit = diffText(before, after, caret);
      expect(apply(before, edit), JSON.stringify({ before, after, caret })).toBe(after);
      if (edit) {
        expect(keepsPairsWhole(before, edit), JSON.stringify({ before, after, edit })).toBe(true);
        expect(edit.remove + edit.insert.length).toBeGreaterThan(0);
      } else expect(before).toBe(after);
    }
  });
});
