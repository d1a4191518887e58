// The visual vocabulary of cards: icons for lane kinds, channels, severities and statuses. Every
// mark pairs an icon with a text label (from i18n), so colour is never the only signal.
import type { CardKind, Channel, LaneKind, LoopStatus, Severity } from '../journey/types';

export const LANE_ICONS: Record<LaneKind, string> = {
  actions: '🚶',
  touchpoints: '📍',
  thoughts: '💭',
  emotions: '❤️',
  painPoints: '⚠️',
  opportunities: '💡',
  frontStage: '🧑‍💼',
  backStage: '⚙️',
  support: '🗄️',
  metrics: '📊',
};

export const CHANNEL_ICONS: Record<Channel, string> = {
  web: '🌐',
  app: '📱',
  email: '✉️',
  phone: '📞',
  store: '🏬',
  chat: '💬',
  social: '👥',
  letter: '📨',
  agent: '🧑‍💼',
  other: '◻️',
};

export const CARD_KIND_ICONS: Record<CardKind, string> = {
  note: '📝',
  touchpoint: '📍',
  gap: '⚠️',
  opportunity: '💡',
  metric: '📊',
};

export const SEVERITY_ICONS: Record<Severity, string> = { 1: '▲', 2: '▲▲', 3: '▲▲▲' };
export const STATUS_ICONS: Record<LoopStatus, string> = { open: '○', inProgress: '◐', done: '●' };
