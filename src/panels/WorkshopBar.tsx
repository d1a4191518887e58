// The workshop as everyone on the map sees it, above the canvas: who facilitates, the timer, the
// spotlight (with "step away" and "back"), the open vote and this person's votes left, the silent
// round, and the facilitator's answer to someone asking for the role. Changes are announced to
// screen readers; the end of the timer is said in words, not only in colour.
import { useEffect, useRef, useState } from 'react';
import { useActions, useEditor, useJourney, usePresence, useSession, useWorkshop } from '../store/context';
import { useT, type Translate } from '../i18n';
import { formatCountdown, timeLeft, type Timer, type Workshop } from '../journey/workshop';
import { useServerNow } from '../views/useServerNow';
import { Icon } from '../views/Icon';
import { rememberedName } from './identity';
import { requestMessage, useWorkshopMe } from './workshop/useWorkshopMe';

function TimerDisplay({ timer, t, onEnd }: { timer: Timer; t: Translate; onEnd(): void }) {
  const offset = useSession((s) => s.clockOffset);
  const known = useSession((s) => s.clockKnown);
  const now = useServerNow(offset, timer.status === 'running');
  const left = timeLeft(timer, now);
  const ended = known && left <= 0;
  const endedRef = useRef(ended);
  useEffect(() => {
    if (ended && !endedRef.current) onEnd();
    endedRef.current = ended;
  }, [ended, onEnd]);
  // Until this tab knows the server's clock, a countdown could be minutes off: show none yet.
  const time = known ? formatCountdown(left) : '–:––';
  return (
    <span className={`workshop-timer${ended ? ' is-ended' : ''}${timer.status === 'paused' ? ' is-paused' : ''}`} role="timer" aria-label={ended ? t('workshop.timer.ended') : timer.status === 'paused' ? t('workshop.timer.paused', { time }) : t('workshop.timer.label', { time })}>
      {ended ? (
        <>
          <Icon name="warning" />{' '}
          {t('workshop.timer.ended')}
        </>
      ) : (
        <>
          <Icon name={timer.status === 'paused' ? 'pause' : 'clock'} />{' '}
          {time}
        </>
      )}
    </span>
  );
}

/** The facilitator answers whoever asks for the role. */
function Asks({ t }: { t: Translate }) {
  const actions = useActions();
  const { presence, workshop } = useEditor();
  const peers = usePresence((p) => p.peers);
  const [answered, setAnswered] = useState<Record<string, number>>({});
  const asking = [...peers.values()].filter((p) => p.ask && p.participantId && p.role === 'edit' && (answered[p.participantId] ?? -1) < p.ask.at);
  const first = asking[0];
  if (!first?.participantId) return null;
  const answer = (accepted: boolean) => {
    const to = first.participantId!;
    setAnswered({ ...answered, [to]: first.ask!.at });
    presence({ answer: { to, accepted, at: workshop.now() } });
    if (accepted) actions.handOverFacilitator({ participantId: to, name: first.name }, workshop.now());
  };
  return (
    <span className="workshop-ask" role="alert">
      {t('workshop.asks', { name: first.name })}{' '}
      <button type="button" className="btn btn-primary" onClick={() => answer(true)}>
        {t('workshop.handTo', { name: first.name })}
      </button>{' '}
      <button type="button" className="btn" onClick={() => answer(false)}>
        {t('workshop.keep')}
      </button>
    </span>
  );
}

/** For the one asking: the facilitator's answer ends the ask (a yes makes them facilitator). */
function useAskAnswer(t: Translate, say: (message: string) => void) {
  const { store } = useEditor();
  const asking = useSession((s) => s.asking);
  const { participantId, facilitator, isFacilitator } = useWorkshopMe();
  const answer = usePresence((p) => {
    if (!facilitator) return null;
    for (const peer of p.peers.values()) if (peer.participantId === facilitator.participantId && peer.answer?.to === participantId) return peer.answer;
    return null;
  });
  useEffect(() => {
    if (asking === null) return;
    if (isFacilitator) store.session.stopAsking();
    else if (answer && !answer.accepted && answer.at >= asking) {
      store.session.stopAsking();
      say(t('workshop.declined', { name: facilitator?.name ?? '' }));
    }
  }, [asking, isFacilitator, answer, facilitator, store, say, t]);
}

/** What changed in the workshop, in one sentence for screen readers (and the person asking). */
function useAnnouncements(t: Translate): [string, (message: string) => void] {
  const [message, setMessage] = useState('');
  const workshop = useWorkshop((w) => w);
  const stages = useJourney((j) => j.stages);
  const prev = useRef<Workshop | null>(null);
  useEffect(() => {
    const before = prev.current;
    prev.current = workshop;
    if (!before) return;
    const vote = workshop.voteId ? workshop.votes.get(workshop.voteId) : undefined;
    const voteBefore = workshop.voteId ? before.votes.get(workshop.voteId) : undefined;
    let said = '';
    if (workshop.facilitator && workshop.facilitator.participantId !== before.facilitator?.participantId) said = t('workshop.nowFacilitator', { name: workshop.facilitator.name });
    else if (vote?.status === 'open' && !voteBefore) said = t('workshop.vote.openBanner');
    else if (vote?.status === 'closed' && voteBefore?.status === 'open') said = t('workshop.vote.closedBanner', { n: vote.voters });
    else if (workshop.round?.status === 'open' && workshop.round.id !== before.round?.id) said = t('workshop.round.banner');
    else if (workshop.round?.status === 'revealed' && before.round?.status === 'open') said = t('workshop.round.revealed', { n: workshop.round.cards, w: workshop.round.writers });
    else if (workshop.spotlight && workshop.spotlight.at !== before.spotlight?.at) {
      const stage = workshop.spotlight.stageId ? stages.get(workshop.spotlight.stageId)?.name : undefined;
      said = stage ? t('workshop.spotlight.bannerStage', { name: workshop.spotlight.name, stage }) : t('workshop.spotlight.bannerView', { name: workshop.spotlight.name });
    }
    if (said) setMessage(said);
  }, [workshop, stages, t]);
  return [message, setMessage];
}

