// Who facilitates, and how the role changes hands: taken when free, asked for when its holder is on
// the map (the holder answers in the workshop bar), taken over when the holder left, handed over
// or left by the holder. The ask and the answer travel in presence: nothing to store.
import { useState } from 'react';
import { useActions, useEditor, usePresence, useSession } from '../../store/context';
import { useT } from '../../i18n';
import { rememberedName } from '../identity';
import { useWorkshopMe } from './useWorkshopMe';
import { useServerNow } from '../../views/useServerNow';

/** How long an ask for the role waits for the holder's answer before it may be taken over. */
const ASK_TIMEOUT_MS = 30_000;

export function FacilitatorRole() {
  const t = useT();
  const actions = useActions();
  const { store, workshop } = useEditor();
  const { participantId, readOnly, facilitator, isFacilitator } = useWorkshopMe();
  const peers = usePresence((p) => p.peers);
  const askedAt = useSession((s) => s.asking);
  const asking = askedAt !== null;
  const offset = useSession((s) => s.clockOffset);
  const now = useServerNow(offset, asking, 1000);
  // A holder who does not answer (away from the laptop, or not a real participant) cannot keep the role hostage.
  const unanswered = asking && now - askedAt >= ASK_TIMEOUT_MS;
  const [handTo, setHandTo] = useState('');
  const name = rememberedName() || t('presence.guest');
  const holderHere = !!facilitator && [...peers.values()].some((p) => p.participantId === facilitator.participantId);
  // Everyone else who edits and is here, once each (a person may have several tabs).
  const others = new Map<string, string>();
  for (const p of peers.values()) if (p.participantId && p.role === 'edit' && p.participantId !== participantId) others.set(p.participantId, p.name);
  const take = () => participantId && actions.takeFacilitator(participantId, name, workshop.now());
  const ask = (on: boolean) => (on ? store.session.askForRole(workshop.now()) : store.session.stopAsking());

  if (readOnly) return <p className="workshop-role">{facilitator ? t('workshop.facilitator', { name: facilitator.name }) : t('workshop.noFacilitator')}</p>;
  if (!facilitator)
    return (
      <div className="workshop-role">
        <p className="muted">{t('workshop.noFacilitator')}</p>
        <button type="button" className="btn btn-primary" disabled={!participantId} onClick={take}>
          {t('workshop.take')}
        </button>
      </div>
    );
  if (isFacilitator) {
    const chosen = handTo && others.has(handTo) ? handTo : ([...others.keys()][0] ?? '');
    return (
      <div className="workshop-role">
        <p>
          <strong>{t('workshop.facilitatorYou')}</strong>
        </p>
        {others.size ? (
          <div className="field-row">
            <label htmlFor="workshop-hand-to">{t('workshop.handOver')}</label>
            <select id="workshop-hand-to" value={chosen} onChange={(e) => setHandTo(e.target.value)}>
              {[...others].map(([id, who]) => (
                <option key={id} value={id}>
                  {who}
                </option>
              ))}
            </select>
            <button type="button" className="btn" onClick={() => chosen && actions.handOverFacilitator({ participantId: chosen, name: others.get(chosen)! }, workshop.now())}>
              {t('workshop.handOverButton')}
            </button>
          </div>
        ) : (
          <p className="muted small">{t('workshop.nobodyElse')}</p>
        )}
        <button type="button" className="btn btn-ghost" onClick={() => actions.releaseFacilitator()}>
          {t('workshop.leave')}
        </button>
      </div>
    );
  }
  return (
    <div className="workshop-role">
      <p>{t('workshop.facilitator', { name: facilitator.name })}</p>
      {holderHere ? (
        <>
          <p className="muted small" role="status">
            {asking ? t('workshop.asking', { name: facilitator.name }) : ''}
          </p>
          <button type="button" className="btn" onClick={() => ask(!asking)}>
            {asking ? t('workshop.cancelAsk') : t('workshop.ask', { name: facilitator.name })}
          </button>
          {unanswered && (
            <button type="button" className="btn" onClick={take}>
              {t('workshop.takeOver', { name: facilitator.name })}
            </button>
          )}
        </>
      ) : (
        <>
          <p className="muted small">{t('workshop.takeOverWhy', { name: facilitator.name })}</p>
          <button type="button" className="btn" onClick={take}>
            {t('workshop.takeOver', { name: facilitator.name })}
          </button>
        </>
      )}
    </div>
  );
}
