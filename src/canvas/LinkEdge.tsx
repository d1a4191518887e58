// A link between two cards (the customer's path, or a process supporting an action), with its
// optional label. Selecting it opens the label in the inspector.
import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, type Edge, type EdgeProps } from '@xyflow/react';
import { CARD_H, CARD_W } from '../journey/layout';
import { linkRoute } from '../journey/linkRoute';

/**
 * React Flow gives the source card's right handle and the target card's left handle (selectors.ts:
 * cardHandles, centred 5 px inside the left edge); the route starts from the cards themselves.
 */
const routeBetween = (sourceX: number, sourceY: number, targetX: number, targetY: number) =>
  linkRoute({ x: sourceX - CARD_W, y: sourceY - CARD_H / 2 }, { x: targetX - 5, y: targetY - CARD_H / 2 });

export type LinkFlowEdge = Edge<{ label: string }, 'link'>;

function LinkEdgeView({ id, sourceX, sourceY, targetX, targetY, data, selected }: EdgeProps<LinkFlowEdge>) {
  const { path, labelX, labelY } = routeBetween(sourceX, sourceY, targetX, targetY);
  return (
    <>
      <BaseEdge id={id} path={path} className={selected ? 'link is-selected' : 'link'} markerEnd="url(#tp-arrow)" />
      {data?.label && (
        <EdgeLabelRenderer>
          <div className="link-label" style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}>
            {data.label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const LinkEdge = memo(LinkEdgeView);

/**
 * A hand-off between departments along the customer's path (department lens): dashed, labelled. The
 * label sits above the two cards and over them, since the gap between stages is narrower than
 * "Marketing → Sales".
 */
function HandoffEdgeView({ sourceX, sourceY, targetX, targetY, data }: EdgeProps<Edge<{ label: string }, 'handoff'>>) {
  const { path } = routeBetween(sourceX, sourceY, targetX, targetY);
  const labelX = (sourceX + targetX) / 2;
  const labelY = Math.min(sourceY, targetY) - CARD_H / 2 - 4;
  return (
    <>
      <BaseEdge path={path} className="handoff" markerEnd="url(#tp-arrow)" />
      <EdgeLabelRenderer>
        <div className="link-label handoff-label" style={{ transform: `translate(-50%, -100%) translate(${labelX}px, ${labelY}px)` }}>
          ⇄ {data?.label}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}

export const HandoffEdge = memo(HandoffEdgeView);
