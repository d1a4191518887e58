// The background of one (stage, lane) cell, with its "+" button. A double-click on its empty space
// adds a card there too. Cells never move and are not selectable. The "+" shows on hover, on keyboard
// focus and in the cell of the selected card only: a "+" in every cell reads as a grid at a distance.
import { memo } from 'react';
import type { Node, NodeProps } from '@xyflow/react';
import { cardKindForLane } from '../journey/cards';
import type { CellNodeData } from '../store/selectors';
import { useEditor, useJourney } from '../store/context';
import { shownJourney } from '../store';
import { useStore } from 'zustand';
import { useT } from '../i18n';
import { useCanvas } from './canvasContext';
import { samePropsButPosition } from './nodeMemo';

export type CellFlowNode = Node<CellNodeData, 'cell'>;

function CellNodeView({ data }: NodeProps<CellFlowNode>) {
  const t = useT();
  const canvas = useCanvas();
  const stageName = useJourney((j) => j.stages.get(data.stageId)?.name ?? '');
  const laneName = useJourney((j) => j.lanes.get(data.laneId)?.name ?? '');
  const canAdd = !data.collapsed && cardKindForLane(data.laneKind) !== null;
  const { store } = useEditor();
  // A boolean per cell: a new selection re-renders only the cells it enters or leaves.
  const holdsSelection = useStore(store, (s) => {
    const id = s.session.selection[s.session.selection.length - 1];
    const selected = id === undefined ? undefined : shownJourney(s).cards.get(id);
    return !!selected && selected.stageId === data.stageId && selected.laneId === data.laneId;
  });
  return (
    <div
      className={`cell lane-${data.laneKind}${data.collapsed ? ' is-collapsed' : ''}${holdsSelection ? ' is-current' : ''}`}
      onDoubleClick={(e) => {
        if (canAdd && e.target === e.currentTarget) canvas.addCardIn(data.stageId, data.laneId);
      }}
    >
      {canAdd && (
        <button
          type="button"
          className="cell-add nodrag"
          aria-label={t('cell.add', { stage: stageName || t('stage.untitled'), lane: laneName || t('lane.untitled') })}
          title={t('cell.addHint')}
          onClick={() => canvas.addCardIn(data.stageId, data.laneId)}
        >
          +
        </button>
      )}
      {data.collapsed && data.count > 0 && <span className="cell-count">{t('cell.hidden', { n: data.count })}</span>}
    </div>
  );
}

export const CellNode = memo(CellNodeView, samePropsButPosition);
