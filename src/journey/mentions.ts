// `@name` mentions in a comment: finding the `@…` being typed (for the suggestions listbox), putting a
// chosen name in its place, which known names a text mentions, and splitting a text into plain parts
// and mentions to draw them. Names may hold spaces ("@Ana Pop"): a mention is a known name, not a word.
// Pure; the composer (src/panels/CommentComposer.tsx) and the comments client use it.

const MAX_QUERY = 40;

/** Lower case without accents, so "ioana" finds "Ioana" and "stefan" finds "Ștefan". */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();

/** The mention being typed just before `caret`: where its `@` is and what follows it; null if none. */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const start = before.lastIndexOf('@');
  if (start < 0 || caret - start - 1 > MAX_QUERY) return null;
  // An e-mail address is no mention: the `@` starts the text or follows a space or an opening mark.
  if (start > 0 && !/[\s([{"'“‘]/u.test(before[start - 1]!)) return null;
  const query = before.slice(start + 1);
  if (/[\n@]/.test(query)) return null;
  return { start, query };
}

/** The names that fit what was typed after `@`: by the start of the name or of one of its words. */
export function suggestNames(names: readonly string[], query: string, max = 6): string[] {
  const q = fold(query.trimStart());
  const fits = (name: string) => {
    const n = fold(name);
    return n.startsWith(q) || n.split(/\s+/).some((word) => word.startsWith(q));
  };
  const found = names.filter(fits);
  // Only what fits exactly so far: "@Ana " with a space closes the list unless "Ana Pop" is known.
  return (query.endsWith(' ') ? found.filter((n) => fold(n).startsWith(q)) : found).slice(0, max);
}

/** The text with the `@…` from `start` to `caret` replaced by the chosen name and a space, and where the caret goes. */
export function insertMention(text: string, start: number, caret: number, name: string): { text: string; caret: number } {
  const inserted = `@${name} `;
  const rest = text.slice(caret).replace(/^ /, '');
  return { text: text.slice(0, start) + inserted + rest, caret: start + inserted.length };
}

const isNameChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}_-]/u.test(c);

/** Where each mention of a known name is in a text (the longest name wins where two start alike). */
function findMentions(text: string, names: readonly string[]): { at: number; name: string }[] {
  const sorted = [...new Set(names.filter((n) => n.trim()))].sort((a, b) => b.length - a.length);
  const folded = fold(text);
  const found: { at: number; name: string }[] = [];
  for (let i = folded.indexOf('@'); i >= 0; i = folded.indexOf('@', i + 1)) {
    if (i > 0 && isNameChar(text[i - 1])) continue;
    // Folding keeps lengths for the letters names are made of (an accent is one code unit dropped
    // per letter only in rare scripts), so compare the text's own slice, folded.
    const name = sorted.find((n) => fold(text.slice(i + 1, i + 1 + n.length)) === fold(n) && !isNameChar(text[i + 1 + n.length]));
    if (name) found.push({ at: i, name });
  }
  return found;
}

/** The known names a text mentions, each once, in the order they appear. */
export function mentionsIn(text: string, names: readonly string[]): string[] {
  return [...new Set(findMentions(text, names).map((m) => m.name))];
}

export type TextPart = { text: string; mention: boolean };

/** The text in plain parts and mentions (of `names`), to draw the mentions apart. */
export function splitMentions(text: string, names: readonly string[]): TextPart[] {
  const parts: TextPart[] = [];
  let from = 0;
  for (const { at, name } of findMentions(text, names)) {
    if (at > from) parts.push({ text: text.slice(from, at), mention: false });
    parts.push({ text: text.slice(at, at + 1 + name.length), mention: true });
    from = at + 1 + name.length;
  }
  if (from < text.length) parts.push({ text: text.slice(from), mention: false });
  return parts;
}

/** Everyone who has been on the map, by name: people here now, the authors of its comments, and oneself. */
export function knownNames(...lists: Iterable<string>[]): string[] {
  const seen = new Map<string, string>();
  for (const list of lists) for (const name of list) if (name.trim() && !seen.has(fold(name.trim()))) seen.set(fold(name.trim()), name.trim());
  return [...seen.values()].sort((a, b) => a.localeCompare(b));
}
