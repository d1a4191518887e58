// The loop that gaps and opportunities share: who owns it, where it stands, since when and by whom.
// Declared once here; gap.ts and opportunity.ts join it to their own fields.
import * as v from 'valibot';
import { oneOf, optText, time } from '../records/valid';
import { say, type Footer, type InspectorField, type Mark } from './kind';

export const LOOP_STATUSES = ['open', 'inProgress', 'done'] as const;
export type LoopStatus = (typeof LOOP_STATUSES)[number];

export const loopFields = {
  owner: optText,
  status: oneOf(LOOP_STATUSES, 'open'),
  statusChangedAt: time,
  /** The display name of whoever last changed the status. */
  statusChangedBy: optText,
};

/** What closes the loop on a gap or an opportunity. */
export type Loop = v.InferOutput<v.ObjectSchema<typeof loopFields, undefined>>;

export const initialLoop = (now: number): Loop => ({ owner: '', status: 'open', statusChangedAt: now, statusChangedBy: '' });

export const STATUS_ICONS = { open: 'circle', inProgress: 'circleHalf', done: 'circleCheck' } as const;

export const statusMark = (status: LoopStatus): Mark => ({ icon: STATUS_ICONS[status], words: say(`status.${status}`), tone: `status-${status}` });

export const loopFooter = (card: Loop): Footer => ({ layout: 'loop', owner: card.owner, status: statusMark(card.status) });

export const ownerField: InspectorField = { type: 'text', key: 'owner', label: 'field.owner', suggest: 'departments' };

export const statusFields: readonly InspectorField[] = [
  { type: 'select', key: 'status', label: 'field.status', options: LOOP_STATUSES.map((s) => ({ value: s, words: say(`status.${s}`) })) },
  { type: 'statusStamp' },
];
