// What a comment thread is about, in words: a card by its text, a stage by its name, or the map; a
// target gone from the map says so. Shared by the comments panel, its toolbar button's announcements
// and the screen reader's names of threads.
import type { CommentTarget } from '../journey/comments';
import type { Journey } from '../journey/types';
import type { Translate } from '../i18n';

const MAX = 60;
const short = (text: string) => (text.length > MAX ? `${text.slice(0, MAX - 1).trimEnd()}…` : text);

export function targetWords(t: Translate, target: CommentTarget, journey: Pick<Journey, 'cards' | 'stages'>): string {
  switch (target.type) {
    case 'map':
      return t('comments.target.map');
    case 'stage': {
      const stage = journey.stages.get(target.id);
      return stage ? t('comments.target.stage', { name: stage.name.trim() || t('stage.untitled') }) : t('comments.target.deletedStage');
    }
    case 'card': {
      const card = journey.cards.get(target.id);
      return card ? t('comments.target.card', { text: short(card.text.trim() || t('card.empty')) }) : t('comments.target.deletedCard');
    }
  }
}
