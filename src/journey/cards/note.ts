// A note: an action, a thought or quote, a front-stage, back-stage or support step. Text only.
import type { CardBase } from '../types';
import type { Evidence } from './evidence';
import type { CardKindDef } from './kind';

export type NoteCard = CardBase & Evidence & { kind: 'note' };

export const note: CardKindDef<'note', NoteCard> = {
  kind: 'note',
  name: 'card.kind.note',
  icon: 'note',
  homeLane: 'actions',
  fields: {},
  initial: () => ({}),
  face: () => ({ strip: null, badge: null, footer: null, classes: [], says: [] }),
  inspector: () => [],
  csv: { columns: [], typed: [], write: () => ({}), read: () => ({}) },
  report: () => ({ lead: null, after: [], details: [] }),
  responsible: () => '',
};
