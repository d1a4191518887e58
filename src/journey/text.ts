// The smallest single edit that turns one string into another: how an input's new value becomes a
// Y.Text delete + insert, so two people typing in one card merge instead of overwriting.
export interface TextEdit {
  index: number;
  remove: number;
  insert: string;
}

/**
 * `caret` (where the caret is in `after`, if known) settles the ambiguous cases: typing "a" into
 * "aa" at the start is an insert at 0, not at 2. Where the edit sits matters when others edit the
 * same text at once: the inserted characters attach to their neighbours.
 */
export function diffText(before: string, after: string, caret?: number): TextEdit | null {
  if (before === after) return null;
  const grown = after.length - before.length;
  let max = Math.min(before.length, after.length);
  // An insert ends at the caret, so the unchanged start can reach no further than caret - inserted.
  if (caret !== undefined && caret >= 0 && caret <= after.length) max = Math.min(max, caret - Math.max(0, grown));
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  // The unchanged end cannot reach back past the caret either.
  const minEndAfter = caret !== undefined && caret >= start && caret <= after.length ? caret : start;
  while (endBefore > start && endAfter > minEndAfter && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  // Never split a surrogate pair (an emoji, say) between the kept and the edited part.
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  if (endBefore < before.length && isLowSurrogate(before.charCodeAt(endBefore))) {
    endBefore++;
    endAfter++;
  }
  return { index: start, remove: endBefore - start, insert: after.slice(start, endAfter) };
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;
