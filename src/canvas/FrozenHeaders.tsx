// Stage headers (a strip along the top) and lane headers (a column on the left) that follow the
// map as it pans and zooms but never scroll out of view. They sit over the canvas, outside React
// Flow's transformed viewport, at a constant size so they stay readable at any zoom.
import { memo, useMemo, useState, type UIEvent } from 'react';
import { useReactFlow, useStore, type ReactFlowInstance } from '@xyflow/react';
import type { Grid } from '../journey/layout';
import { LANE_KINDS, type Lane, type LaneKind, type Stage } from '../journey/types';
import { useActions, useEditor, useJourney, useSession } from '../store/context';
import { useT } from '../i18n';
import { EditableText } from '../panels/EditableText';
import { askConfirm } from '../panels/confirm';
import { LANE_ICONS } from '../views/marks';
import { Icon } from '../views/Icon';
import { heatFill, stageTarget } from '../journey/voc/onMap';
import { useLatestFigures, VocBadges } from '../views/VocBadges';
import { CommentBadge } from './CommentBadge';
import { useMoveLane } from './laneMove';
import { stageLabel, type StageLabel } from './stageLabel';
import { measureHeaderText } from './measureText';

export const STAGE_HEADER_H = 64;
export const LANE_HEADER_W = 196;
/** While presenting, the stage's header holds its whole name in large type (up to two lines). */
export const PRESENT_HEADER_H = 96;

const useTransform = () => useStore((s) => s.transform);

/** What a stage header's name leaves beside it: its padding (2 x 8), the number (22) and the gap (6). */
const STAGE_HEADER_CHROME = 46;
/** Below this width a header stacks its number above its name, so the name has the whole width. */
const NARROW_HEADER = 150;
const NARROW_CHROME = 17;
/** Labels by their content, so a zoom step that changes a header's width but not how its name is
 * drawn gives the memoised header the same object (and no re-render). */
type HeaderLabel = StageLabel & { narrow: boolean };
const labels = new Map<string, HeaderLabel>();
function labelFor(name: string, width: number, largest?: number): HeaderLabel {
  const narrow = width < NARROW_HEADER;
  const label = { ...stageLabel(name, Math.max(0, width - (narrow ? NARROW_CHROME : STAGE_HEADER_CHROME)), measureHeaderText, largest), narrow };
  const key = `${name}\u0000${label.size}${label.abbreviated ? 'a' : ''}${narrow ? 'n' : ''}\u0000${label.lines.join('\n')}`;
  const known = labels.get(key);
  if (known) return known;
  if (labels.size > 2000) labels.clear();
  labels.set(key, label);
  return label;
}

/** The name as drawn: as typed when it wraps by itself, else its lines (a split word, an abbreviation). */
/** Every stage's label at this zoom, in one type size: a row of names in mixed sizes reads as noise. */
function stageLabels(grid: Grid, zoom: number): HeaderLabel[] {
  const first = grid.columns.map((c) => labelFor(c.stage.name, c.width * zoom));
  const smallest = Math.min(...first.map((l) => l.size));
  return first.some((l) => l.size !== smallest) ? grid.columns.map((c) => labelFor(c.stage.name, c.width * zoom, smallest)) : first;
}

function nameShown(name: string, label: StageLabel | undefined) {
  if (!label || (!label.abbreviated && !label.lines.some((l) => l.endsWith('-')))) return undefined;
  return {
    abbreviated: label.abbreviated,
    node: label.lines.map((line, i) => (
      <span key={i} className="stage-name-line">
        {line}
      </span>
    )),
  };
}

/** Cards per stage id and per lane id, from the grid's cells (one pass, not one per header). */
function cardCounts(grid: Grid): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [key, ids] of grid.cells) {
    const [stageId, laneId] = key.split('|') as [string, string];
    counts.set(stageId, (counts.get(stageId) ?? 0) + ids.length);
    counts.set(laneId, (counts.get(laneId) ?? 0) + ids.length);
  }
  return counts;
}

