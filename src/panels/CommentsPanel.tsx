// The comments panel (loaded when first opened). Two views: the threads on one card, stage or the map
// (`session.commentsOn`, opened from a card's count, its Comment button or key C, a stage header, or
// "New comment on the map") with a box for a new thread there; and all open threads, the map's first,
// then by stage in map order (those on deleted cards stay under their stage, marked so), resolved ones
// behind a toggle. Threads come from store.comments (src/app/commentsClient.ts); writes go to the
// comments client, which shows them at once and sends them when it can.
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { CommentTarget } from '../journey/comments';
import { groupThreads, isLive, type ShownThread } from '../journey/commentView';
import { knownNames } from '../journey/mentions';
import { sortByIndex } from '../journey/order';
import type { Journey } from '../journey/types';
import { defOf } from '../journey/cards';
import { useComments, useEditor, useJourney, usePresence, useSession } from '../store/context';
import { useT, type Translate } from '../i18n';
import { Icon } from '../views/Icon';
import { CommentComposer } from './CommentComposer';
import { CommentThread } from './CommentThread';
import { targetWords } from './commentWords';
import { rememberedName } from './identity';
import { errorReason } from './serverErrors';

/** The map as a whole (the comments client puts the map's own id in what it sends). */
const MAP: CommentTarget = { type: 'map', id: '' };
const sameTarget = (a: CommentTarget, b: CommentTarget) => a.type === b.type && (a.type === 'map' || a.id === b.id);

/** Whether a thread's card or stage is gone from the map. */
const isGone = (thread: ShownThread, journey: Journey) =>
  (thread.target.type === 'card' && !journey.cards.has(thread.target.id)) || (thread.target.type === 'stage' && !journey.stages.has(thread.target.id));

/** The people one may mention: those on the map now and those who commented, not oneself. */
function useMentionNames(threads: readonly ShownThread[]): string[] {
  const peers = usePresence((p) => p.peers);
  return useMemo(() => {
    const mine = rememberedName().trim().toLocaleLowerCase();
    const authors = threads.flatMap((t) => t.comments.map((c) => c.authorName));
    return knownNames([...peers.values()].map((p) => p.name), authors).filter((n) => n.toLocaleLowerCase() !== mine);
  }, [peers, threads]);
}

/** Where a card is, under the target's name: its kind and stage. */
function whereWords(t: Translate, target: CommentTarget, journey: Journey): string | null {
  if (target.type !== 'card') return null;
  const card = journey.cards.get(target.id);
  if (!card) return null;
  return `${t(defOf(card).name)} · ${journey.stages.get(card.stageId)?.name ?? '—'}`;
}

