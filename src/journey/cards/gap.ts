// A pain point (a gap between what the customer expects and gets): how severe, what was expected,
// and the loop that closes it.
import * as v from 'valibot';
import { optText, wholeNumber } from '../records/valid';
import type { CardBase } from '../types';
import type { Evidence } from './evidence';
import { say, type CardKindDef } from './kind';
import { initialLoop, loopFields, loopFooter, ownerField, statusFields, type LoopStatus } from './loop';

export type Severity = 1 | 2 | 3;
export const SEVERITIES: readonly Severity[] = [1, 2, 3];

const fields = {
  severity: wholeNumber<Severity>(1, 3, 2),
  expectation: optText,
  ...loopFields,
};

export type GapCard = CardBase & Evidence & { kind: 'gap' } & v.InferOutput<v.ObjectSchema<typeof fields, undefined>>;

export const SEVERITY_ICONS = { 1: 'severity1', 2: 'severity2', 3: 'severity3' } as const;

export const gap: CardKindDef<'gap', GapCard> = {
  kind: 'gap',
  name: 'card.kind.gap',
  icon: 'warning',
  homeLane: 'painPoints',
  fields,
  initial: (now) => ({ severity: 2, expectation: '', ...initialLoop(now) }),
  face: (card) => ({
    strip: null,
    badge: { icon: SEVERITY_ICONS[card.severity], words: say(`severity.short.${card.severity}`), tone: `sev-${card.severity}` },
    footer: loopFooter(card),
    classes: [],
    says: [say(`card.severity.${card.severity}`)],
  }),
  inspector: () => [
    { type: 'select', key: 'severity', label: 'field.severity', numeric: true, options: SEVERITIES.map((s) => ({ value: String(s), words: say(`card.severity.${s}`) })) },
    { type: 'text', key: 'expectation', label: 'field.expectation', multiline: true },
    ownerField,
    ...statusFields,
  ],
  csv: {
    columns: ['severity', 'expectation', 'owner', 'status'],
    typed: ['expectation', 'owner'],
    write: (card) => ({ severity: String(card.severity), expectation: card.expectation, owner: card.owner, status: card.status }),
    read: (cells) => ({
      severity: cells.severity('severity'),
      expectation: cells.text('expectation'),
      owner: cells.text('owner'),
      status: cells.oneOf<LoopStatus>('status', ['open', 'inProgress', 'done']),
    }),
  },
  report: (card) => ({
    lead: say(`card.severity.${card.severity}`),
    after: [{ owner: card.owner }, say(`status.${card.status}`)],
    details: card.expectation.trim() ? [{ label: say('field.expectation'), value: card.expectation }] : [],
  }),
  responsible: (card) => card.owner,
};