// The headers' contents are memoised: a pan or zoom moves their boxes (FrozenHeaders re-renders at
// every frame of it) and changes nothing inside them.
const StageHeader = memo(function StageHeader({ stage, position, count, cards, label }: { stage: Stage; position: number; count: number; cards: number; label?: HeaderLabel }) {
  const t = useT();
  const actions = useActions();
  const { store } = useEditor();
  const figures = useLatestFigures(stageTarget(stage.id));
  const heat = useSession((s) => s.heat);
  const fill = heat ? heatFill(figures) : undefined;
  const remove = async () => {
    const ok = cards === 0 || (await askConfirm(t('stage.deleteTitle'), t('stage.deleteMessage', { name: stage.name, n: cards }), t('common.delete')));
    if (ok) actions.deleteStage(stage.id);
  };
  return (
    <div className={`stage-header-inner${label?.narrow ? ' is-narrow' : ''}`} style={fill ? { background: fill } : undefined}>
      <span className="stage-number" aria-hidden>
        {position + 1}
      </span>
      <div className={`stage-title${label?.size === 12 ? ' is-small' : ''}`}>
        <EditableText
          value={stage.name}
          label={t('stage.rename')}
          placeholder={t('stage.untitled')}
          className="stage-name"
          shown={nameShown(stage.name, label)}
          onSave={(name) => actions.updateStage(stage.id, { name })}
        />
        <VocBadges figures={figures} t={t} max={1} />
      </div>
      <CommentBadge type="stage" id={stage.id} />
      <div className="header-tools">
        <button type="button" className="icon-btn" aria-label={t('present.from', { name: stage.name })} title={t('present.from', { name: stage.name })} onClick={() => store.session.present(position)}>
          ▷
        </button>
        <button type="button" className="icon-btn" aria-label={t('comments.onStage', { name: stage.name })} title={t('comments.onStage', { name: stage.name })} onClick={() => store.session.showComments({ type: 'stage', id: stage.id })}>
          <Icon name="commentAdd" />
        </button>
        <button type="button" className="icon-btn edit-tool" aria-label={t('stage.moveLeft', { name: stage.name })} disabled={position === 0} onClick={() => actions.moveStage(stage.id, position - 1)}>
          ◀
        </button>
        <button type="button" className="icon-btn edit-tool" aria-label={t('stage.moveRight', { name: stage.name })} disabled={position === count - 1} onClick={() => actions.moveStage(stage.id, position + 1)}>
          ▶
        </button>
        <button type="button" className="icon-btn edit-tool" aria-label={t('stage.addAfter', { name: stage.name })} onClick={() => actions.addStage(t('stage.new'), position + 1)}>
          +
        </button>
        <button type="button" className="icon-btn danger edit-tool" aria-label={t('stage.delete', { name: stage.name })} onClick={remove}>
          ✕
        </button>
      </div>
    </div>
  );
});

const LaneHeader = memo(function LaneHeader({ lane, position, count, cards }: { lane: Lane; position: number; count: number; cards: number }) {
  const t = useT();
  const actions = useActions();
  const moveLane = useMoveLane();
  const remove = async () => {
    const ok = cards === 0 || (await askConfirm(t('lane.deleteTitle'), t('lane.deleteMessage', { name: lane.name, n: cards }), t('common.delete')));
    if (ok) actions.deleteLane(lane.id);
  };
  return (
    <div className={`lane-header-inner lane-${lane.kind}`}>
      <div className="lane-title">
        <span aria-hidden className="lane-icon">
          <Icon name={LANE_ICONS[lane.kind]} />
        </span>
        <EditableText value={lane.name} label={t('lane.rename')} placeholder={t('lane.untitled')} className="lane-name" onSave={(name) => actions.updateLane(lane.id, { name })} />
      </div>
      {lane.name !== t(`lane.kind.${lane.kind}`) && <span className="lane-kind">{t(`lane.kind.${lane.kind}`)}</span>}
      <div className="header-tools">
        <button type="button" className="icon-btn" aria-label={t('lane.moveUp', { name: lane.name })} disabled={position === 0} onClick={() => moveLane(lane, position - 1)}>
          ▲
        </button>
        <button type="button" className="icon-btn" aria-label={t('lane.moveDown', { name: lane.name })} disabled={position === count - 1} onClick={() => moveLane(lane, position + 1)}>
          ▼
        </button>
        <button
          type="button"
          className="icon-btn"
          aria-expanded={!lane.collapsed}
          aria-label={t(lane.collapsed ? 'lane.expand' : 'lane.collapse', { name: lane.name })}
          onClick={() => actions.updateLane(lane.id, { collapsed: !lane.collapsed })}
        >
          {lane.collapsed ? '⊕' : '⊖'}
        </button>
        <button type="button" className="icon-btn danger" aria-label={t('lane.delete', { name: lane.name })} onClick={remove}>
          ✕
        </button>
      </div>
    </div>
  );
});

