// Where the service blueprint's lines are drawn between lane rows (the zones and lines themselves:
// ./blueprint.ts). Pure; used by what draws the map (the canvas's blueprint layer, the picture, the
// print poster, the Markdown report), all loaded on demand, so it lives apart from the zone rules
// the first load needs for its commands.
import { LINES, zoneIndex, type BlueprintLine } from './blueprint';
import type { Lane } from './types';

/** The message key of a line's label ("Line of visibility"), in every picture of the map. */
export const lineLabelKey = (line: BlueprintLine) => `blueprint.line.${line}` as const;

/** One place a line (or more, where a zone has no lanes) is drawn: between the rows `above` and `below`. */
export interface LinePlace<R> {
  /** The lines drawn there, in order; two or three share a place when a zone between them has no lane. */
  lines: BlueprintLine[];
  /** Where `below` starts: the line's height on the grid. */
  y: number;
  above: R;
  below: R;
}

/**
 * Where the blueprint's lines go between lane rows (in order, as src/journey/layout.ts places them):
 * a line is drawn only when the map has lanes on both sides of it, at the first place where a row
 * of its side above is followed by a row of its side below. The rows are in zone order whenever
 * the lanes were added and moved by the commands; a map whose order was mixed by two people moving
 * lanes at once still gets its lines at the first crossing, never twice.
 */
export function blueprintLines<R extends { lane: Pick<Lane, 'kind'>; y: number }>(rows: readonly R[]): LinePlace<R>[] {
  const places: LinePlace<R>[] = [];
  LINES.forEach((line, i) => {
    // Line i separates zones 0..i (above) from zones i+1.. (below).
    const k = rows.findIndex((row, at) => at > 0 && zoneIndex(rows[at - 1]!.lane) <= i && zoneIndex(row.lane) > i);
    if (k < 0) return;
    const same = places.find((p) => p.below === rows[k]);
    if (same) same.lines.push(line);
    else places.push({ lines: [line], y: rows[k]!.y, above: rows[k - 1]!, below: rows[k]! });
  });
  return places.sort((a, b) => a.y - b.y);
}

