// One card on the grid: its kind's marks, its text (edited in place), and link handles. Focusable,
// labelled with its kind and text; the keyboard map lives in useCardKeys.
import { memo, useEffect, useRef } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { Card } from '../journey/types';
import type { CardNodeData } from '../store/selectors';
import { useActions, useEditor, usePresence } from '../store/context';
import type { PeerMark } from '../store/store';
import { useT, type Translate } from '../i18n';
import { CARD_KIND_ICONS, CHANNEL_ICONS, SEVERITY_ICONS, STATUS_ICONS } from './marks';
import { useCardKeys } from './useCardKeys';

export type CardFlowNode = Node<CardNodeData, 'card'>;

export function cardLabel(t: Translate, card: Card): string {
  const kind = t(`card.kind.${card.kind}` as never);
  const parts = [kind];
  if (card.kind === 'touchpoint' && card.momentOfTruth) parts.push(t('card.momentOfTruth'));
  if (card.kind === 'gap') parts.push(t(`card.severity.${card.severity}` as never));
  return `${parts.join(', ')}: ${card.text.trim() || t('card.empty')}`;
}

function Badges({ card, t }: { card: Card; t: Translate }) {
  switch (card.kind) {
    case 'touchpoint':
      return (
        <>
          <span className="badge badge-channel">
            <span aria-hidden>{CHANNEL_ICONS[card.channel]}</span> {t(`channel.${card.channel}` as never)}
          </span>
        </>
      );
    case 'gap':
      return (
        <span className={`badge badge-severity sev-${card.severity}`}>
          <span aria-hidden>{SEVERITY_ICONS[card.severity]}</span> {t(`severity.short.${card.severity}` as never)}
        </span>
      );
    case 'opportunity':
      return (
        <span className={`badge badge-priority prio-${card.priority}`}>
          {t(`priority.${card.priority}` as never)}
        </span>
      );
    case 'metric':
      return (
        <span className="badge badge-metric">
          <span aria-hidden>📊</span> {card.metric === 'other' ? t('metric.other') : card.metric}
        </span>
      );
    case 'note':
      return null;
  }
}

function Footer({ card, t }: { card: Card; t: Translate }) {
  if (card.kind === 'touchpoint' && card.department) return <div className="card-footer">🏢 {card.department}</div>;
  if (card.kind === 'metric') {
    return (
      <div className="card-footer card-metric">
        <strong>{card.value ?? '—'}</strong>
        <span>{card.sampleSize != null ? t('metric.sample', { n: card.sampleSize }) : t('metric.noSample')}</span>
      </div>
    );
  }
  if (card.kind === 'gap' || card.kind === 'opportunity') {
    return (
      <div className="card-footer">
        <span className={card.owner ? '' : 'muted'}>👤 {card.owner || t('card.noOwner')}</span>
        <span className={`status status-${card.status}`}>
          <span aria-hidden>{STATUS_ICONS[card.status]}</span> {t(`status.${card.status}` as never)}
        </span>
      </div>
    );
  }
  return null;
}

function CardEditor({ card }: { card: Card }) {
  const actions = useActions();
  const { store } = useEditor();
  const t = useT();
  const ref = useRef<HTMLTextAreaElement>(null);
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
      value={card.text}
      onChange={(e) => actions.setCardText(card.id, e.target.value)}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Escape' || (e.key === 'Enter' && (e.ctrlKey || e.metaKey))) {
          e.preventDefault();
          store.getState().setSession({ editing: null });
          document.querySelector<HTMLElement>(`[data-card-id="${card.id}"]`)?.focus();
        }
      }}
      onBlur={() => {
        if (store.getState().session.editing === card.id) store.getState().setSession({ editing: null });
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
  const marks = usePresence((p) => p.byCard.get(card.id) ?? NO_MARKS);
  const onKeyDown = useCardKeys(card.id);
  const mot = card.kind === 'touchpoint' && card.momentOfTruth;
  return (
    <div
      className={`card card-${card.kind}${mot ? ' card-mot' : ''}${selected ? ' is-selected' : ''}${unplaced ? ' is-unplaced' : ''}`}
      data-card-id={card.id}
      tabIndex={0}
      role="group"
      aria-roledescription={t('card.role')}
      aria-label={cardLabel(t, card)}
      aria-selected={selected}
      onKeyDown={editing ? undefined : onKeyDown}
      style={marks.length ? { boxShadow: `0 0 0 3px ${marks[0]!.color}` } : undefined}
    >
      {marks.length > 0 && <PeerMarks marks={marks} t={t} />}
      <Handle type="target" position={Position.Left} className="card-handle" aria-label={t('link.target')} />
      {mot && (
        <div className="card-mot-strip">
          <span aria-hidden>★</span> {t('card.momentOfTruth')}
        </div>
      )}
      <div className="card-top">
        <span className="card-kind" title={t(`card.kind.${card.kind}` as never)} aria-hidden>
          {CARD_KIND_ICONS[card.kind]}
        </span>
        <Badges card={card} t={t} />
      </div>
      {editing ? <CardEditor card={card} /> : <div className={`card-text${card.text ? '' : ' muted'}`}>{card.text || t('card.placeholder')}</div>}
      <Footer card={card} t={t} />
      <Handle type="source" position={Position.Right} className="card-handle" aria-label={t('link.source')} />
    </div>
  );
}

export const CardNode = memo(CardNodeView);
