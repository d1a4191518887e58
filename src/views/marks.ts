// The visual vocabulary of cards: icons for lane kinds, channels, severities and statuses (names in
// the one icon set, icons.ts). Every mark pairs an icon with a text label (from i18n), so colour is
// never the only signal.
import type { CardKind, Channel, EmotionScore, LaneKind, LoopStatus, Severity } from '../journey/types';
import type { IconName } from './icons';

export const LANE_ICONS: Record<LaneKind, IconName> = {
  actions: 'footprints',
  touchpoints: 'mapPin',
  thoughts: 'thought',
  emotions: 'heart',
  painPoints: 'warning',
  opportunities: 'lightbulb',
  frontStage: 'userRound',
  backStage: 'settings',
  support: 'database',
  metrics: 'chart',
};

export const CHANNEL_ICONS: Record<Channel, IconName> = {
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
};

export const CARD_KIND_ICONS: Record<CardKind, IconName> = {
  note: 'note',
  touchpoint: 'mapPin',
  gap: 'warning',
  opportunity: 'lightbulb',
  metric: 'chart',
};

export const SEVERITY_ICONS: Record<Severity, IconName> = { 1: 'severity1', 2: 'severity2', 3: 'severity3' };
export const STATUS_ICONS: Record<LoopStatus, IconName> = { open: 'circle', inProgress: 'circleHalf', done: 'circleCheck' };
/** The moment-of-truth mark, the department and the owner of a card. */
export const MOT_ICON: IconName = 'star';
export const DEPARTMENT_ICON: IconName = 'building';
export const OWNER_ICON: IconName = 'user';
export const METRIC_ICON: IconName = 'chart';
/** The faces of the emotional curve (Markdown keeps its emoji, FACES in journey/emotions.ts). */
export const FACE_ICONS: Record<EmotionScore, IconName> = { [-2]: 'face_2', [-1]: 'face_1', 0: 'face0', 1: 'face1', 2: 'face2' };