function AddLane() {
  const t = useT();
  const actions = useActions();
  const [open, setOpen] = useState(false);
  const add = (kind: LaneKind) => {
    actions.addLane(kind, t(`lane.kind.${kind}`));
    setOpen(false);
  };
  return (
    <div className="add-lane">
      <button type="button" className="btn btn-ghost" aria-expanded={open} onClick={() => setOpen(!open)}>
        + {t('lane.add')}
      </button>
      {open && (
        <ul className="menu" role="menu" aria-label={t('lane.add')}>
          {LANE_KINDS.map((kind) => (
            <li key={kind} role="none">
              <button type="button" role="menuitem" onClick={() => add(kind)}>
                <Icon name={LANE_ICONS[kind]} /> {t(`lane.kind.${kind}`)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The presented stage's name is whole, in up to three lines: the longer it is, the smaller its type. */
const presentedNameSize = (name: string) => (name.length > 60 ? ' name-longest' : name.length > 26 ? ' name-long' : '');

/** While presenting, the corner names the map (its tools are hidden). */
function PresentedMap() {
  const title = useJourney((j) => j.meta.title);
  return (
    <p className="present-map">
      <strong>{title}</strong>
    </p>
  );
}

/**
 * Focusing a header that is out of view makes the browser scroll its clipped strip, which would
 * pull the headers out of line with their columns and rows. Pan the map by that much instead.
 */
function panInsteadOfScroll(flow: ReactFlowInstance) {
  return (e: UIEvent<HTMLDivElement>) => {
    const el = e.currentTarget;
    if (!el.scrollLeft && !el.scrollTop) return;
    const { x, y, zoom } = flow.getViewport();
    void flow.setViewport({ x: x - el.scrollLeft, y: y - el.scrollTop, zoom });
    el.scrollTo(0, 0);
  };
}

export function FrozenHeaders({ grid }: { grid: Grid }) {
  const t = useT();
  const actions = useActions();
  const flow = useReactFlow();
  const onScroll = useMemo(() => panInsteadOfScroll(flow), [flow]);
  const [tx, ty, zoom] = useTransform();
  const counts = useMemo(() => cardCounts(grid), [grid]);
  const presenting = useSession((s) => s.presenting);
  const headerH = presenting === null ? STAGE_HEADER_H : PRESENT_HEADER_H;
  const stageNames = presenting === null ? stageLabels(grid, zoom) : null;
  return (
    <>
      <div className="stage-headers" role="list" aria-label={t('stage.list')} style={{ height: headerH, left: LANE_HEADER_W }} onScroll={onScroll}>
        {grid.columns.map((c, i) => (
          <div
            key={c.stage.id}
            role="listitem"
            className={`stage-header${presenting === i ? ` is-presenting${presentedNameSize(c.stage.name)}` : ''}`}
            style={{ left: tx - LANE_HEADER_W + c.x * zoom, width: c.width * zoom }}
          >
            <StageHeader
              stage={c.stage}
              position={i}
              count={grid.columns.length}
              cards={counts.get(c.stage.id) ?? 0}
              label={stageNames?.[i]}
            />
          </div>
        ))}
      </div>
      <div className="lane-headers" role="list" aria-label={t('lane.list')} style={{ width: LANE_HEADER_W, top: headerH }} onScroll={onScroll}>
        {grid.rows.map((r, i) => (
          <div key={r.lane.id} role="listitem" className="lane-header" style={{ top: ty - headerH + r.y * zoom, height: r.height * zoom }}>
            <LaneHeader lane={r.lane} position={i} count={grid.rows.length} cards={counts.get(r.lane.id) ?? 0} />
          </div>
        ))}
      </div>
      {/* The corner never scrolls away: adding a stage or a lane is always one click. */}
      <div className="headers-corner" style={{ width: LANE_HEADER_W, height: headerH }}>
        {presenting !== null && <PresentedMap />}
        <button type="button" className="btn btn-ghost" onClick={() => actions.addStage(t('stage.new'))}>
          + {t('stage.add')}
        </button>
        <AddLane />
      </div>
    </>
  );
}
