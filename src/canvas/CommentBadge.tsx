// The count of open comment threads on a card or a stage, drawn on its corner (store.comments.open,
// src/app/commentsClient.ts). A button: it opens the comments panel on that card's or stage's threads.
// It neither drags nor selects the card under it, and the card's keys stay the card's.
import { useComments, useEditor } from '../store/context';
import { useT } from '../i18n';
import { Icon } from '../views/Icon';

const stop = (e: { stopPropagation(): void }) => e.stopPropagation();

export function CommentBadge({ type, id }: { type: 'card' | 'stage'; id: string }) {
  const t = useT();
  const { store } = useEditor();
  const n = useComments((c) => c.open.get(id) ?? 0);
  if (!n) return null;
  const label = t('comments.openCount', { n });
  return (
    <button
      type="button"
      className={`comment-badge nodrag comment-badge-${type}`}
      aria-label={label}
      title={label}
      onPointerDown={stop}
      onDoubleClick={stop}
      onKeyDown={stop}
      onClick={(e) => {
        e.stopPropagation();
        if (type === 'card') store.session.select([id]);
        store.session.showComments({ type, id });
      }}
    >
      <Icon name="comment" />
      <span aria-hidden>{n}</span>
    </button>
  );
}
