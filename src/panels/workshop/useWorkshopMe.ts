// Who this tab is in the workshop: its participant id, whether it facilitates, whether it may act
// (viewers never see the facilitator's controls), and how a refused request is said to the person.
import { useState } from 'react';
import { useReadOnly, useSession, useWorkshop } from '../../store/context';
import { WorkshopRequestError } from '../../store/workshopClient';
import type { Translate } from '../../i18n';
import { refusalOf } from '../../i18n/refusals';
import { refusalText } from '../serverErrors';

export function useWorkshopMe() {
  const participantId = useSession((s) => s.participantId);
  const readOnly = useReadOnly();
  const facilitator = useWorkshop((w) => w.facilitator);
  const isFacilitator = !readOnly && !!participantId && facilitator?.participantId === participantId;
  return { participantId, readOnly, facilitator, isFacilitator };
}

export function requestMessage(t: Translate, error: unknown): string {
  if (!(error instanceof WorkshopRequestError)) return t('workshop.error.other', { reason: String(error) });
  if (error.status === 0) return t('workshop.error.offline');
  // The server's refusal, in the reader's language (its English message only from an unknown server).
  const refusal = refusalOf(error);
  if (error.status === 403 && (!refusal || refusal.code === 'notFacilitator' || refusal.code === 'noFacilitator')) return t('workshop.error.notFacilitator');
  const reason = refusal ? refusalText(t, refusal) : error.message;
  if (error.status === 409) return t('workshop.error.conflict', { reason });
  return t('workshop.error.other', { reason });
}

/** Runs a request, keeping its error message (shown in an alert) until the next one. */
export function useRequest(t: Translate) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<unknown>) => {
    setError(null);
    setBusy(true);
    try {
      await fn();
    } catch (e) {
      setError(requestMessage(t, e));
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, run };
}
