// The workshop panel: who facilitates and how the role changes hands; for the facilitator the
// spotlight, the timer, dot voting, the silent round and the summary; for everyone the vote's
// results and their own private cards. Viewers see who facilitates and the results, no controls.
import { useRef } from 'react';
import { useEditor, useWorkshop } from '../store/context';
import { useFocusFallback } from './workshop/useFocusFallback';
import { useT } from '../i18n';
import { FacilitatorRole } from './workshop/FacilitatorRole';
import { SpotlightControls } from './workshop/SpotlightControls';
import { TimerControls } from './workshop/TimerControls';
import { VoteControls, VoteResults } from './workshop/VoteControls';
import { RoundControls } from './workshop/RoundControls';
import { SummaryControls } from './workshop/SummaryControls';
import { useWorkshopMe } from './workshop/useWorkshopMe';
import { Icon } from '../views/Icon';

export function WorkshopPanel() {
  const t = useT();
  const { store } = useEditor();
  const { isFacilitator, readOnly } = useWorkshopMe();
  const vote = useWorkshop((w) => (w.voteId ? (w.votes.get(w.voteId) ?? null) : null));
  const round = useWorkshop((w) => w.round);
  const heading = useRef<HTMLHeadingElement>(null);
  // Taking, handing over or leaving the role replaces the buttons that did it.
  useFocusFallback(heading, isFacilitator);
  return (
    <aside className="side-panel workshop-panel" aria-label={t('workshop.title')}>
      <div className="side-panel-head">
        <h2 ref={heading} tabIndex={-1}>
          {t('workshop.title')}
        </h2>
        <button type="button" className="icon-btn" aria-label={t('common.close')} onClick={() => store.session.closePanel()}>
          <Icon name="close" />
        </button>
      </div>
      <p className="muted small">{t('workshop.hint')}</p>
      <FacilitatorRole />
      {isFacilitator && (
        <>
          <SpotlightControls />
          <TimerControls />
        </>
      )}
      {(isFacilitator || vote) && (readOnly ? vote?.status === 'closed' && <VoteResults vote={vote} facilitating={false} /> : <VoteControls />)}
      {(isFacilitator || round?.status === 'open') && !readOnly && <RoundControls />}
      {isFacilitator && <SummaryControls />}
    </aside>
  );
}
