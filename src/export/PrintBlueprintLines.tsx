// The service blueprint's lines on the print poster (MapPoster), as the canvas and the picture draw
// them: across the map between the lane groups they separate (src/journey/blueprint.ts), each with
// its own stroke, labelled at the page's left edge. On a page of a split print, the lines that lie
// within its lanes, a line on its top or bottom edge included (its label held inside the page).
import type { Translate } from '../i18n';
import { blueprintLines, lineLabelKey } from '../journey/blueprintLines';
import type { LaneRow } from '../journey/layout';
import { BLUEPRINT_DASH } from '../views/theme';

interface Props {
  rows: readonly LaneRow[];
  /** The whole map's width, and the part of it on this page: from `left`, lanes between `top` and `bottom`. */
  width: number;
  left: number;
  top: number;
  bottom: number;
  t: Translate;
}

/** How far from the page's edge a label centred on its line would be cut. */
const HALF_LABEL = 10;

export function PrintBlueprintLines({ rows, width, left, top, bottom, t }: Props) {
  const places = blueprintLines(rows).filter((p) => p.y >= top && p.y <= bottom);
  if (!places.length) return null;
  return (
    <div className="print-blueprint">
      {places.map((p) => {
        const edge = p.y - top < HALF_LABEL ? ' is-top' : bottom - p.y < HALF_LABEL ? ' is-bottom' : '';
        return (
          <div key={p.below.lane.id} data-lines={p.lines.join(' ')}>
            <svg className="bp-line" style={{ top: p.y - 4, width }} height="8" aria-hidden>
              {p.lines.map((line, i) => {
                const y = 4 + (i - (p.lines.length - 1) / 2) * 3;
                return <line key={line} className="bp-stroke" x1="0" x2={width} y1={y} y2={y} strokeDasharray={BLUEPRINT_DASH[line] ?? undefined} />;
              })}
            </svg>
            <span className={`bp-label${edge}`} style={{ left: left + 8, top: p.y }}>
              {p.lines.map((line) => t(lineLabelKey(line))).join(' · ')}
            </span>
          </div>
        );
      })}
    </div>
  );
}