export function WorkshopBar() {
  const t = useT();
  const actions = useActions();
  const { store, workshop: client } = useEditor();
  const { participantId, readOnly, facilitator, isFacilitator } = useWorkshopMe();
  const w = useWorkshop((x) => x);
  const stages = useJourney((j) => j.stages);
  const away = useSession((s) => s.steppedAway);
  const ballot = useSession((s) => s.ballot);
  const [message, say] = useAnnouncements(t);
  const failure = useSession((s) => s.workshopError);
  const waiting = useSession((s) => s.privateCards.filter((c) => c.unsent && !c.removed).length);
  useAskAnswer(t, say);

  // Whoever edits while a session runs counts as taking part (for the summary).
  const sessionStart = w.session?.startedAt;
  const joined = participantId ? w.participants.get(participantId) : undefined;
  useEffect(() => {
    if (readOnly || !participantId || sessionStart === undefined) return;
    const name = rememberedName() || t('presence.guest');
    if (joined?.session !== sessionStart || joined.name !== name) actions.joinWorkshop(participantId, name, sessionStart, client.now());
  }, [readOnly, participantId, sessionStart, joined, actions, client, t]);

  const vote = w.voteId ? w.votes.get(w.voteId) : undefined;
  const round = w.round?.status === 'open' ? w.round : null;
  const spotlight = w.spotlight;
  const openPanel = () => store.session.openPanel('workshop');
  const active = !!(facilitator || w.timer || spotlight || vote || round) || waiting > 0;
  return (
    <>
      <p className="sr-only" aria-live="polite">
        {message}
      </p>
      {active && (
        <section className="workshop-bar" aria-label={t('workshop.bar')}>
          {facilitator && (
            <span className="workshop-tag">
              <Icon name="flag" />{' '}
              {isFacilitator ? t('workshop.facilitatorYou') : t('workshop.facilitator', { name: facilitator.name })}
            </span>
          )}
          {w.timer && <TimerDisplay timer={w.timer} t={t} onEnd={() => say(t('workshop.timer.ended'))} />}
          {spotlight && (
            <span className="workshop-spotlight">
              {away === spotlight.at
                ? t('workshop.spotlight.away')
                : spotlight.stageId
                  ? t('workshop.spotlight.bannerStage', { name: spotlight.name, stage: stages.get(spotlight.stageId)?.name ?? '—' })
                  : t('workshop.spotlight.bannerView', { name: spotlight.name })}{' '}
              {spotlight.by !== participantId && (
                // One button that changes its words, so focus stays on it.
                <button type="button" className={`btn${away === spotlight.at ? ' btn-primary' : ''}`} onClick={() => (away === spotlight.at ? store.session.backToSpotlight() : store.session.stepAwayFromSpotlight())}>
                  {away === spotlight.at ? t('workshop.spotlight.back') : t('workshop.spotlight.stepAway')}
                </button>
              )}
            </span>
          )}
          {vote?.status === 'open' && (
            <span className="workshop-vote">
              <Icon name="vote" />{' '}
              {readOnly ? t('workshop.vote.viewers') : t('workshop.votesLeft', { n: Math.max(0, vote.votesPerPerson - ballot.length), total: vote.votesPerPerson })}
            </span>
          )}
          {vote?.status === 'closed' && (
            <span className="workshop-vote">
              {t('workshop.vote.closedBanner', { n: vote.voters })}{' '}
              <button type="button" className="btn" onClick={openPanel}>
                {t('workshop.vote.showResults')}
              </button>
            </span>
          )}
          {round && !readOnly && (
            <span className="workshop-round">
              {t('workshop.round.title')}{' '}
              <button type="button" className="btn" onClick={openPanel}>
                {t('workshop.round.yours')}
              </button>
            </span>
          )}
          {waiting > 0 && (
            <span className="workshop-waiting" role="status">
              <Icon name="refresh" />{' '}
              {t('workshop.round.waiting', { n: waiting })}
            </span>
          )}
          {isFacilitator && <Asks t={t} />}
        </section>
      )}
      {failure && (
        <p className="notice error" role="alert">
          {requestMessage(t, failure)}{' '}
          <button type="button" className="btn btn-ghost" onClick={() => store.session.dismissWorkshopError()}>
            {t('common.close')}
          </button>
        </p>
      )}
    </>
  );
}
