// The map as a readable Markdown report, for wikis and e-mail: the story stage by stage, then the
// moments of truth, the open gaps and the emotional curve at a glance. `labels` is the translate
// function of the current UI language; what users typed is escaped so it cannot turn into
// headings, lists, links or table columns. Numbers and the date are written the way of `locale`,
// the language the report is made in (without one: plainly, 1250 and an ISO day).
import type { Locale, MessageKey } from '../i18n/catalogue';
import { formatDay, formatNumber } from '../i18n/format';
import { blueprintLines, lineLabelKey } from '../journey/blueprintLines';
import { FACES, curveSeries } from '../journey/emotions';
import { cellKey, layoutJourney } from '../journey/layout';
import { sortByIndex } from '../journey/order';
import type { Card, EmotionScore, GapCard, Journey, Lane, Stage, TouchpointCard } from '../journey/types';
import { defOf, evidenceHref, evidenceWords, type Words } from '../journey/cards';

type Labels = (key: MessageKey) => string;

/** A message with its `{name}` placeholders filled in (the labels function takes no parameters). */
const fill = (message: string, params: Record<string, string | number>) =>
  message.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));

/** One line of user text, made inert: Markdown punctuation escaped, block markers at its start too. */
function escapeLine(line: string): string {
  return line
    .trimStart()
    .replace(/[\\`*_[\]<>|~]/g, '\\$&')
    .replace(/&(?=#?\w+;)/g, '&amp;')
    .replace(/^([#+=-])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/** User text inside a paragraph or list item: each line escaped, line breaks kept as hard breaks. */
export function escapeMarkdown(text: string, indent = ''): string {
  return text
    .split(/\r\n|\r|\n/)
    .map(escapeLine)
    .join(`\\\n${indent}`);
}

/** User text on one line (headings). */
export const oneLine = (text: string) => escapeLine(text.replace(/\s*(\r\n|\r|\n)\s*/g, ' '));

/** User text in a table cell: escaped (pipes included), line breaks as <br>. */
const tableCell = (text: string) => text.split(/\r\n|\r|\n/).map(escapeLine).join('<br>');

const signed = (score: number) => (score > 0 ? `+${score}` : String(score));

function table(header: string[], rows: string[][]): string[] {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

export function journeyToMarkdown(journey: Journey, labels: Labels, now: Date, locale?: Locale): string {
  const t = labels;
  const number = (n: number) => (locale ? formatNumber(locale, n) : String(n));
  /** Words a kind declares, in the report's language; typed text escaped. */
  const words = (w: Words): string => {
    if ('plain' in w) return escapeMarkdown(w.plain);
    if ('number' in w) return number(w.number);
    const params = Object.fromEntries(Object.entries(w.params ?? {}).map(([k, v]) => [k, typeof v === 'number' ? number(v) : v]));
    return fill(t(w.key), params);
  };

  const out: string[] = [];
  const stages = sortByIndex(journey.stages.values());
  const lanes = sortByIndex(journey.lanes.values());
  const grid = layoutJourney(journey);
  const cellCards = (stage: Stage, lane: Lane) => (grid.cells.get(cellKey(stage.id, lane.id)) ?? []).map((id) => journey.cards.get(id)!);
  const laneName = (lane: Lane) => lane.name.trim() || t(`lane.kind.${lane.kind}`);
  const stageName = (stage: Stage) => stage.name.trim() || t('stage.untitled');
  const text = (card: Card, indent: string) => (card.text.trim() ? escapeMarkdown(card.text, indent) : `_${t('card.empty')}_`);
  const owner = (name: string) => (name.trim() ? escapeMarkdown(name) : `⚠ **${t('card.noOwner')}**`);
  const emotion = (score: EmotionScore, note: string) =>
    `${FACES[score]} ${t(`emotion.score.${score}`)} (${signed(score)})${note.trim() ? ` — ${escapeMarkdown(note, '  ')}` : ''}`;
  const touchpointWhere = (c: TouchpointCard) => [t(`channel.${c.channel}`), ...(c.department.trim() ? [escapeMarkdown(c.department)] : [])].join(' · ');
  const bySeverity = (a: GapCard, b: GapCard) => b.severity - a.severity;

  // ---- header
  out.push(`# ${oneLine(journey.meta.title.trim() || t('map.untitled'))}`, '');
  out.push(`_${fill(t('report.generated'), { date: locale ? formatDay(locale, now) : now.toISOString().slice(0, 10) })}_`, '');
  out.push(`- **${t('map.variant')}:** ${t(journey.meta.variant === 'future' ? 'map.future' : 'map.current')}`);
  if (journey.meta.scenario.trim()) out.push(`- **${t('map.scenario')}:** ${escapeMarkdown(journey.meta.scenario, '  ')}`);
  // A service blueprint's lanes from top to bottom, with its lines where they fall between them.
  const lines = blueprintLines(lanes.map((lane, y) => ({ lane, y })));
  if (lines.length) {
    const names = lanes.map((lane) => escapeMarkdown(laneName(lane)));
    for (const place of [...lines].reverse()) names.splice(place.y, 0, place.lines.map((line) => `_— ${t(lineLabelKey(line))} —_`).join(' '));
    out.push(`- **${t('lane.list')}:** ${names.join(' · ')}`);
  }
  out.push('');

  // ---- personas
  const personas = sortByIndex(journey.personas.values());
  if (personas.length) {
    out.push(`## ${t('persona.panel')}`, '');
    for (const p of personas) {
      const picture = p.picture && !p.picture.startsWith('data:') && p.picture.length <= 16 ? `${p.picture} ` : '';
      out.push(`### ${picture}${oneLine(p.name.trim() || t('persona.unnamed'))}`, '');
      for (const [key, value] of [
        ['persona.goals', p.goals],
        ['persona.needs', p.needs],
        ['persona.frustrations', p.frustrations],
      ] as const)
        if (value.trim()) out.push(`- **${t(key)}:** ${escapeMarkdown(value, '  ')}`);
      out.push('');
    }
  }

  // ---- stage by stage
  const series = curveSeries(journey);
  out.push(`## ${t('stage.list')}`, '');
  if (!stages.length) out.push(`_${t('report.none')}_`, '');
  stages.forEach((stage, s) => {
    out.push(`### ${s + 1}. ${oneLine(stageName(stage))}`, '');
    if (stage.goal.trim()) out.push(`_${escapeMarkdown(stage.goal)}_`, '');
    const points = series.flatMap((curve) => {
      const e = curve.points[s];
      return e ? [{ who: curve.persona && series.length > 1 ? ` · ${oneLine(curve.persona.name)}` : '', e }] : [];
    });
    if (points.length) {
      for (const { who, e } of points) out.push(`- **${t('emotion.title')}${who}:** ${emotion(e.score, e.note)}`);
      out.push('');
    }
    let empty = !points.length;
    for (const lane of lanes) {
      if (lane.kind === 'emotions') continue;
      const cards = cellCards(stage, lane);
      if (!cards.length) continue;
      empty = false;
      out.push(`#### ${oneLine(laneName(lane))}`, '');
      const gaps = cards.filter((c): c is GapCard => c.kind === 'gap').sort(bySeverity);
      const ordered = [...gaps, ...cards.filter((c) => c.kind !== 'gap')];
      for (const card of ordered) out.push(...cardLines(card));
      out.push('');
    }
    if (empty) out.push(`_${t('report.none')}_`, '');
  });

  /** A card as its kind writes itself in a report, and its evidence (an assumption says so). */
  function cardLines(card: Card): string[] {
    const lines = defOf(card).report(card);
    const lead = lines.lead ? `${lines.star ? '★ ' : ''}**${words(lines.lead)}:** ` : '';
    const evidence = evidenceWords(card);
    const href = evidenceHref(card);
    const after = [
      ...lines.after.map((a) => ('owner' in a ? owner(a.owner) : words(a))),
      ...(evidence ? [`_${words(evidence)}_${href ? ` (<${href.replace(/>/g, '%3E')}>)` : ''}`] : []),
    ];
    const figure = lines.figure ? `: **${words(lines.figure.name)} ${words(lines.figure.value)}** (${words(lines.figure.caption)})` : '';
    return [
      `- ${lead}${text(card, '  ')}${figure}${after.length ? ` — ${after.join(' · ')}` : ''}`,
      ...lines.details.map((d) => `  - ${words(d.label)}: ${escapeMarkdown(d.value, '    ')}`),
    ];
  }

  if (grid.unplaced.length) {
    out.push(`### ${t('report.unplaced')}`, '');
    for (const card of grid.unplaced) out.push(...cardLines(card));
    out.push('');
  }

  // ---- summary
  const placed = stages.flatMap((stage) => lanes.flatMap((lane) => cellCards(stage, lane).map((card) => ({ stage, card }))));
  out.push(`## ${t('report.summary')}`, '');

  out.push(`### ${t('report.momentsOfTruth')}`, '');
  const moments = placed.filter((p): p is { stage: Stage; card: TouchpointCard } => p.card.kind === 'touchpoint' && p.card.momentOfTruth);
  if (!moments.length) out.push(`_${t('report.none')}_`);
  for (const { stage, card } of moments) out.push(`- ★ **${oneLine(stageName(stage))}:** ${text(card, '  ')} — ${touchpointWhere(card)}`);
  out.push('');

  out.push(`### ${t('report.openGaps')}`, '');
  const open = placed
    .filter((p): p is { stage: Stage; card: GapCard } => p.card.kind === 'gap' && p.card.status !== 'done')
    .sort((a, b) => bySeverity(a.card, b.card));
  if (!open.length) out.push(`_${t('report.none')}_`);
  else
    out.push(
      ...table(
        [t('field.severity'), t('report.stage'), t('card.kind.gap'), t('field.owner'), t('field.status')],
        open.map(({ stage, card }) => [
          t(`severity.short.${card.severity}`),
          tableCell(stageName(stage)),
          card.text.trim() ? tableCell(card.text) : `_${t('card.empty')}_`,
          card.owner.trim() ? tableCell(card.owner) : `⚠ **${t('card.noOwner')}**`,
          t(`status.${card.status}`),
        ]),
      ),
    );
  out.push('');

  out.push(`### ${t('emotion.curve')}`, '');
  const scored = series.some((curve) => curve.points.some(Boolean));
  if (!scored || !stages.length) out.push(`_${t('report.none')}_`);
  else
    out.push(
      ...table(
        [t('report.stage'), ...series.map((curve) => (curve.persona ? tableCell(curve.persona.name.trim() || t('persona.unnamed')) : t('emotion.title')))],
        stages.map((stage, s) => [
          tableCell(stageName(stage)),
          ...series.map((curve) => {
            const e = curve.points[s];
            return e ? `${FACES[e.score]} ${signed(e.score)}` : '—';
          }),
        ]),
      ),
    );
  out.push('');

  return out.join('\n').replace(/\n{3,}/g, '\n\n');
}
