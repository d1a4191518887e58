// One card on the grid: its kind's marks, its text (edited in place), and link handles. Focusable,
// labelled with its kind and text; the keyboard map lives in useCardKeys.
import { memo, useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { Card } from '../journey/types';
import type { CardNodeData } from '../store/selectors';
import { useActions, useEditor, useJourney, usePresence, useSession } from '../store/context';
import { departmentOf } from '../journey/filter';
import { departmentColors } from '../journey/loops';
import { LensTag, lensClass, lensLook, lensStyle } from '../views/LensTag';
import { heatFill, touchpointTarget } from '../journey/voc/onMap';
import { useLatestFigures, VocBadges } from '../views/VocBadges';
import type { PeerMark } from '../store/store';
import { useT, type Translate } from '../i18n';
import { CardFace, cardClassName, cardLabel } from '../views/CardFace';
import { useCardKeys } from './useCardKeys';
import { undoKey, useCardText } from '../views/useCardText';
import { samePropsButPosition } from './nodeMemo';
import { CardVotes } from './CardVotes';
import { CommentBadge } from './CommentBadge';
import { CompareMark, compareWords, useCardCompare } from './CompareMark';
import { shownJourney } from '../store/selectors';

export type CardFlowNode = Node<CardNodeData, 'card'>;

function CardEditor({ card }: { card: Card }) {
  const actions = useActions();
  const { store } = useEditor();
  const t = useT();
  const ref = useRef<HTMLTextAreaElement>(null);
  useCardText(ref, card.id, actions);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
    actions.beginTyping();
  }, [actions]);
  return (
    <textarea
      ref={ref}
      className="card-editor nodrag nowheel nopan"
      aria-label={t('card.editText')}
      defaultValue={card.text}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (undoKey(e, actions)) return;
        if (e.key === 'Escape' || (e.key === 'Enter' && (e.ctrlKey || e.metaKey))) {
          e.preventDefault();
          store.session.stopEditing(card.id);
          document.querySelector<HTMLElement>(`[data-card-id="${card.id}"]`)?.focus();
        }
      }}
      onBlur={() => {
        store.session.stopEditing(card.id);
      }}
    />
  );
}

const NO_MARKS: readonly PeerMark[] = [];

/** Other people on this card: its outline in their colour, and their names (and who is typing). */
function PeerMarks({ marks, t }: { marks: readonly PeerMark[]; t: Translate }) {
  return (
    <div className="peer-marks" aria-live="polite">
      {marks.map((m) => (
        <span key={m.clientId} className="peer-tag" style={{ background: m.color }}>
          {m.editing ? `✎ ${t('presence.editing', { name: m.name })}` : m.name}
        </span>
      ))}
    </div>
  );
}

function CardNodeView({ data, selected }: NodeProps<CardFlowNode>) {
  const t = useT();
  const { card, editing, unplaced } = data;
  // Others select and edit cards of the live map: a version shown instead of it has none of theirs.
  const viewing = useSession((s) => s.viewing !== null);
  const liveMarks = usePresence((p) => p.byCard.get(card.id) ?? NO_MARKS);
  const marks = viewing ? NO_MARKS : liveMarks;
  const compare = useCardCompare(card.id);
  // The department lens colours a card by its owning department (named on the card too), and
  // flags a moment of truth that no department owns.
  const lens = useSession((s) => s.lens === 'department');
  const department = lens ? departmentOf(card).trim() : '';
  const { store } = useEditor();
  const color = useStore(store, (s) => (department ? departmentColors(shownJourney(s).cards).get(department.toLowerCase()) : undefined));
  const look = lens ? lensLook(card, () => color) : null;
  const figures = useLatestFigures(card.kind === 'touchpoint' ? touchpointTarget(card.id) : '');
  const heat = useSession((s) => s.heat);
  const fill = heat ? heatFill(figures) : undefined;
  const onKeyDown = useCardKeys(card.id);
  // Selected is said as its description: a group has no aria-selected (axe), and its name stays its own.
  // The link handles are for the mouse (the keyboard links with a command), so hidden from screen readers.
  // Its stage and lane are part of its name: a screen reader reads the cards lane by lane.
  const stage = useJourney((j) => j.stages.get(card.stageId)?.name) || t('stage.untitled');
  const lane = useJourney((j) => j.lanes.get(card.laneId)?.name) || t('lane.untitled');
  const label = cardLabel(t, card, { stage, lane });
  return (
    <div
      className={`${cardClassName(card)}${look ? lensClass(look) : ''}${selected ? ' is-selected' : ''}${unplaced ? ' is-unplaced' : ''}${compare.diff ? ` is-${compare.diff.status === 'unchanged' ? 'moved' : compare.diff.status}` : ''}${compare.dimmed ? ' is-compare-dim' : ''}`}
      data-card-id={card.id}
      tabIndex={0}
      role="group"
      aria-roledescription={t('card.role')}
      aria-label={compare.diff ? `${label}. ${compareWords(t, compare.diff)}` : label}
      aria-description={selected ? t('card.selected') : undefined}
      data-selected={selected}
      onKeyDown={editing ? undefined : onKeyDown}
      style={{
        ...(marks.length ? { boxShadow: `0 0 0 3px ${marks[0]!.color}` } : {}),
        ...(look ? lensStyle(look) : {}),
        ...(fill ? { background: fill } : {}),
      }}
    >
      {look && <LensTag look={look} t={t} />}
      {marks.length > 0 && <PeerMarks marks={marks} t={t} />}
      {compare.diff && <CompareMark diff={compare.diff} t={t} />}
      {/* The whole card takes a dropped link (it catches the pointer only while a link is drawn). */}
      <Handle type="target" position={Position.Left} className="card-drop" isConnectableStart={false} aria-hidden />
      <CardFace card={card} t={t} body={editing ? <CardEditor card={card} /> : undefined} figures={figures.length ? <VocBadges figures={figures} t={t} max={1} /> : undefined} />
      <CardVotes card={card} />
      <CommentBadge type="card" id={card.id} />
      <Handle type="source" position={Position.Right} className="card-handle" title={t('link.source')} aria-hidden />
    </div>
  );
}

export const CardNode = memo(CardNodeView, samePropsButPosition);
