// The silent round: for a set time each participant writes cards only they can see (they stay in
// their browser and on the server, never in the shared map), then the facilitator reveals them all
// at once. The facilitator sees how many cards are written, never what.
import { useEffect, useRef, useState } from 'react';
import { useFocusFallback } from './useFocusFallback';
import { useEditor, useJourney, useSession, useWorkshop } from '../../store/context';
import { useT } from '../../i18n';
import { sortByIndex } from '../../journey/order';
import { cardKindForLane } from '../../journey/cards';
import { MINUTE, formatCountdown } from '../../journey/workshop';
import { useServerNow } from '../../views/useServerNow';
import { useRequest, useWorkshopMe } from './useWorkshopMe';
import { Icon } from '../../views/Icon';

function RoundProgress() {
  const t = useT();
  const { workshop } = useEditor();
  const roundId = useWorkshop((w) => w.round?.id);
  const [cards, setCards] = useState<number | null>(null);
  useEffect(() => {
    let stopped = false;
    const poll = () => workshop.roundProgress().then((p) => !stopped && setCards(p.cards), () => undefined);
    void poll();
    const timer = setInterval(poll, 3000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [workshop, roundId]);
  return cards === null ? null : (
    <p className="muted" role="status">
      {t('workshop.round.count', { n: cards })}
    </p>
  );
}

/** This person's own cards of the open round: add, change, delete. */
export function PrivateCards() {
  const t = useT();
  const { workshop } = useEditor();
  const stages = useJourney((j) => j.stages);
  const lanes = useJourney((j) => j.lanes);
  const round = useWorkshop((w) => w.round);
  const cards = useSession((s) => s.privateCards).filter((c) => c.roundId === round?.id && !c.removed);
  const stageList = sortByIndex([...stages.values()]);
  const laneList = sortByIndex([...lanes.values()]).filter((l) => cardKindForLane(l.kind));
  const [stageId, setStageId] = useState('');
  const [laneId, setLaneId] = useState('');
  const [text, setText] = useState('');
  if (round?.status !== 'open') return null;
  const stage = stages.has(stageId) ? stageId : (stageList[0]?.id ?? '');
  const lane = lanes.has(laneId) ? laneId : (laneList[0]?.id ?? '');
  return (
    <div className="private-cards">
      <h4>{t('workshop.round.yours')}</h4>
      <form
        className="workshop-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!text.trim() || !stage || !lane) return;
          workshop.addPrivateCard(stage, lane, text.trim());
          setText('');
        }}
      >
        <div className="field-row">
          <label htmlFor="private-stage">{t('workshop.round.stage')}</label>
          <select id="private-stage" value={stage} onChange={(e) => setStageId(e.target.value)}>
            {stageList.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field-row">
          <label htmlFor="private-lane">{t('workshop.round.lane')}</label>
          <select id="private-lane" value={lane} onChange={(e) => setLaneId(e.target.value)}>
            {laneList.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </div>
        <label htmlFor="private-text">{t('workshop.round.text')}</label>
        <textarea id="private-text" rows={2} value={text} maxLength={4000} onChange={(e) => setText(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && (e.ctrlKey || e.metaKey) && e.currentTarget.form?.requestSubmit()} />
        <button type="submit" className="btn btn-primary" disabled={!text.trim()}>
          {t('workshop.round.add')}
        </button>
      </form>
      {cards.length === 0 ? (
        <p className="muted small">{t('workshop.round.none')}</p>
      ) : (
        <ul className="private-list" aria-label={t('workshop.round.yours')}>
          {cards.map((c) => (
            <li key={c.id} className="private-card">
              <span className="muted small">
                {stages.get(c.stageId)?.name ?? '—'} · {lanes.get(c.laneId)?.name ?? '—'}
              </span>
              <span>{c.text}</span>
              {c.unsent && <span className="muted small"><Icon name="refresh" /> {t('workshop.round.unsent')}</span>}
              <button type="button" className="icon-btn" aria-label={t('workshop.round.delete', { text: c.text })} onClick={() => workshop.removePrivateCard(c.id)}>
                <Icon name="close" />
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function RoundControls() {
  const t = useT();
  const { workshop } = useEditor();
  const { isFacilitator, readOnly } = useWorkshopMe();
  const round = useWorkshop((w) => w.round);
  const offset = useSession((s) => s.clockOffset);
  const known = useSession((s) => s.clockKnown);
  const now = useServerNow(offset, round?.status === 'open');
  const [minutes, setMinutes] = useState(5);
  const { error, busy, run } = useRequest(t);
  const open = round?.status === 'open';
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusFallback(heading, `${round?.id}:${round?.status}`);
  return (
    <section className="workshop-section" aria-labelledby="workshop-round">
      <h3 id="workshop-round" ref={heading} tabIndex={-1}>
        {t('workshop.round.title')}
      </h3>
      {open && (
        <p>
          {t('workshop.round.banner')}{' '}
          <strong role="timer">{!known ? t('workshop.timer.label', { time: '–:––' }) : round.endsAt > now ? t('workshop.timer.label', { time: formatCountdown(round.endsAt - now) }) : t('workshop.round.ended')}</strong>
        </p>
      )}
      {round?.status === 'revealed' && <p className="muted">{t('workshop.round.revealed', { n: round.cards, w: round.writers })}</p>}
      {!readOnly && <PrivateCards />}
      {isFacilitator && open && (
        <>
          <RoundProgress />
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void run(() => workshop.revealRound())}>
            {t('workshop.round.reveal')}
          </button>
        </>
      )}
      {isFacilitator && !open && (
        <div className="field-row">
          <label htmlFor="round-minutes">{t('workshop.timer.minutes')}</label>
          <input id="round-minutes" type="number" min={1} max={120} value={minutes} onChange={(e) => setMinutes(e.target.valueAsNumber)} />
          <button type="button" className="btn btn-primary" disabled={busy || !(minutes >= 1 && minutes <= 120)} onClick={() => void run(() => workshop.openRound(minutes * MINUTE))}>
            {t('workshop.round.start')}
          </button>
        </div>
      )}
      {error && <p role="alert" className="error small">{error}</p>}
    </section>
  );
}
