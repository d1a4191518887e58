// What the department lens puts on a card, on the canvas and in print alike: the card tinted with
// its department's colour and the department's name on a tag (colour is never the only signal); a
// moment of truth that no department owns flagged with a warning icon and words, since the customer
// meets it and nobody answers for it (the hand-offs around it cannot be counted either).
import type { CSSProperties } from 'react';
import { isLoopKind } from '../journey/cards';
import { departmentOf } from '../journey/filter';
import type { Card } from '../journey/types';
import type { Translate } from '../i18n';
import { Icon } from './Icon';

export interface LensLook {
  /** The owning department as written on the card ('' for none). */
  department: string;
  color?: string;
  /** A moment of truth with no department. */
  unowned: boolean;
  /** A card that could have a department (a touchpoint, a gap, an opportunity) and has none. */
  none: boolean;
}

/** How the lens draws `card`; `colorOf` gives a department's colour by its lower-case name (departmentColors). */
export function lensLook(card: Card, colorOf: (department: string) => string | undefined): LensLook {
  const department = departmentOf(card).trim();
  const none = !department && (card.kind === 'touchpoint' || isLoopKind(card.kind));
  return { department, color: department ? colorOf(department.toLowerCase()) : undefined, unowned: none && card.kind === 'touchpoint' && card.momentOfTruth, none };
}

/** The card's tint: a wash of its department's colour and the colour on its left edge. */
export const lensStyle = (look: LensLook): CSSProperties => (look.color ? { background: `color-mix(in srgb, ${look.color} 16%, white)`, borderLeftColor: look.color } : {});

/** A card's class under the lens: `lens-none` draws its left edge dashed, as the legend's "No department". */
export const lensClass = (look: LensLook): string => (look.unowned ? ' lens-none lens-unowned-card' : look.none ? ' lens-none' : '');

export function LensTag({ look, t }: { look: LensLook; t: Translate }) {
  if (look.department) {
    return (
      <span className="lens-tag" style={{ background: look.color }}>
        {look.department}
      </span>
    );
  }
  if (!look.unowned) return null;
  return (
    <span className="lens-tag lens-unowned" title={t('layers.unownedMoment')}>
      <Icon name="warning" /> {t('layers.noDepartment')}
    </span>
  );
}
