// One card in the outline: its name (kind, marks, text, stage and lane, as the canvas says it), its
// text to edit (bound to the card's shared text, as on the canvas), its kind's fields (the
// inspector's KindFields), and moves: up, down, to another stage or lane of its kind. Every change
// is a command, said in the live region.
import { useRef, useState } from 'react';
import type { Card } from '../../journey/cards';
import { cardKindForLane } from '../../journey/cards';
import { cellKey, type Grid } from '../../journey/layout';
import { useActions, useEditor, useReadOnly } from '../../store/context';
import { useT } from '../../i18n';
import { announce } from '../../views/announce';
import { cardLabel } from '../../views/CardFace';
import { Icon } from '../../views/Icon';
import { undoKey, useCardText } from '../../views/useCardText';
import { KindFields } from '../KindFields';

export const cardFocusId = (id: string) => `outline-card-${id}`;

/** A card's text, short enough for a button's name. */
function short(text: string, empty: string): string {
  const one = text.trim().replace(/\s+/g, ' ');
  if (!one) return empty;
  return one.length > 40 ? `${one.slice(0, 39)}…` : one;
}

function TextEditor({ card, label, onDone }: { card: Card; label: string; onDone(): void }) {
  const actions = useActions();
  const { store } = useEditor();
  const ref = useRef<HTMLTextAreaElement>(null);
  useCardText(ref, card.id, actions);
  const t = useT();
  return (
    <div className="outline-text">
      <textarea
        ref={ref}
        id={`outline-text-${card.id}`}
        aria-label={label}
        defaultValue={card.text}
        rows={3}
        onFocus={() => actions.beginTyping()}
        onKeyDown={(e) => {
          if (undoKey(e, actions)) return;
          if (e.key === 'Escape' || (e.key === 'Enter' && (e.ctrlKey || e.metaKey))) {
            e.preventDefault();
            e.stopPropagation();
            onDone();
          }
        }}
        onBlur={() => store.session.stopEditing(card.id)}
      />
      <button type="button" className="btn btn-small" onClick={onDone}>
        {t('outline.done')}
      </button>
    </div>
  );
}

interface Props {
  card: Card;
  rank: number;
  total: number;
  where: { stage: string; lane: string };
  grid: Grid;
  /** A card just added: its text editor is open and focused. */
  editFirst: boolean;
  onEdited(): void;
  onDelete(said: string): void;
  onMoved(id: string): void;
}

export function OutlineCard({ card, rank, total, where, grid, editFirst, onEdited, onDelete, onMoved }: Props) {
  const t = useT();
  const actions = useActions();
  const readOnly = useReadOnly();
  const [editing, setEditing] = useState(editFirst);
  const name = short(card.text, t('card.empty'));
  const label = cardLabel(t, card, where);
  const kind = cardKindForLane(grid.rows.find((r) => r.lane.id === card.laneId)?.lane.kind ?? 'actions');
  const lanes = grid.rows.filter((r) => cardKindForLane(r.lane.kind) === kind);
  const nameOf = (stageId: string, laneId: string) => ({
    stage: grid.columns.find((c) => c.stage.id === stageId)?.stage.name || t('stage.untitled'),
    lane: grid.rows.find((r) => r.lane.id === laneId)?.lane.name || t('lane.untitled'),
  });
  const move = (stageId: string, laneId: string, position: number, total: number) => {
    actions.moveCards([card.id], stageId, laneId, position);
    announce(t('card.movedTo', { ...nameOf(stageId, laneId), n: position + 1, total }));
    onMoved(card.id);
  };
  const toCell = (stageId: string, laneId: string) => {
    const size = grid.cells.get(cellKey(stageId, laneId))?.length ?? 0;
    move(stageId, laneId, size, size + 1);
  };
  const doneEditing = () => {
    setEditing(false);
    onEdited();
    announce(t('outline.textSaved', { card: short(card.text, t('card.empty')) }));
    requestAnimationFrame(() => document.getElementById(cardFocusId(card.id))?.focus());
  };
  return (
    <li className="outline-card">
      <p id={cardFocusId(card.id)} className="outline-card-name" tabIndex={-1}>
        {label}
      </p>
      {editing && !readOnly && <TextEditor card={card} label={t('card.editText')} onDone={doneEditing} />}
      {!readOnly && (
        <div className="outline-actions">
          {!editing && (
            <button type="button" className="btn btn-small" aria-label={t('outline.edit', { card: name })} onClick={() => setEditing(true)}>
              <Icon name="pencil" /> {t('outline.editShort')}
            </button>
          )}
          <button type="button" className="btn btn-small" aria-label={t('outline.moveUp', { card: name })} disabled={rank === 0} onClick={() => move(card.stageId, card.laneId, rank - 1, total)}>
            ↑ {t('outline.up')}
          </button>
          <button type="button" className="btn btn-small" aria-label={t('outline.moveDown', { card: name })} disabled={rank === total - 1} onClick={() => move(card.stageId, card.laneId, rank + 1, total)}>
            ↓ {t('outline.down')}
          </button>
          <select aria-label={t('outline.moveStage', { card: name })} value={card.stageId} onChange={(e) => toCell(e.target.value, card.laneId)}>
            {grid.columns.map((c) => (
              <option key={c.stage.id} value={c.stage.id}>
                {c.stage.name || t('stage.untitled')}
              </option>
            ))}
          </select>
          {lanes.length > 1 && (
            <select aria-label={t('outline.moveLane', { card: name })} value={card.laneId} onChange={(e) => toCell(card.stageId, e.target.value)}>
              {lanes.map((r) => (
                <option key={r.lane.id} value={r.lane.id}>
                  {r.lane.name || t('lane.untitled')}
                </option>
              ))}
            </select>
          )}
          <button type="button" className="btn btn-small btn-danger" aria-label={t('outline.delete', { card: name })} onClick={() => onDelete(name)}>
            <Icon name="trash" /> {t('outline.deleteShort')}
          </button>
        </div>
      )}
      <details className="outline-details">
        <summary aria-label={t('outline.details', { card: name })}>{t('inspector.title')}</summary>
        <KindFields card={card} t={t} onChange={(field, value) => announce(t('outline.fieldSet', { field, value: typeof value === 'boolean' ? t(value ? 'outline.on' : 'outline.off') : value }))} />
      </details>
    </li>
  );
}
