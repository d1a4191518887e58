// An opportunity: an idea to make the journey better, with a priority and the loop that delivers it.
import * as v from 'valibot';
import { oneOf } from '../records/valid';
import type { CardBase } from '../types';
import type { Evidence } from './evidence';
import { say, type CardKindDef } from './kind';
import { LOOP_STATUSES, initialLoop, loopFields, loopFooter, ownerField, statusFields } from './loop';

export const PRIORITIES = ['low', 'medium', 'high'] as const;
export type Priority = (typeof PRIORITIES)[number];

const fields = {
  priority: oneOf(PRIORITIES, 'medium'),
  ...loopFields,
};

export type OpportunityCard = CardBase & Evidence & { kind: 'opportunity' } & v.InferOutput<v.ObjectSchema<typeof fields, undefined>>;

export const opportunity: CardKindDef<'opportunity', OpportunityCard> = {
  kind: 'opportunity',
  name: 'card.kind.opportunity',
  icon: 'lightbulb',
  homeLane: 'opportunities',
  fields,
  initial: (now) => ({ priority: 'medium', ...initialLoop(now) }),
  face: (card) => ({
    strip: null,
    badge: { icon: 'flag', words: say(`priority.${card.priority}`), tone: `prio-${card.priority}` },
    footer: loopFooter(card),
    classes: [],
    says: [],
  }),
  inspector: () => [
    ownerField,
    { type: 'select', key: 'priority', label: 'field.priority', options: PRIORITIES.map((p) => ({ value: p, words: say(`priority.${p}`) })) },
    ...statusFields,
  ],
  csv: {
    columns: ['owner', 'priority', 'status'],
    typed: ['owner'],
    write: (card) => ({ owner: card.owner, priority: card.priority, status: card.status }),
    read: (cells) => ({ owner: cells.text('owner'), priority: cells.oneOf('priority', PRIORITIES), status: cells.oneOf('status', LOOP_STATUSES) }),
  },
  report: (card) => ({ lead: null, after: [{ owner: card.owner }, say(`priority.${card.priority}`), say(`status.${card.status}`)], details: [] }),
  responsible: (card) => card.owner,
};
