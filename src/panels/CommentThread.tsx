// One comment thread in the comments panel: a disclosure (what it is about, its first words, how many
// replies, whether this person has unread comments in it) that opens on its comments, each with its
// author, time and edited mark, one's own with Edit and Delete; a reply box; Resolve and Reopen for
// editors. Opening a thread marks it read. The focus never falls to the page: after a reply it stays
// in the reply box, after an edit on the comment's Edit button, after a deletion on the thread.
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import type { ShownComment, ShownThread } from '../journey/commentView';
import { splitMentions } from '../journey/mentions';
import { useComments, useEditor } from '../store/context';
import { useFormat, useT } from '../i18n';
import { Icon } from '../views/Icon';
import { askConfirm } from './confirm';
import { CommentComposer } from './CommentComposer';
import { initials } from './identity';

interface ThreadProps {
  thread: ShownThread;
  /** What it is about, in words ("“Store visit”", "the map"). */
  target: string;
  /** Its card or stage is no longer on the map. */
  gone: boolean;
  /** This person's participant id. */
  me: string | null;
  names: readonly string[];
  expanded: boolean;
  onToggle(): void;
  /** Resolved threads are hidden where this one is listed: resolving it takes it away. */
  hidesResolved: boolean;
  /** It leaves the list (its last comment deleted, or resolved where resolved ones are hidden): the panel takes the focus. */
  onLeave(): void;
}

function CommentText({ text, names }: { text: string; names: readonly string[] }) {
  return (
    <p className="comment-text">
      {splitMentions(text, names).map((part, i) =>
        part.mention ? (
          <strong key={i} className="mention">
            {part.text}
          </strong>
        ) : (
          part.text
        ),
      )}
    </p>
  );
}

function CommentItem({ comment, own, names, onDeleted }: { comment: ShownComment; own: boolean; names: readonly string[]; onDeleted(): void }) {
  const t = useT();
  const format = useFormat();
  const { comments } = useEditor();
  const canWrite = useComments((c) => c.canWrite);
  const waiting = useComments((c) => c.waiting);
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  /** Back from editing: the focus goes to the Edit button it came from. */
  const refocus = useRef(false);
  useLayoutEffect(() => {
    if (!editing && refocus.current) editButton.current?.focus();
    refocus.current = false;
  }, [editing]);
  const stopEditing = () => {
    refocus.current = true;
    setEditing(false);
  };
  const remove = async () => {
    if (!(await askConfirm(t('comments.deleteTitle'), t('comments.deleteMessage'), t('common.delete')))) return;
    comments.remove(comment.id);
    onDeleted();
  };
  const when = new Date(comment.createdAt);
  return (
    <li className={`comment${own ? ' is-own' : ''}${comment.pending ? ' is-pending' : ''}${comment.deleted ? ' is-deleted' : ''}`}>
      <div className="comment-head">
        <span className="comment-avatar" aria-hidden>
          {initials(comment.authorName)}
        </span>
        <strong className="comment-author">{comment.authorName}</strong>
        <time dateTime={when.toISOString()} className="muted">
          {format.dateTime(when)}
        </time>
        {comment.editedAt !== null && !comment.deleted && <span className="muted">· {t('comments.edited')}</span>}
        {comment.pending && <span className={`comment-pending${waiting ? ' is-waiting' : ''}`}>{t(waiting ? 'comments.notSent' : 'comments.sending')}</span>}
      </div>
      {comment.deleted ? (
        <p className="comment-text muted">{t('comments.deleted')}</p>
      ) : editing ? (
        <CommentComposer
          label={t('comments.editLabel')}
          submitLabel={t('comments.save')}
          names={names}
          initial={comment.text}
          autoFocus
          quiet
          onSubmit={(text, mentions) => {
            if (text !== comment.text) comments.edit(comment.id, text, mentions);
            stopEditing();
          }}
          onCancel={stopEditing}
        />
      ) : (
        // The names it was sent with (oneself among them), and anyone known since.
        <CommentText text={comment.text} names={[...comment.mentions, ...names]} />
      )}
      {own && canWrite && !comment.deleted && !editing && (
        <div className="comment-tools">
          <button ref={editButton} type="button" className="icon-btn" aria-label={t('comments.edit')} title={t('comments.edit')} onClick={() => setEditing(true)}>
            <Icon name="pencil" />
          </button>
          <button type="button" className="icon-btn danger" aria-label={t('comments.delete')} title={t('comments.delete')} onClick={() => void remove()}>
            <Icon name="trash" />
          </button>
        </div>
      )}
    </li>
  );
}

