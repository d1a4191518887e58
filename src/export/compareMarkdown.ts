// "What changed since Q3 baseline": a comparison of two states of a map (src/journey/compare.ts) as
// Markdown, stage by stage: cards added, removed, changed (with the fields that changed) and moved,
// then stages and lanes added, removed or renamed. What users typed is escaped (markdown.ts).
import type { Locale, MessageKey, Params } from '../i18n/catalogue';
import { formatDateTime } from '../i18n/format';
import { fieldLabel } from '../journey/cards';
import type { CardDiff, Comparison, NamedDiff } from '../journey/compare';
import { sortByIndex } from '../journey/order';
import type { Card, Journey } from '../journey/types';
import { escapeMarkdown, oneLine } from './markdown';

export interface CompareMarkdownInput {
  comparison: Comparison;
  before: Journey;
  after: Journey;
  /** What the earlier state is called ("Q3 baseline", "the current-state map"). */
  beforeName: string;
  /** What the later state is called ("now"). */
  afterName: string;
  /** `since`: a version of the same map, earlier; `against`: another map (a copy's source). */
  mode: 'since' | 'against';
  labels: (key: MessageKey, params?: Params) => string;
  locale: Locale;
  now: Date;
}

const STATUS_ORDER = ['added', 'removed', 'changed', 'moved'] as const;

export function compareToMarkdown(input: CompareMarkdownInput): string {
  const { comparison, before, after, labels: t } = input;
  const out: string[] = [];
  out.push(`# ${oneLine(t(input.mode === 'since' ? 'compare.title' : 'compare.titleAgainst', { name: input.beforeName }))}`, '');
  out.push(`_${t('compare.made', { date: formatDateTime(input.locale, input.now), before: input.beforeName, after: input.afterName })}_`, '');
  out.push(t('compare.summary', { ...comparison.counts }), '');
  if (!comparison.cards.length && !comparison.stages.length && !comparison.lanes.length) {
    out.push(`_${t('compare.none')}_`, '');
    return out.join('\n');
  }

  const stageName = (id: string) => {
    const stage = after.stages.get(id) ?? before.stages.get(id);
    return stage ? stage.name.trim() || t('stage.untitled') : t('compare.unplaced');
  };
  const laneName = (id: string) => {
    const lane = after.lanes.get(id) ?? before.lanes.get(id);
    return lane ? lane.name.trim() || t(`lane.kind.${lane.kind}`) : '';
  };
  const text = (card: Card) => (card.text.trim() ? escapeMarkdown(card.text, '  ') : `_${t('card.empty')}_`);
  const line = (diff: CardDiff): string => {
    const card = (diff.after ?? diff.before)!;
    const notes: string[] = [laneName(card.laneId)].filter(Boolean).map(oneLine);
    if (diff.fields.length) {
      const names = [...new Set(diff.fields.map((f) => fieldLabel(f)).filter((k): k is MessageKey => k !== null).map((k) => t(k)))];
      if (names.length) notes.push(t('compare.fields', { fields: names.join(', ') }));
    }
    if (diff.moved && diff.before) notes.push(t('compare.movedFrom', { from: oneLine(`${stageName(diff.before.stageId)} · ${laneName(diff.before.laneId)}`) }));
    return `- ${text(card)}${notes.length ? ` — ${notes.join(' · ')}` : ''}`;
  };

  // Stages in the later map's order, then stages only the earlier one has.
  const order = [...sortByIndex(after.stages.values()).map((s) => s.id), ...sortByIndex(before.stages.values()).map((s) => s.id).filter((id) => !after.stages.has(id))];
  const ids = [...new Set([...order, ...comparison.cards.map((d) => (d.after ?? d.before)!.stageId)])];
  for (const stageId of ids) {
    const diffs = comparison.cards.filter((d) => (d.after ?? d.before)!.stageId === stageId);
    if (!diffs.length) continue;
    out.push(`## ${oneLine(stageName(stageId))}`, '');
    for (const status of STATUS_ORDER) {
      const some = diffs.filter((d) => (status === 'moved' ? d.moved && d.status === 'unchanged' : d.status === status));
      if (!some.length) continue;
      out.push(`### ${t(`compare.${status}`)} (${some.length})`, '', ...some.map(line), '');
    }
  }

  const named = (title: MessageKey, list: readonly NamedDiff[]) => {
    if (!list.length) return;
    out.push(`## ${t(title)}`, '');
    for (const d of list) {
      if (d.status === 'renamed') out.push(`- ${t('compare.stageRenamed', { before: oneLine(d.before ?? ''), after: oneLine(d.after ?? '') })}`);
      else out.push(`- ${t(d.status === 'added' ? 'compare.stageAdded' : 'compare.stageRemoved', { name: oneLine((d.after ?? d.before) || '') })}`);
    }
    out.push('');
  };
  named('compare.stages', comparison.stages);
  named('compare.lanes', comparison.lanes);
  return out.join('\n');
}
