// A link between two cards (the customer's path, or a process supporting an action), with its
// optional label. Selecting it opens the label in the inspector.
import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type Edge, type EdgeProps } from '@xyflow/react';

export type LinkFlowEdge = Edge<{ label: string }, 'link'>;

function LinkEdgeView({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected }: EdgeProps<LinkFlowEdge>) {
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
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

/** A hand-off between departments along the customer's path (department lens): dashed, labelled. */
function HandoffEdgeView({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data }: EdgeProps<Edge<{ label: string }, 'handoff'>>) {
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  return (
    <>
      <BaseEdge path={path} className="handoff" markerEnd="url(#tp-arrow)" />
      <EdgeLabelRenderer>
        <div className="link-label handoff-label" style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}>
          ⇄ {data?.label}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}

export const HandoffEdge = memo(HandoffEdgeView);
