// The comparison as a list, at the top of the history panel: the counts ("3 added, 1 removed, 5
// changed, 2 moved"), a filter by kind of change (the map dims what it leaves out), the changes stage
// by stage (a card on the live map is one click from being shown; a removed one is listed, being on
// no map any more), stages and lanes added, removed or renamed, and "Export as Markdown".
import { useLayoutEffect, useRef } from 'react';
import { useStore } from 'zustand';
import { useFormat, useLocale, useT } from '../../i18n';
import type { CardDiff, Counts } from '../../journey/compare';
import { fieldLabel } from '../../journey/cards';
import { sortByIndex } from '../../journey/order';
import { useEditor, useSession } from '../../store/context';
import type { Compare } from '../../store/store';
import { compareToMarkdown } from '../../export/compareMarkdown';
import { downloadBlob, fileName } from '../../export/download';
import { Icon } from '../../views/Icon';
import { useFocusFallback } from '../workshop/useFocusFallback';
import { setHistory, useHistory } from './historyStore';

const STATUSES = ['added', 'removed', 'changed', 'moved'] as const;
type Status = (typeof STATUSES)[number];

const isShown = (diff: CardDiff, show: Compare['show']) => !show.length || show.some((s) => (s === 'moved' ? diff.moved : diff.status === s));

/** The kinds of change of a card, for its line: "Changed", "Moved", or both. */
const statusesOf = (diff: CardDiff): Status[] => [...(diff.status === 'unchanged' ? [] : [diff.status as Status]), ...(diff.moved ? (['moved'] as const) : [])];

export function CompareSection({ compare, onStop }: { compare: Compare; onStop(): void }) {
  const t = useT();
  const format = useFormat();
  const locale = useLocale((s) => s.locale);
  const { store } = useEditor();
  const live = useStore(store, (s) => s.journey);
  const base = useHistory((s) => s.base);
  const show = useSession((s) => s.compare?.show ?? []);
  const heading = useRef<HTMLHeadingElement>(null);
  useFocusFallback(heading, show);
  const focusAsked = useHistory((s) => s.focusCompare);
  useLayoutEffect(() => {
    if (!focusAsked) return;
    heading.current?.focus();
    setHistory({ focusCompare: false });
  }, [focusAsked]);
  const { comparison, label } = compare;
  const counts = (c: Counts) => t('compare.summary', { ...c });
  const stageName = (id: string) => {
    const stage = live.stages.get(id) ?? base?.journey.stages.get(id);
    return stage ? stage.name.trim() || t('stage.untitled') : t('compare.unplaced');
  };
  // Stages in the live map's order, then stages only the earlier map had.
  const stageIds = [
    ...sortByIndex(live.stages.values()).map((s) => s.id),
    ...(base ? sortByIndex(base.journey.stages.values()).map((s) => s.id).filter((id) => !live.stages.has(id)) : []),
    ...comparison.byStage.keys(),
  ].filter((id, i, all) => all.indexOf(id) === i && comparison.byStage.has(id));
  const toggle = (status: Status, on: boolean) => store.session.showChanges(on ? [...show, status] : show.filter((s) => s !== status));
  const exportMarkdown = () => {
    if (!base) return;
    const md = compareToMarkdown({
      comparison,
      before: base.journey,
      after: live,
      beforeName: base.name,
      afterName: base.mode === 'since' ? t('history.now') : live.meta.title.trim() || t('map.untitled'),
      mode: base.mode,
      labels: t,
      locale,
      now: new Date(),
    });
    downloadBlob(new Blob([md], { type: 'text/markdown;charset=utf-8' }), fileName(t(base.mode === 'since' ? 'compare.title' : 'compare.titleAgainst', { name: base.name }), 'md'));
  };
  const fields = (diff: CardDiff) => [...new Set(diff.fields.map(fieldLabel).filter((k) => k !== null).map((k) => t(k)))].join(', ');
  return (
    <section className="compare-section" aria-labelledby="compare-heading">
      <h3 id="compare-heading" ref={heading} tabIndex={-1}>
        <Icon name="compare" /> {t('history.comparedWith', { name: label })}
      </h3>
      <p className="compare-summary" role="status">
        {counts(comparison.counts)}
      </p>
      <fieldset className="compare-filter">
        <legend>{t('history.filter')}</legend>
        {STATUSES.map((status) => (
          <label key={status} className={`compare-chip is-${status}`}>
            <input type="checkbox" checked={show.includes(status)} onChange={(e) => toggle(status, e.target.checked)} /> {t(`compare.${status}`)}{' '}
            <span className="compare-count">{format.number(comparison.counts[status])}</span>
          </label>
        ))}
      </fieldset>
      {stageIds.length === 0 && comparison.stages.length === 0 && comparison.lanes.length === 0 && <p className="muted">{t('compare.none')}</p>}
      {stageIds.map((stageId) => {
        const diffs = comparison.cards.filter((d) => (d.after ?? d.before)!.stageId === stageId && isShown(d, show));
        return (
          <div key={stageId} className="compare-stage">
            <h4>{stageName(stageId)}</h4>
            <p className="muted small">{counts(comparison.byStage.get(stageId)!)}</p>
            {diffs.length > 0 && (
              <ul className="compare-list">
                {diffs.map((diff) => {
                  const card = (diff.after ?? diff.before)!;
                  const words = statusesOf(diff).map((s) => t(`history.tag.${s}`)).join(' · ');
                  const detail = diff.status === 'changed' ? t('compare.fields', { fields: fields(diff) }) : '';
                  const text = card.text.trim() || t('card.empty');
                  const tags = statusesOf(diff).map((s) => (
                    <span key={s} className={`compare-mark is-${s}`}>
                      {t(`history.tag.${s}`)}
                    </span>
                  ));
                  return (
                    <li key={diff.id}>
                      {diff.after ? (
                        <button type="button" className="compare-item" aria-label={`${words}: ${text}${detail ? `. ${detail}` : ''}`} onClick={() => store.session.revealCard(diff.id)}>
                          <span className="compare-tags">{tags}</span>
                          <span className="compare-text">{text}</span>
                          {detail && <span className="muted small">{detail}</span>}
                        </button>
                      ) : (
                        <div className="compare-item is-removed">
                          <span className="compare-tags">{tags}</span>
                          <span className="compare-text">
                            <del>{text}</del>
                          </span>
                        </div>
                      )}
                    </li>
                  );
                })}
              </ul>
            )}
          </div>
        );
      })}
      {(['stages', 'lanes'] as const).map((what) =>
        comparison[what].length ? (
          <div key={what} className="compare-stage">
            <h4>{t(`compare.${what}`)}</h4>
            <ul className="compare-named">
              {comparison[what].map((d) => (
                <li key={d.id}>
                  {d.status === 'renamed'
                    ? t('compare.stageRenamed', { before: d.before ?? '', after: d.after ?? '' })
                    : t(d.status === 'added' ? 'compare.stageAdded' : 'compare.stageRemoved', { name: (d.after ?? d.before) || '' })}
                </li>
              ))}
            </ul>
          </div>
        ) : null,
      )}
      <div className="compare-actions">
        <button type="button" className="btn" disabled={!base} onClick={exportMarkdown}>
          <Icon name="download" /> {t('history.exportMarkdown')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onStop}>
          <Icon name="close" /> {t('history.stopComparing')}
        </button>
      </div>
    </section>
  );
}
