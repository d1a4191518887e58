// A card's dots in a dot vote: while the vote is open, this person's own dots and the buttons to
// add or take one back (nobody else's are sent to this browser); once it is closed, the card's count.
// Drawn over the card's lower right corner; its buttons neither drag nor select the card.
import { useLayoutEffect, useRef } from 'react';
import type { Card } from '../journey/types';
import { inVoteScope } from '../journey/workshop';
import { useEditor, useReadOnly, useSession, useWorkshop } from '../store/context';
import { useT } from '../i18n';

export function CardVotes({ card }: { card: Card }) {
  const t = useT();
  const { workshop } = useEditor();
  const readOnly = useReadOnly();
  const vote = useWorkshop((w) => (w.voteId ? w.votes.get(w.voteId) : undefined));
  const mine = useSession((s) => s.ballot.filter((id) => id === card.id).length);
  const used = useSession((s) => s.ballot.length);
  // The vote closed while one of its buttons had focus: give focus to the card, never to nothing.
  const hadFocus = useRef(false);
  // A button that goes away or is disabled by the person's own click hands focus to its neighbour.
  const add = useRef<HTMLButtonElement>(null);
  const take = useRef<HTMLButtonElement>(null);
  const refocus = useRef<'add' | 'take' | null>(null);
  useLayoutEffect(() => {
    const target = refocus.current === 'take' ? take.current : refocus.current === 'add' ? add.current : null;
    refocus.current = null;
    if (target && !target.disabled) target.focus();
  });
  const open = vote?.status === 'open';
  useLayoutEffect(() => {
    if (!open && hadFocus.current) document.querySelector<HTMLElement>(`[data-card-id="${CSS.escape(card.id)}"]`)?.focus();
    hadFocus.current = false;
  }, [open, card.id]);
  if (!vote || !inVoteScope(vote, card)) return null;
  if (vote.status === 'closed') {
    const n = vote.tally[card.id] ?? 0;
    return n ? <span className="card-votes is-closed">{t('workshop.voteCount', { n })}</span> : null;
  }
  if (readOnly) return null;
  const canAdd = used < vote.votesPerPerson && (vote.allowMultiple || mine === 0);
  const text = card.text || t('card.empty');
  const stop = (e: { stopPropagation(): void }) => e.stopPropagation();
  return (
    <span
      className="card-votes nodrag"
      onKeyDown={stop}
      onDoubleClick={stop}
      onPointerDown={stop}
      onFocus={() => (hadFocus.current = true)}
      onBlur={(e) => {
        // A button removed with the vote may blur on its way out: that one still counts as focused.
        if (e.currentTarget.isConnected && !e.currentTarget.contains(e.relatedTarget as Node | null)) hadFocus.current = false;
      }}
    >
      {mine > 0 && (
        <>
          <span className="vote-dots" aria-hidden>
            {'●'.repeat(Math.min(mine, 5))}
          </span>
          <span className="sr-only">{t('workshop.vote.mine', { n: mine })}</span>
          <button
            ref={take}
            type="button"
            className="vote-btn"
            aria-label={t('workshop.vote.uncast', { text })}
            title={t('workshop.vote.uncast', { text })}
            onClick={() => {
              if (mine === 1) refocus.current = 'add';
              void workshop.vote(card.id, -1);
            }}
          >
            −
          </button>
        </>
      )}
      <button
        ref={add}
        type="button"
        className="vote-btn vote-add"
        disabled={!canAdd}
        aria-label={t('workshop.vote.cast', { text })}
        title={t('workshop.vote.cast', { text })}
        onClick={() => {
          if (!vote.allowMultiple || used + 1 >= vote.votesPerPerson) refocus.current = 'take';
          void workshop.vote(card.id, 1);
        }}
      >
        +●
      </button>
    </span>
  );
}
