// A touchpoint: where customer and company meet, on a channel, owned by a department, and maybe a
// moment of truth (the moments that make or break the relationship, marked so they stand out).
import * as v from 'valibot';
import { flag, oneOf, optText } from '../records/valid';
import type { CardBase } from '../types';
import type { Evidence } from './evidence';
import { plain, say, type CardKindDef } from './kind';

export const CHANNELS = ['web', 'app', 'email', 'phone', 'store', 'chat', 'social', 'letter', 'agent', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

const fields = {
  channel: oneOf(CHANNELS, 'other'),
  department: optText,
  momentOfTruth: flag(false),
};

export type TouchpointCard = CardBase & Evidence & { kind: 'touchpoint' } & v.InferOutput<v.ObjectSchema<typeof fields, undefined>>;

export const CHANNEL_ICONS = {
  web: 'globe',
  app: 'smartphone',
  email: 'mail',
  phone: 'phone',
  store: 'store',
  chat: 'chat',
  social: 'users',
  letter: 'mailOpen',
  agent: 'headset',
  other: 'square',
} as const satisfies Record<Channel, string>;

export const touchpoint: CardKindDef<'touchpoint', TouchpointCard> = {
  kind: 'touchpoint',
  name: 'card.kind.touchpoint',
  icon: 'mapPin',
  homeLane: 'touchpoints',
  fields,
  initial: () => ({ channel: 'web', department: '', momentOfTruth: false }),
  face: (card) => ({
    strip: card.momentOfTruth ? { icon: 'star', words: say('card.momentOfTruth'), tone: 'mot' } : null,
    badge: { icon: CHANNEL_ICONS[card.channel], words: say(`channel.${card.channel}`), tone: 'channel' },
    footer: card.department ? { layout: 'line', icon: 'building', words: plain(card.department) } : null,
    classes: card.momentOfTruth ? ['card-mot'] : [],
    says: card.momentOfTruth ? [say('card.momentOfTruth')] : [],
  }),
  inspector: () => [
    { type: 'select', key: 'channel', label: 'field.channel', options: CHANNELS.map((c) => ({ value: c, words: say(`channel.${c}`) })) },
    { type: 'text', key: 'department', label: 'field.department', suggest: 'departments' },
    { type: 'check', key: 'momentOfTruth', label: 'card.momentOfTruth' },
  ],
  csv: {
    columns: ['channel', 'department', 'moment_of_truth'],
    typed: ['department'],
    write: (card) => ({ channel: card.channel, department: card.department, moment_of_truth: card.momentOfTruth ? 'yes' : '' }),
    read: (cells) => ({ channel: cells.oneOf('channel', CHANNELS), department: cells.text('department'), momentOfTruth: cells.yesNo('moment_of_truth') }),
  },
  report: (card) => ({
    lead: card.momentOfTruth ? say('card.momentOfTruth') : null,
    star: card.momentOfTruth,
    after: [say(`channel.${card.channel}`), ...(card.department.trim() ? [plain(card.department)] : [])],
    details: [],
  }),
  responsible: (card) => card.department,
};
