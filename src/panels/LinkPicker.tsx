// The keyboard's way to link two cards (L on a focused card, useCardKeys): a dialog listing the
// other cards by stage and lane, filtered as one types; ↑ ↓ choose, Enter links (the addLink
// command), the outcome is said by the canvas's announcer and focus goes back to the card (Dialog).
// Loaded on demand (withLaterWords) from src/canvas/LinkPickerHost.tsx.
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useT } from '../i18n';
import { sortByIndex } from '../journey/order';
import type { Card, Journey } from '../journey/types';
import { useActions, useJourney } from '../store/context';
import { Dialog } from './Dialog';

interface Group {
  key: string;
  title: string;
  cards: Card[];
}

const words = (text: string) => text.trim().replace(/\s+/g, ' ');

/** The other cards in reading order: stage by stage, lane by lane, as on the map. */
function groupsOf(journey: Journey, fromId: string, empty: string): Group[] {
  const lanes = sortByIndex(journey.lanes.values()).filter((l) => l.kind !== 'emotions');
  const byCell = new Map<string, Card[]>();
  for (const card of journey.cards.values()) {
    if (card.id === fromId) continue;
    const key = `${card.stageId}|${card.laneId}`;
    byCell.set(key, [...(byCell.get(key) ?? []), card]);
  }
  const groups: Group[] = [];
  sortByIndex(journey.stages.values()).forEach((stage, si) => {
    lanes.forEach((lane, li) => {
      const cards = byCell.get(`${stage.id}|${lane.id}`);
      if (cards?.length) groups.push({ key: `${stage.id}|${lane.id}`, title: `${stage.name || `${si + 1}`} · ${lane.name || `${li + 1}`}`, cards: sortByIndex(cards) });
    });
  });
  return groups.map((g) => ({ ...g, cards: g.cards.map((c) => (words(c.text) ? c : { ...c, text: empty })) }));
}

export function LinkPicker({ fromId, onDone, onClose }: { fromId: string; onDone(message: string): void; onClose(): void }) {
  const t = useT();
  const actions = useActions();
  const journey = useJourney((j) => j);
  const id = useId();
  const [query, setQuery] = useState('');
  const from = journey.cards.get(fromId);
  const all = useMemo(() => groupsOf(journey, fromId, t('card.empty')), [journey, fromId, t]);
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (!q) return all;
    return all
      .map((g) => (g.title.toLowerCase().includes(q) ? g : { ...g, cards: g.cards.filter((c) => c.text.toLowerCase().includes(q)) }))
      .filter((g) => g.cards.length);
  }, [all, query]);
  const linked = useMemo(() => new Set([...journey.links.values()].filter((l) => l.from === fromId).map((l) => l.to)), [journey.links, fromId]);
  const flat = useMemo(() => shown.flatMap((g) => g.cards), [shown]);
  const [activeId, setActiveId] = useState<string | null>(null);
  const active = flat.find((c) => c.id === activeId) ?? flat[0];
  const optionId = (cardId: string) => `${id}-${cardId}`;

  const link = (to: Card) => {
    if (!from) return onClose();
    actions.addLink(from.id, to.id);
    onDone(t('link.made', { from: short(words(from.text) || t('card.empty')), to: short(words(to.text)) }));
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const at = active ? flat.indexOf(active) : -1;
    const go = (i: number) => {
      const next = flat[Math.max(0, Math.min(flat.length - 1, i))];
      if (!next) return;
      setActiveId(next.id);
      document.getElementById(optionId(next.id))?.scrollIntoView({ block: 'nearest' });
    };
    if (e.key === 'ArrowDown') go(at + 1);
    else if (e.key === 'ArrowUp') go(at - 1);
    else if (e.key === 'PageDown') go(at + 8);
    else if (e.key === 'PageUp') go(at - 8);
    else if (e.key === 'Enter' && active) link(active);
    else return;
    e.preventDefault();
  };

  const title = t('linkPicker.title', { card: short(words(from?.text ?? '') || t('card.empty')) });
  return (
    <Dialog title={title} onClose={onClose} className="link-picker">
      <label className="link-picker-filter">
        <span>{t('linkPicker.filter')}</span>
        <input
          type="text"
          role="combobox"
          aria-expanded
          aria-controls={`${id}-list`}
          aria-autocomplete="list"
          aria-activedescendant={active ? optionId(active.id) : undefined}
          aria-describedby={`${id}-hint`}
          autoFocus
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActiveId(null);
          }}
          onKeyDown={onKeyDown}
        />
      </label>
      <p id={`${id}-hint`} className="muted small">
        {t('linkPicker.hint')}
      </p>
      <div id={`${id}-list`} role="listbox" aria-label={title} className="link-picker-list">
        {shown.map((g) => (
          <div key={g.key} role="group" aria-labelledby={`${id}-${g.key}`}>
            <div id={`${id}-${g.key}`} role="presentation" className="link-picker-group">
              {g.title}
            </div>
            {g.cards.map((c) => {
              return (
                <div
                  key={c.id}
                  id={optionId(c.id)}
                  role="option"
                  aria-selected={c === active}
                  className={`link-picker-option${c === active ? ' is-active' : ''}`}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => link(c)}
                >
                  {short(words(c.text))}
                  {linked.has(c.id) && <span className="muted small"> · {t('linkPicker.linked')}</span>}
                </div>
              );
            })}
          </div>
        ))}
      </div>
      <p className="muted small" role="status">
        {flat.length ? t('linkPicker.count', { n: flat.length }) : t('linkPicker.none')}
      </p>
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="button" className="btn btn-primary" disabled={!active} onClick={() => active && link(active)}>
          {t('linkPicker.link')}
        </button>
      </div>
    </Dialog>
  );
}

const short = (text: string) => (text.length > 80 ? `${text.slice(0, 77)}…` : text);
