// The open-loop marks of a picture: a pain point or opportunity that is not done says, on its
// footer line, how long it has been in its status and who owns it: "Open for 43 days · Customer
// care", or "Open for 43 days · ⚠ no owner" (the warning drawn, so the missing owner reads without
// colour), aged against the moment the picture was asked for (LayerData.now). The words are worked
// out by `loopMark`, which print can use too, so both say the same.
import type { Locale, Translate } from '../../i18n/catalogue';
import { formatDate } from '../../i18n/format';
import { isLoopKind, STATUS_ICONS } from '../../journey/cards';
import type { LoopCard } from '../../journey/loops';
import type { Card } from '../../journey/types';
import { COLORS, PALETTE } from '../../views/theme';
import { FONTS, baseline, ellipsize, icon, legendText, text, type LegendItem, type Measure } from './draw';

const DAY = 86_400_000;
const NO_OWNER_INK = PALETTE.orange800;

export interface LoopMark {
  status: LoopCard['status'];
  /** "Open for 43 days" ("Open" when the date of its status is not known). */
  age: string;
  /** The owner as written; '' for none ("no owner", with a warning). */
  owner: string;
}

/** The mark of a gap or opportunity that is not done; null for any other card. */
export function loopMark(card: Card, t: Translate, now: number): LoopMark | null {
  if (!isLoopKind(card.kind)) return null;
  const loop = card as LoopCard;
  if (loop.status === 'done') return null;
  const status = t(`status.${loop.status}`);
  const age = loop.statusChangedAt > 0 ? t('layers.loopAge', { status, days: Math.max(0, Math.floor((now - loop.statusChangedAt) / DAY)) }) : status;
  return { status: loop.status, age, owner: loop.owner.trim() };
}

/**
 * The mark drawn on the card's footer (in place of the owner and status it shows without the
 * layer), from `left` to `right`: "Open for 43 days · Customer care" on one line when it fits, else
 * the age on one line and the owner on the next. Its height (`lines` × `lineH`) and markup, its
 * bottom at `bottom`.
 */
export function loopFooter(mark: LoopMark, left: number, right: number, bottom: number, lineH: number, t: Translate, measure: Measure): { height: number; markup: string } {
  const color = COLORS.tone[`status-${mark.status}`].ink;
  const space = measure(' ', FONTS.small);
  const width = right - left;
  const ageW = 11 + space + measure(mark.age, FONTS.smallSemi);
  const owner = mark.owner || t('layers.noOwner');
  const ownerFont = mark.owner ? FONTS.small : FONTS.smallSemi;
  const dot = measure(' · ', FONTS.small);
  const ownerW = (mark.owner ? 0 : 11 + space) + measure(owner, ownerFont);
  const oneLine = ageW + dot + ownerW <= width;
  const height = (oneLine ? 1 : 2) * lineH;
  const top = bottom - height;
  const ageLine = (y: number) =>
    icon(STATUS_ICONS[mark.status], left, y + lineH / 2, 11, color) +
    text(left + 11 + space, baseline(y, lineH, 11), ellipsize(mark.age, FONTS.smallSemi, width - 11 - space, measure), 'ft st', ` style="fill:${color}"`);
  /** The owner from `x`, cut to what is left of the line; "no owner" after a warning. */
  const ownerPart = (x: number, y: number) => {
    const rest = right - x;
    if (mark.owner) return text(x, baseline(y, lineH, 11), ellipsize(owner, ownerFont, rest, measure), 'ft');
    return (
      icon('warning', x, y + lineH / 2, 11, NO_OWNER_INK) +
      text(x + 11 + space, baseline(y, lineH, 11), ellipsize(owner, ownerFont, rest - 11 - space, measure), 'ft st', ` style="fill:${NO_OWNER_INK}"`)
    );
  };
  // The dot between its spaces (a space at either end of an SVG text may be dropped by the viewer).
  if (oneLine) return { height, markup: ageLine(top) + text(left + ageW + space, baseline(top, lineH, 11), '·', 'ft') + ownerPart(left + ageW + dot, top) };
  // On its own line the owner follows the person icon of the footer it replaces (or the warning).
  const second = top + lineH;
  const ownerLine = mark.owner ? icon('user', left, second + lineH / 2, 11, COLORS.inkSoft) + ownerPart(left + 11 + space, second) : ownerPart(left, second);
  return { height, markup: ageLine(top) + ownerLine };
}

/** The legend's entries: the day the loops are aged to, and what the warning means. */
export function loopsLegend(t: Translate, measure: Measure, locale: Locale, now: number): LegendItem[] {
  const noOwner = t('layers.noOwner');
  return [
    legendText(t('layers.loopsTitle', { date: formatDate(locale, now) }), measure, true),
    {
      width: 12 + 4 + measure(noOwner, FONTS.legend),
      draw: (x, y) => icon('warning', x, y + 9, 12, NO_OWNER_INK) + text(x + 16, baseline(y + 0.6, 16.8, 12), noOwner, 'lg'),
    },
  ];
}
