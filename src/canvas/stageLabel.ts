// How a stage's name is shown in its frozen header (FrozenHeaders), whose width follows the zoom:
// whole on one or two lines, at 14 px or else 12 px, then with a long word split by a hyphen; when even that does not fit, a readable abbreviation (the header then carries the full name as
// its title and accessible name). Pure: the text measure is passed in (a canvas's measureText in the
// app, a fixed-width one in unit tests), so it needs no DOM layout and runs at every zoom step.

/** Width of `text` in px at `size` px, bold, in the header's font. */
export type Measure = (text: string, size: number) => number;

export interface StageLabel {
  /** The lines to draw, in order (at most two); joined, the name itself unless `abbreviated`. */
  lines: string[];
  /** The type size in px. */
  size: number;
  abbreviated: boolean;
}

const SIZES = [14, 12];
const SMALL = 12;
const MAX_LINES = 2;
/** The shortest piece of a word on either side of a hyphen, and the shortest abbreviated word. */
const MIN_PIECE = 3;

/**
 * Greedy wrap of `words` into lines of at most `width` px; a word wider than a line is split with a
 * hyphen at the last place where its head still fits (at least MIN_PIECE letters on each side).
 * `null` when more than MAX_LINES lines are needed or a word cannot be split so.
 */
function wrap(words: string[], width: number, size: number, measure: Measure, split: boolean): string[] | null {
  const lines: string[] = [];
  let line = '';
  const push = (text: string) => {
    lines.push(text);
    return lines.length <= MAX_LINES;
  };
  for (let word of words) {
    const joined = line ? `${line} ${word}` : word;
    if (measure(joined, size) <= width) {
      line = joined;
      continue;
    }
    if (line && !push(line)) return null;
    line = '';
    while (measure(word, size) > width) {
      if (!split) return null;
      let cut = word.length - MIN_PIECE;
      while (cut >= MIN_PIECE && measure(`${word.slice(0, cut)}-`, size) > width) cut--;
      if (cut < MIN_PIECE) return null;
      if (!push(`${word.slice(0, cut)}-`)) return null;
      word = word.slice(cut);
    }
    line = word;
  }
  if (line && !push(line)) return null;
  return lines;
}

/** Each word cut to `keep` letters and a full stop (short words stay whole). */
const abbreviate = (words: string[], keep: number) => words.map((w) => (w.length > keep + 1 ? `${w.slice(0, keep)}.` : w));

/** `largest`: the largest type size to try (the headers of one map share one size: FrozenHeaders
 * asks again at 12 px when any of them needs it). */
export function stageLabel(name: string, width: number, measure: Measure, largest = SIZES[0]!): StageLabel {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { lines: [], size: SMALL, abbreviated: false };
  // Whole words first (14 px, then 12 px), then a long word split with a hyphen (12 px).
  for (const [size, split] of [...SIZES.filter((size) => size <= largest).map((size) => [size, false] as const), [SMALL, true] as const]) {
    const lines = wrap(words, width, size, measure, split);
    if (lines) return { lines, size, abbreviated: false };
  }
  // Shorter and shorter abbreviations at the small size, never fewer than MIN_PIECE letters a word.
  const small = SMALL;
  const longest = Math.max(...words.map((w) => w.length));
  for (let keep = Math.min(longest - 1, 8); keep >= MIN_PIECE; keep--) {
    const short = abbreviate(words, keep);
    // Abbreviations are not split again: whole words of at most two lines.
    const lines = wrap(short, width, small, measure, false);
    if (lines) return { lines, size: small, abbreviated: true };
  }
  // Too narrow for any legible abbreviation: the header shows its number only (and the full name
  // as its title and to screen readers).
  return { lines: [], size: small, abbreviated: true };
}
