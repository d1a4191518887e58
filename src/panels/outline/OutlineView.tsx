// The outline: the map as headed lists, stage by stage and lane by lane, to read and change without
// the canvas (a screen reader, the keyboard alone). It reads what the canvas reads (store.journey,
// placed by layoutJourney's cells), changes the map through the same commands, and says each change
// in the editor's live region (views/announce). Loaded on demand (EditorPage, withLaterWords).
import { useEffect, useMemo, useRef } from 'react';
import { cardKindForLane } from '../../journey/cards';
import { cellKey, layoutJourney } from '../../journey/layout';
import { curveSeries } from '../../journey/emotions';
import { useActions, useJourney, useReadOnly } from '../../store/context';
import { useT } from '../../i18n';
import { announce } from '../../views/announce';
import { Icon } from '../../views/Icon';
import { OutlineCard, cardFocusId } from './OutlineCard';
import { OutlineEmotion } from './OutlineEmotion';

/** The id of a cell's "Add" button: where the focus goes when the cell's last card is deleted. */
export const addFocusId = (stageId: string, laneId: string) => `outline-add-${stageId}-${laneId}`;

export function OutlineView({ onClose }: { onClose(): void }) {
  const t = useT();
  const actions = useActions();
  const readOnly = useReadOnly();
  const stages = useJourney((j) => j.stages);
  const lanes = useJourney((j) => j.lanes);
  const cards = useJourney((j) => j.cards);
  const emotions = useJourney((j) => j.emotions);
  const personas = useJourney((j) => j.personas);
  const grid = useMemo(() => layoutJourney({ stages, lanes, cards }), [stages, lanes, cards]);
  const series = useMemo(() => curveSeries({ stages, personas, emotions }), [stages, personas, emotions]);
  // An element to focus once the change it follows is drawn (a deleted card's neighbour, a new card's editor).
  const focusNext = useRef<string | null>(null);
  const editNext = useRef<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    if (!focusNext.current) return;
    const el = document.getElementById(focusNext.current);
    if (el) {
      el.focus();
      focusNext.current = null;
    }
  });
  const cardLanes = grid.rows.filter((r) => cardKindForLane(r.lane.kind) !== null);
  const stageName = (name: string) => name || t('stage.untitled');
  const laneName = (name: string) => name || t('lane.untitled');

  return (
    <section className="outline" aria-labelledby="outline-title">
      <header className="outline-head">
        <h1 id="outline-title" ref={heading} tabIndex={-1}>
          {t('outline.title')}
        </h1>
        <p className="muted">{t('outline.hint')}</p>
        <button type="button" className="btn" onClick={onClose}>
          <Icon name="map" /> {t('outline.close')}
        </button>
      </header>
      {grid.columns.map((column, si) => {
        const stage = column.stage;
        return (
          <section key={stage.id} className="outline-stage" aria-labelledby={`outline-stage-${stage.id}`}>
            <h2 id={`outline-stage-${stage.id}`}>{t('outline.stage', { n: si + 1, total: grid.columns.length, name: stageName(stage.name) })}</h2>
            <OutlineEmotion stage={stage} index={si} series={series} />
            {cardLanes.map(({ lane }) => {
              const ids = grid.cells.get(cellKey(stage.id, lane.id)) ?? [];
              const where = { stage: stageName(stage.name), lane: laneName(lane.name) };
              const add = () => {
                const id = actions.addCard(stage.id, lane.id);
                if (!id) return;
                announce(t('outline.added', where));
                editNext.current = id;
                focusNext.current = `outline-text-${id}`;
              };
              return (
                <section key={lane.id} className="outline-cell" aria-labelledby={`outline-cell-${stage.id}-${lane.id}`}>
                  <h3 id={`outline-cell-${stage.id}-${lane.id}`}>
                    {where.lane} <span className="muted">({t('outline.cards', { n: ids.length })})</span>
                  </h3>
                  {ids.length > 0 && (
                    <ol className="outline-cards" aria-label={`${where.stage} · ${where.lane}`}>
                      {ids.map((id, rank) => {
                        const card = cards.get(id)!;
                        return (
                          <OutlineCard
                            key={id}
                            card={card}
                            rank={rank}
                            total={ids.length}
                            where={where}
                            grid={grid}
                            editFirst={editNext.current === id}
                            onEdited={() => (editNext.current = null)}
                            onDelete={(said) => {
                              // The next card, else the one before, else the cell's Add button.
                              const next = ids[rank + 1] ?? ids[rank - 1];
                              focusNext.current = next ? cardFocusId(next) : addFocusId(stage.id, lane.id);
                              actions.deleteCards([id]);
                              announce(t('outline.deleted', { card: said }));
                            }}
                            onMoved={(to) => (focusNext.current = cardFocusId(to))}
                          />
                        );
                      })}
                    </ol>
                  )}
                  {!readOnly && (
                    <button type="button" id={addFocusId(stage.id, lane.id)} className="btn btn-small outline-add" aria-label={t('cell.add', where)} onClick={add}>
                      <Icon name="plus" /> {t('outline.cellAdd')}
                    </button>
                  )}
                </section>
              );
            })}
          </section>
        );
      })}
    </section>
  );
}