export function CommentThread({ thread, target, gone, me, names, expanded, onToggle, hidesResolved, onLeave }: ThreadProps) {
  const t = useT();
  const format = useFormat();
  const { comments, store } = useEditor();
  const canWrite = useComments((c) => c.canWrite);
  const canResolve = useComments((c) => c.canResolve);
  const unread = useComments((c) => c.unread.has(thread.id));
  const id = useId();
  const head = useRef<HTMLButtonElement>(null);
  // Open is read: now, and when more comes in while it is open.
  useEffect(() => {
    if (expanded && unread) comments.markRead(thread.id);
  }, [expanded, unread, comments, thread.id]);
  const resolved = thread.resolvedAt !== null;
  const shown = thread.comments.filter((c) => !c.deleted);
  const first = shown[0] ?? thread.comments[0];
  const replies = Math.max(0, thread.comments.length - 1);
  const resolve = () => {
    if (resolved) return comments.reopen(thread.id);
    comments.resolve(thread.id);
    // The button changes its name and stays, the focus with it; unless the thread leaves the list.
    if (hidesResolved) onLeave();
  };
  return (
    <article className={`comment-thread${resolved ? ' is-resolved' : ''}${unread ? ' is-unread' : ''}${thread.pending ? ' is-pending' : ''}`} aria-labelledby={`${id}-head`}>
      <h4 className="thread-title">
        <button ref={head} type="button" id={`${id}-head`} className="thread-head" aria-expanded={expanded} aria-controls={`${id}-body`} onClick={onToggle}>
          <span className="thread-target">
            {unread && (
              <span className="unread-dot" title={t('comments.unread')}>
                <span className="sr-only">{t('comments.unread')}: </span>
              </span>
            )}
            {/* A card or stage gone from the map has no words left but that. */}
            {gone ? <span className="thread-gone">{t(thread.target.type === 'card' ? 'comments.cardDeleted' : 'comments.stageDeleted')}</span> : target}
            {resolved && (
              <span className="thread-resolved-mark">
                <Icon name="circleCheck" /> {t('comments.resolved')}
              </span>
            )}
          </span>
          {!expanded && first && (
            <span className="thread-preview">
              <strong>{first.authorName}</strong>: {first.deleted ? t('comments.deleted') : first.text}
            </span>
          )}
          {!expanded && replies > 0 && <span className="thread-replies">{t('comments.replies', { n: replies })}</span>}
        </button>
      </h4>
      {expanded && (
        <div className="thread-body" id={`${id}-body`}>
          <ol className="comment-list">
            {thread.comments.map((c) => (
              <CommentItem key={c.id} comment={c} own={c.authorId === me} names={names} onDeleted={() => (shown.length > 1 ? head.current?.focus() : onLeave())} />
            ))}
          </ol>
          {resolved && (
            <p className="thread-resolved muted small">
              <Icon name="circleCheck" /> {t('comments.resolvedBy', { name: thread.resolvedBy ?? '?', time: format.dateTime(thread.resolvedAt!) })}
            </p>
          )}
          {canWrite && !resolved && <CommentComposer label={t('comments.replyTo', { target })} submitLabel={t('comments.reply')} names={names} quiet onSubmit={(text, mentions) => comments.reply(thread.id, text, mentions)} />}
          <div className="thread-actions">
            {thread.target.type === 'card' && !gone && (
              <button
                type="button"
                className="btn btn-small"
                onClick={() => {
                  store.session.select([thread.target.id]);
                  store.session.revealCard(thread.target.id);
                }}
              >
                <Icon name="mapPin" /> {t('comments.showCard')}
              </button>
            )}
            {canResolve && (
              <button type="button" className="btn btn-small" onClick={resolve}>
                <Icon name={resolved ? 'refresh' : 'circleCheck'} /> {t(resolved ? 'comments.reopen' : 'comments.resolve')}
              </button>
            )}
          </div>
        </div>
      )}
    </article>
  );
}
