// What a comparison (session.compare, set from the history panel) marks on a card of the live map:
// added, changed (which fields) or moved, as a small labelled tag, words and not only colour. The
// card's accessible name says it too, with the changed fields, and the tag's tooltip lists them. A
// card the reader's filter leaves out (compare.show) is dimmed, as is every unchanged card.
import type { CardDiff } from '../journey/compare';
import { fieldLabel } from '../journey/cards';
import type { Compare } from '../store/store';
import { useSession } from '../store/context';
import type { Translate } from '../i18n';
import { Icon } from '../views/Icon';

export interface CardCompare {
  diff: CardDiff | null;
  /** Left out by the filter, or unchanged: drawn faint so that the changes stand out. */
  dimmed: boolean;
}

const NOT_COMPARING: CardCompare = { diff: null, dimmed: false };

/** Whether a card's change is one the reader asked to see (all when the filter is empty). */
export function shownByFilter(diff: CardDiff, show: Compare['show']): boolean {
  if (!show.length) return true;
  return show.some((s) => (s === 'moved' ? diff.moved : diff.status === s));
}

/** This card in the comparison; the same object while nothing about it changes (no re-render). */
export function useCardCompare(cardId: string): CardCompare {
  const diff = useSession((s) => s.compare?.comparison.byCard.get(cardId) ?? null);
  const comparing = useSession((s) => s.compare !== null);
  const dimmed = useSession((s) => {
    if (!s.compare) return false;
    const d = s.compare.comparison.byCard.get(cardId);
    return !d || !shownByFilter(d, s.compare.show);
  });
  if (!comparing) return NOT_COMPARING;
  return { diff, dimmed };
}

/** The names of a changed card's fields, in the reader's language ("Text, Severity"). */
export function changedFieldNames(t: Translate, diff: CardDiff): string {
  const names = diff.fields.map((f) => fieldLabel(f)).filter((k) => k !== null).map((k) => t(k));
  return [...new Set(names)].join(', ');
}

/** What a screen reader hears after the card's own label ("Changed: Text, Owner. Moved."). */
export function compareWords(t: Translate, diff: CardDiff): string {
  const parts: string[] = [];
  if (diff.status === 'added') parts.push(t('history.mark.added'));
  if (diff.status === 'changed') parts.push(t('history.mark.changedFields', { fields: changedFieldNames(t, diff) }));
  if (diff.moved) parts.push(t('history.mark.moved'));
  return parts.join(' ');
}

export function CompareMark({ diff, t }: { diff: CardDiff; t: Translate }) {
  const fields = diff.status === 'changed' ? changedFieldNames(t, diff) : '';
  return (
    <span className="compare-marks" aria-hidden>
      {diff.status === 'added' && (
        <span className="compare-mark is-added">
          <Icon name="plus" /> {t('history.tag.added')}
        </span>
      )}
      {diff.status === 'changed' && (
        <span className="compare-mark is-changed" title={t('history.mark.changedFields', { fields })}>
          <Icon name="pencil" /> {t('history.tag.changed')}
        </span>
      )}
      {diff.moved && (
        <span className="compare-mark is-moved" title={t('history.mark.moved')}>
          <Icon name="move" /> {t('history.tag.moved')}
        </span>
      )}
    </span>
  );
}
