// Dot voting: the facilitator picks the cards (lanes, optionally stages), the votes per person and
// whether several may go on one card, then opens the vote. Ballots stay on the server, so nobody
// sees a count until the facilitator closes it; then the ranked result shows here for everyone,
// and the facilitator applies it to the cards in one undoable step.
import { useEffect, useRef, useState } from 'react';
import { useFocusFallback } from './useFocusFallback';
import { useActions, useEditor, useJourney, useWorkshop } from '../../store/context';
import { useT } from '../../i18n';
import { sortByIndex } from '../../journey/order';
import { cardKindForLane } from '../../journey/cards';
import { DEFAULT_VOTES_PER_PERSON, MAX_VOTES_PER_PERSON, rankVote, voteOutcome, type Vote } from '../../journey/workshop';
import { CARD_KIND_ICONS } from '../../views/marks';
import { Icon } from '../../views/Icon';
import { useRequest, useWorkshopMe } from './useWorkshopMe';

/** Lanes whose cards are usually voted on first: pain points and opportunities. */
const FIRST_CHOICE = new Set(['painPoints', 'opportunities']);

function VoteSetupForm() {
  const t = useT();
  const { workshop } = useEditor();
  const lanes = useJourney((j) => j.lanes);
  const stages = useJourney((j) => j.stages);
  const votable = sortByIndex([...lanes.values()]).filter((l) => cardKindForLane(l.kind));
  const [laneIds, setLaneIds] = useState<string[]>(() => votable.filter((l) => FIRST_CHOICE.has(l.kind)).map((l) => l.id));
  const [stageIds, setStageIds] = useState<string[]>([]);
  const [perPerson, setPerPerson] = useState(DEFAULT_VOTES_PER_PERSON);
  const [multiple, setMultiple] = useState(false);
  const { error, busy, run } = useRequest(t);
  const toggle = (list: string[], id: string) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);
  const chosenLanes = laneIds.filter((id) => lanes.has(id));
  const valid = chosenLanes.length > 0 && perPerson >= 1 && perPerson <= MAX_VOTES_PER_PERSON;
  return (
    <form
      className="workshop-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) void run(() => workshop.openVote({ votesPerPerson: perPerson, allowMultiple: multiple, laneIds: chosenLanes, stageIds: stageIds.filter((id) => stages.has(id)) }));
      }}
    >
      <fieldset>
        <legend>{t('workshop.vote.lanes')}</legend>
        {votable.map((l) => (
          <label key={l.id} className="check">
            <input type="checkbox" checked={laneIds.includes(l.id)} onChange={() => setLaneIds(toggle(laneIds, l.id))} /> {l.name}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('workshop.vote.stages')}</legend>
        {sortByIndex([...stages.values()]).map((s) => (
          <label key={s.id} className="check">
            <input type="checkbox" checked={stageIds.includes(s.id)} onChange={() => setStageIds(toggle(stageIds, s.id))} /> {s.name}
          </label>
        ))}
      </fieldset>
      <div className="field-row">
        <label htmlFor="workshop-per-person">{t('workshop.vote.perPerson')}</label>
        <input id="workshop-per-person" type="number" min={1} max={MAX_VOTES_PER_PERSON} value={perPerson} onChange={(e) => setPerPerson(e.target.valueAsNumber)} />
      </div>
      <label className="check">
        <input type="checkbox" checked={multiple} onChange={(e) => setMultiple(e.target.checked)} /> {t('workshop.vote.multiple')}
      </label>
      {!chosenLanes.length && <p className="muted small">{t('workshop.vote.noLanes')}</p>}
      <button type="submit" className="btn btn-primary" disabled={!valid || busy}>
        {t('workshop.vote.open')}
      </button>
      {error && <p role="alert" className="error small">{error}</p>}
    </form>
  );
}

/** While a vote is open: how many have voted (a count, never who or what), and the close. */
function OpenVote({ vote, facilitating }: { vote: Vote; facilitating: boolean }) {
  const t = useT();
  const { workshop } = useEditor();
  const { error, busy, run } = useRequest(t);
  const [voters, setVoters] = useState<number | null>(null);
  useEffect(() => {
    if (!facilitating) return;
    let stopped = false;
    const poll = () => workshop.voters().then((n) => !stopped && setVoters(n), () => undefined);
    void poll();
    const timer = setInterval(poll, 3000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [facilitating, workshop, vote.id]);
  return (
    <div>
      <p>{t('workshop.vote.openBanner')}</p>
      {voters !== null && (
        <p className="muted" role="status">
          {t('workshop.vote.voters', { n: voters })}
        </p>
      )}
      {facilitating && (
        <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void run(() => workshop.closeVote())}>
          {t('workshop.vote.close')}
        </button>
      )}
      {error && <p role="alert" className="error small">{error}</p>}
    </div>
  );
}

/** A closed vote's ranking, and (for the facilitator) applying it. */
export function VoteResults({ vote, facilitating }: { vote: Vote; facilitating: boolean }) {
  const t = useT();
  const actions = useActions();
  const { workshop } = useEditor();
  const journey = useJourney((j) => j);
  const ranked = rankVote(vote, journey);
  const voted = ranked.filter((r) => r.votes > 0);
  return (
    <div className="vote-results">
      <h4>{t('workshop.vote.results')}</h4>
      <p className="muted">{t('workshop.vote.closedBanner', { n: vote.voters })}</p>
      {voted.length > 0 && (
        <ol className="vote-ranking" aria-label={t('workshop.vote.results')}>
          {voted.map((r) => (
            <li key={r.card.id}>
              <span className="vote-place" aria-label={t('workshop.vote.place', { n: r.place })}>
                {r.place}.
              </span>
              <span className="vote-text">
                <Icon name={CARD_KIND_ICONS[r.card.kind]} />{' '}
                {r.card.text || t('card.empty')}
              </span>
              <strong className="vote-count">{t('workshop.voteCount', { n: r.votes })}</strong>
              <span className="vote-where muted small">
                {journey.stages.get(r.card.stageId)?.name ?? '—'} · {journey.lanes.get(r.card.laneId)?.name ?? '—'}
              </span>
            </li>
          ))}
        </ol>
      )}
      {facilitating &&
        (vote.appliedAt ? (
          <p role="status">✓ {t('workshop.vote.applied')}</p>
        ) : (
          <>
            <p className="muted small">{t('workshop.vote.applyHelp')}</p>
            <button type="button" className="btn btn-primary" disabled={!voted.length} onClick={() => actions.applyVoteOutcome(vote.id, voteOutcome(ranked), workshop.now())}>
              {t('workshop.vote.apply')}
            </button>
          </>
        ))}
    </div>
  );
}

export function VoteControls() {
  const t = useT();
  const { isFacilitator } = useWorkshopMe();
  const vote = useWorkshop((w) => (w.voteId ? (w.votes.get(w.voteId) ?? null) : null));
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusFallback(heading, `${vote?.id}:${vote?.status}:${vote?.appliedAt}`);
  return (
    <section className="workshop-section" aria-labelledby="workshop-vote">
      <h3 id="workshop-vote" ref={heading} tabIndex={-1}>
        {t('workshop.vote.title')}
      </h3>
      {vote?.status === 'open' && <OpenVote vote={vote} facilitating={isFacilitator} />}
      {vote?.status === 'closed' && <VoteResults vote={vote} facilitating={isFacilitator} />}
      {isFacilitator && vote?.status !== 'open' && <VoteSetupForm key={vote?.id ?? 'first'} />}
    </section>
  );
}
