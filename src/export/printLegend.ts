// What the print layout's legend says, pure: the card kinds and marks, and for each layer drawn
// over the map its key (the department lens from lensSummary, the survey heat and small samples).
// MapPoster draws these items; printPlan measures their words to leave the legend room on a page.
import { lensSummary } from '../journey/loops';
import type { CardKind, Journey } from '../journey/types';
import type { Translate } from '../i18n';
import type { PictureLayers } from './layers';

export type LegendItem =
  | { type: 'kind'; kind: CardKind; text: string }
  | { type: 'mot'; text: string }
  | { type: 'severity'; level: 1 | 2 | 3; text: string }
  | { type: 'department'; color: string; text: string }
  | { type: 'noDepartment'; text: string }
  | { type: 'unowned'; text: string }
  | { type: 'handoffs'; text: string }
  | { type: 'heat'; text: string }
  | { type: 'smallSample'; text: string };

export interface LegendGroup {
  /** The group's heading (none for the card kinds' key). */
  title?: string;
  items: LegendItem[];
}

/** A moment of truth's name in the legend: its text, cut to a line's worth (the card itself is flagged too). */
const shortName = (text: string) => (text.length > 40 ? `${text.slice(0, 39).trimEnd()}…` : text);

export function printLegend(journey: Pick<Journey, 'cards' | 'stages' | 'lanes'>, t: Translate, layers: PictureLayers): LegendGroup[] {
  const groups: LegendGroup[] = [
    {
      items: [
        ...(['note', 'touchpoint', 'gap', 'opportunity', 'metric'] as const).map((kind): LegendItem => ({ type: 'kind', kind, text: t(`card.kind.${kind}`) })),
        { type: 'mot', text: t('card.momentOfTruth') },
        ...([1, 2, 3] as const).map((level): LegendItem => ({ type: 'severity', level, text: t(`card.severity.${level}`) })),
      ],
    },
  ];
  if (layers.lens) {
    const lens = lensSummary(journey);
    groups.push({
      title: t('lens.legend'),
      items: [
        ...lens.departments.map((d): LegendItem => ({ type: 'department', color: d.color, text: `${d.name} (${d.cards})` })),
        ...(lens.noDepartment ? [{ type: 'noDepartment', text: `${t('layers.noDepartment')} (${lens.noDepartment})` } as const] : []),
        ...lens.unownedMoments.map((c): LegendItem => ({ type: 'unowned', text: `${t('layers.unownedMoment')}: ${shortName(c.text.trim() || t('card.empty'))}` })),
        { type: 'handoffs', text: t('lens.handoffs', { n: lens.handoffs }) },
      ],
    });
  }
  if (layers.survey) {
    groups.push({
      title: t('print.surveyLegend'),
      items: [
        { type: 'heat', text: t('voc.heatLegend') },
        { type: 'smallSample', text: t('voc.smallSample') },
      ],
    });
  }
  return groups;
}

/** The legend's words, group by group (what printPlan measures), a group's title first. */
export const legendWords = (groups: readonly LegendGroup[]): string[][] => groups.map((g) => [...(g.title ? [g.title] : []), ...g.items.map((i) => i.text)]);
