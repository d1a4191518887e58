// Nodes that span the whole map width: the emotional curve's lane, and the tray of cards whose
// stage or lane was deleted by someone else at the same moment.
import { memo } from 'react';
import type { Node, NodeProps } from '@xyflow/react';
import type { BandNodeData } from '../store/selectors';
import { useT } from '../i18n';
import { useReadOnly } from '../store/context';
import { EmotionCurve } from '../views/EmotionCurve';
import { Icon } from '../views/Icon';

export type BandFlowNode = Node<BandNodeData, 'band'>;

function BandNodeView({ data, width, height }: NodeProps<BandFlowNode>) {
  const t = useT();
  const readOnly = useReadOnly();
  if (data.kind === 'tray') {
    return (
      <div className="tray" style={{ width, height }}>
        <span className="tray-title"><Icon name="warning" /> {t('tray.title')}</span>
      </div>
    );
  }
  return (
    <div className="band-emotions" style={{ width, height }}>
      <EmotionCurve width={width ?? 0} height={height ?? 0} interactive={!readOnly} />
    </div>
  );
}

export const BandNode = memo(BandNodeView);
