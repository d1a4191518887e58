// The service blueprint's lines on the canvas (Shostack): the line of interaction, of visibility and
// of internal interaction, drawn across the whole map between the lane groups they separate, where
// the map has lanes on both sides (src/journey/blueprint.ts says where, from the grid's rows). The
// lines live in the map (React Flow's viewport: they pan and zoom with it, under the cards, over the
// cells); their labels live on the screen, at a constant size, held at the left edge of the map
// beside the lane headers so they stay readable at any zoom and scroll. A lane kept from crossing a
// line (laneMove.ts, the lane headers' move buttons) is said there too, beside its lane. Loaded
// on demand (JourneyCanvas), with the first map that has front-stage, back-stage or support lanes.
import { memo, useEffect, useMemo, useSyncExternalStore } from 'react';
import { ViewportPortal, useStore } from '@xyflow/react';
import { blueprintLines, lineLabelKey, type LinePlace } from '../journey/blueprintLines';
import type { Grid, LaneRow } from '../journey/layout';
import { useT } from '../i18n';
import { BLUEPRINT_DASH } from '../views/theme';
import { LANE_HEADER_W } from './FrozenHeaders';
import { forgetNotice, laneNotice, subscribeNotice, type Notice } from './laneMove';

/** Below this zoom the labels would cover the lanes they name. */
const FAR_ZOOM = 0.35;

// ---- the layer -----------------------------------------------------------------------------

/** The lines, in map coordinates: under the cards, over the cells; a constant 2 px at any zoom. */
const Lines = memo(function Lines({ places, width }: { places: LinePlace<LaneRow>[]; width: number }) {
  return (
    <ViewportPortal>
      <div className="bp-lines" aria-hidden>
        {places.map((p) => (
          <svg key={p.below.lane.id} className="bp-line" style={{ top: p.y - 4, width }} height="8" data-lines={p.lines.join(' ')}>
            {p.lines.map((line, i) => (
              <line key={line} className={`bp-stroke bp-${line}`} x1="0" x2={width} y1={4 + (i - (p.lines.length - 1) / 2) * 3} y2={4 + (i - (p.lines.length - 1) / 2) * 3} strokeDasharray={BLUEPRINT_DASH[line] ?? undefined} vectorEffect="non-scaling-stroke" />
            ))}
          </svg>
        ))}
      </div>
    </ViewportPortal>
  );
});

/** The labels, on the screen: at each line's height, held at the map's left edge beside the lane headers; and the note of a lane kept in its zone, beside that lane. */
function Labels({ places, grid, current, said }: { places: LinePlace<LaneRow>[]; grid: Grid; current: Notice | null; said: string }) {
  const t = useT();
  // Only what moves them: a horizontal pan re-renders them only while the map's left edge is in view.
  const left = useStore((s) => Math.max(LANE_HEADER_W, s.transform[0])) + 8;
  const ty = useStore((s) => s.transform[1]);
  const zoom = useStore((s) => s.transform[2]);
  // Far out, the map is smaller than its labels: they fade (screen readers still have them) and
  // come back as it is zoomed in; the lines stay.
  const far = zoom < FAR_ZOOM;
  const row = current && grid.rows.find((r) => r.lane.id === current.laneId);
  const name = (r: LaneRow) => r.lane.name || t('lane.untitled');
  return (
    <>
      {places.map((p) => (
        <p
          key={p.below.lane.id}
          className={`bp-label${far ? ' is-far' : ''}`}
          style={{ transform: `translate(${left}px, ${ty + p.y * zoom}px)`, maxWidth: Math.max(0, grid.width * zoom - 16) }}
          data-lines={p.lines.join(' ')}
        >
          {p.lines.map((line) => t(lineLabelKey(line))).join(' · ')}
          <span className="sr-only">, {t('blueprint.between', { above: name(p.above), below: name(p.below) })}</span>
        </p>
      ))}
      {current && row && (
        <p className="bp-notice" aria-hidden style={{ transform: `translate(${left}px, ${ty + (row.y + row.height / 2) * zoom}px)` }}>
          {said}
        </p>
      )}
    </>
  );
}

export function BlueprintLines({ grid }: { grid: Grid }) {
  const places = useMemo(() => blueprintLines(grid.rows), [grid.rows]);
  const t = useT();
  const current = useSyncExternalStore(subscribeNotice, laneNotice);
  // A second identical note differs by a space, so the live region says it again.
  const said = current ? t('blueprint.kept', { name: current.name || t('lane.untitled'), line: t(`blueprint.inSentence.${current.kept}`) }) + (current.count % 2 ? '' : '\u00a0') : '';
  // Leaving the map: its note goes with it (the next map's headers are other lanes).
  useEffect(() => forgetNotice, []);
  return (
    <>
      {places.length > 0 && <Lines places={places} width={grid.width} />}
      <div className="bp-labels">
        {/* A map without lines follows no pan. */}
        {(places.length > 0 || current) && <Labels places={places} grid={grid} current={current} said={said} />}
        {/* Always there, so a screen reader listens to it before it speaks. */}
        <p className="sr-only" role="status">
          {said}
        </p>
      </div>
    </>
  );
}
