// The toolbar's Comments button: opens and closes the comments panel and shows how many threads have
// comments this person has not read. It also says, politely, when others comment ("Ana commented on
// “Store visit”"), wherever the focus is: it is always on screen, the panel is not.
import { useEffect, useState } from 'react';
import { useComments, useEditor, useSession } from '../store/context';
import { useT } from '../i18n';
import { Icon } from '../views/Icon';
import { targetWords } from './commentWords';

function Announcer() {
  const t = useT();
  const { store } = useEditor();
  const news = useComments((c) => c.news);
  const [said, setSaid] = useState('');
  useEffect(() => {
    if (!news.seq) return;
    const journey = store.getState().journey;
    setSaid(news.items.map((item) => t('comments.arrived', { name: item.authorName, target: targetWords(t, item.target, journey) })).join(' '));
  }, [news, t, store]);
  return (
    <div className="sr-only comments-announcer" aria-live="polite">
      {said}
    </div>
  );
}

export function CommentsButton() {
  const t = useT();
  const { store } = useEditor();
  const unread = useComments((c) => c.unread.size);
  const open = useSession((s) => s.panel === 'comments');
  const label = unread ? t('comments.buttonUnread', { n: unread }) : t('comments.button');
  return (
    <>
      <button
        type="button"
        className="btn btn-ghost btn-compact comments-button"
        aria-label={label}
        title={label}
        aria-pressed={open}
        onClick={() => (open ? store.session.closePanel() : store.session.showComments(null))}
      >
        <Icon name="comment" />
        <span className="btn-text" aria-hidden>
          {t('comments.button')}
        </span>
        {unread > 0 && (
          <span className="unread-count" aria-hidden>
            {unread}
          </span>
        )}
      </button>
      <Announcer />
    </>
  );
}
