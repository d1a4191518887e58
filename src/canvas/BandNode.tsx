// Nodes that span the whole map width: the emotional curve's lane, and the tray of cards whose
// stage or lane was deleted by someone else at the same moment.
import { memo } from 'react';
import type { Node, NodeProps } from '@xyflow/react';
import type { BandNodeData } from '../store/selectors';
import { useT } from '../i18n';
import { EmotionCurve } from './EmotionCurve';

export type BandFlowNode = Node<BandNodeData, 'band'>;

function BandNodeView({ data, width, height }: NodeProps<BandFlowNode>) {
  const t = useT();
  if (data.kind === 'tray') {
    return (
      <div className="tray" style={{ width, height }}>
        <span className="tray-title">⚠️ {t('tray.title')}</span>
      </div>
    );
  }
  return (
    <div className="band-emotions" style={{ width, height }}>
      <EmotionCurve width={width ?? 0} height={height ?? 0} />
    </div>
  );
}

export const BandNode = memo(BandNodeView);