export function CommentsPanel() {
  const t = useT();
  const { store, comments } = useEditor();
  const view = useComments((c) => c);
  const journey = useJourney((j) => j);
  const on = useSession((s) => s.commentsOn);
  const me = useSession((s) => s.participantId);
  const local = useSession((s) => s.connection === 'local');
  const [showResolved, setShowResolved] = useState(false);
  /** Threads opened or closed by hand (the others: open when shown for one target, closed in the list). */
  const [toggled, setToggled] = useState<ReadonlyMap<string, boolean>>(new Map());
  const heading = useRef<HTMLHeadingElement>(null);
  const focusHeading = useRef<HTMLHeadingElement>(null);
  const names = useMentionNames(view.threads);

  const aside = useRef<HTMLElement>(null);
  // Opening the panel on a target (or back to all) takes the focus there, the keyboard following the
  // eye; unless a box in it took it already (a new comment where there is none yet).
  useLayoutEffect(() => {
    if (aside.current?.contains(document.activeElement)) return;
    (on ? focusHeading.current : heading.current)?.focus();
  }, [on]);

  const live = view.threads.filter(isLive);
  const resolvedCount = live.filter((th) => th.resolvedAt !== null).length;
  const listed = live.filter((th) => showResolved || th.resolvedAt === null);
  const groups = groupThreads(listed, journey);
  const positions = new Map(sortByIndex(journey.stages.values()).map((s, i) => [s.id, i + 1]));
  const onTarget = on ? live.filter((th) => sameTarget(th.target, on)).sort((a, b) => Number(a.resolvedAt !== null) - Number(b.resolvedAt !== null) || a.createdAt - b.createdAt) : [];

  const thread = (th: ShownThread, openByDefault: boolean) => (
    <CommentThread
      key={th.id}
      thread={th}
      target={targetWords(t, th.target, journey)}
      gone={isGone(th, journey)}
      me={me}
      names={names}
      expanded={toggled.get(th.id) ?? openByDefault}
      onToggle={() => setToggled(new Map(toggled).set(th.id, !(toggled.get(th.id) ?? openByDefault)))}
      hidesResolved={!on && !showResolved}
      onLeave={() => (on ? focusHeading : heading).current?.focus()}
    />
  );
  const where = on ? whereWords(t, on, journey) : null;

  return (
    <aside ref={aside} className="side-panel comments-panel" aria-label={t('comments.title')}>
      <div className="side-panel-head">
        <h2 ref={heading} tabIndex={-1}>
          {t('comments.title')}
        </h2>
        <button type="button" className="icon-btn" aria-label={t('common.close')} onClick={() => store.session.closePanel()}>
          <Icon name="close" />
        </button>
      </div>
      {view.error && (
        <div className="notice error comments-error" role="alert">
          <p>{t('comments.refused', { reason: errorReason(t, view.error) })}</p>
          <button type="button" className="btn btn-small" onClick={() => comments.dismissError()}>
            {t('comments.dismiss')}
          </button>
        </div>
      )}
      {view.waiting && (
        <p className="comments-waiting" role="status">
          <Icon name="warning" /> {t('comments.waiting')}
        </p>
      )}
      {local ? (
        <p className="muted">{t('comments.localOnly')}</p>
      ) : !view.canWrite ? (
        <p className="muted small comments-readonly">{t('comments.readOnly')}</p>
      ) : null}

      {on ? (
        <section className="comments-focus" aria-labelledby="comments-focus-title">
          <button type="button" className="link-btn comments-back" onClick={() => store.session.showComments(null)}>
            <Icon name="back" /> {t('comments.all')}
          </button>
          <h3 id="comments-focus-title" ref={focusHeading} tabIndex={-1} className="comments-focus-title">
            {t('comments.on', { target: targetWords(t, on, journey) })}
          </h3>
          {where && <p className="inspector-where">{where}</p>}
          {onTarget.length === 0 && <p className="muted">{t(`comments.noneOn.${on.type}`)}</p>}
          {onTarget.map((th) => thread(th, true))}
          {view.canWrite && (
            <div className="comments-new">
              {onTarget.length > 0 && <p className="comment-caption">{t('comments.newThread')}</p>}
              <CommentComposer
                key={`${on.type}:${on.id}`}
                label={t('comments.newOn', { target: targetWords(t, on, journey) })}
                submitLabel={t('comments.post')}
                names={names}
                autoFocus={onTarget.length === 0}
                onSubmit={(text, mentions) => comments.startThread(on, text, mentions)}
              />
            </div>
          )}
        </section>
      ) : (
        <>
          {view.canWrite && (
            <button type="button" className="btn comments-new-map" onClick={() => store.session.showComments(MAP)}>
              <Icon name="commentAdd" /> {t('comments.newOnMap')}
            </button>
          )}
          {!view.loaded && <p className="muted">{t('comments.loading')}</p>}
          {view.loaded && listed.length === 0 && <p className="muted">{t(resolvedCount && !showResolved ? 'comments.noneOpen' : 'comments.none')}</p>}
          {groups.map.length > 0 && (
            <section className="comments-group" aria-label={t('comments.target.map')}>
              <h3>{t('comments.mapGroup')}</h3>
              {groups.map.map((th) => thread(th, false))}
            </section>
          )}
          {groups.stages.map(({ stage, threads }) => (
            <section key={stage.id} className="comments-group" aria-label={stage.name || t('stage.untitled')}>
              <h3>
                <span className="stage-number" aria-hidden>
                  {positions.get(stage.id)}
                </span>
                {stage.name || t('stage.untitled')}
              </h3>
              {threads.map((th) => thread(th, false))}
            </section>
          ))}
          {groups.elsewhere.length > 0 && (
            <section className="comments-group" aria-label={t('comments.elsewhere')}>
              <h3>{t('comments.elsewhere')}</h3>
              {groups.elsewhere.map((th) => thread(th, false))}
            </section>
          )}
          {resolvedCount > 0 && (
            <button type="button" className="link-btn comments-resolved-toggle" aria-pressed={showResolved} onClick={() => setShowResolved(!showResolved)}>
              {t(showResolved ? 'comments.hideResolved' : 'comments.showResolved', { n: resolvedCount })}
            </button>
          )}
        </>
      )}
    </aside>
  );
}
