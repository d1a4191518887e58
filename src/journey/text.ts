// The smallest single edit that turns one string into another: how an input's new value becomes a
// Y.Text delete + insert, so two people typing in one card merge instead of overwriting.
import { simpleDiffString, simpleDiffStringWithCursor } from 'lib0/diff';

export interface TextEdit {
  index: number;
  remove: number;
  insert: string;
}

/**
 * `caret` (where the caret is in `after`, if known) settles the ambiguous cases: typing "a" into
 * "aa" at the start is an insert at 0, not at 2. Where the edit sits matters when others edit the
 * same text at once: the inserted characters attach to their neighbours.
 *
 * lib0's diff (the one y-codemirror and y-prosemirror use) does the work and keeps surrogate pairs
 * whole; its cursor bounds the unchanged start, so it is the caret less what was inserted.
 */
export function diffText(before: string, after: string, caret?: number): TextEdit | null {
  if (before === after) return null;
  const known = caret !== undefined && caret >= 0 && caret <= after.length;
  const edit = known ? simpleDiffStringWithCursor(before, after, caret - Math.max(0, after.length - before.length)) : simpleDiffString(before, after);
  return { index: edit.index, remove: edit.remove, insert: edit.insert };
}
