// The visual vocabulary of cards: icons for lane kinds, channels, severities and statuses (names in
// the one icon set, icons.ts). Every mark pairs an icon with a text label (from i18n), so colour is
// never the only signal.
import { CARD_KINDS, kindOf, type CardKind } from '../journey/cards';
import type { EmotionScore, LaneKind } from '../journey/types';
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

/** Each card kind's icon, as the kind declares it (src/journey/cards); the kinds' own marks
 * (channels, severities, statuses) are declared there too. */
export const CARD_KIND_ICONS = Object.fromEntries(CARD_KINDS.map((k) => [k, kindOf(k).icon])) as Record<CardKind, IconName>;
export { CHANNEL_ICONS, SEVERITY_ICONS, STATUS_ICONS } from '../journey/cards';

/** The moment-of-truth mark, the department and the owner of a card. */
export const MOT_ICON: IconName = 'star';
export const DEPARTMENT_ICON: IconName = 'building';
export const OWNER_ICON: IconName = 'user';
/** The faces of the emotional curve (Markdown keeps its emoji, FACES in journey/emotions.ts). */
export const FACE_ICONS: Record<EmotionScore, IconName> = { [-2]: 'face_2', [-1]: 'face_1', 0: 'face0', 1: 'face1', 2: 'face2' };
