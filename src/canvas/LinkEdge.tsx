// A link between two cards (the customer's path, or a process supporting an action), with its
// optional label. Selecting it opens the label in the inspector. Its route (linkRoute) runs in the
// gaps between cards; a wide invisible stroke takes the clicks near the line; the label is drawn
// over the cards (EdgeLabelRenderer, raised in styles.css) on the route's longest visible run. A link
// across the line of visibility is dashed and marked where it crosses (linkEdges.ts says where).
import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, type Edge, type EdgeProps } from '@xyflow/react';
import { CARD_H, CARD_W } from '../journey/layout';
import { crossingAt, linkRoute } from '../journey/linkRoute';
import { useEditor } from '../store/context';

/** The width of the invisible stroke that takes a click on the line (px, at zoom 1). */
export const LINK_HIT_WIDTH = 20;

/**
 * React Flow gives the source card's right handle (its centre 4 px beyond the card's right edge)
 * and the target card's left handle (the whole card is the target: its left edge, half way down;
 * selectors.ts: cardHandles); the route starts from the cards themselves.
 */
const routeBetween = (sourceX: number, sourceY: number, targetX: number, targetY: number) =>
  linkRoute({ x: sourceX - CARD_W - 4, y: sourceY - CARD_H / 2 }, { x: targetX, y: targetY - CARD_H / 2 });

export interface LinkEdgeData extends Record<string, unknown> {
  label: string;
  /** The link crosses the line of visibility (one card seen by the customer, the other not)… */
  crossing?: boolean;
  /** …which runs there between the two cards' lanes. */
  visibilityY?: number | null;
}
export type LinkFlowEdge = Edge<LinkEdgeData, 'link'>;

function LinkEdgeView({ id, sourceX, sourceY, targetX, targetY, data, selected }: EdgeProps<LinkFlowEdge>) {
  const { store } = useEditor();
  const { path, points, labelX, labelY } = routeBetween(sourceX, sourceY, targetX, targetY);
  const crossesAt = data?.visibilityY != null ? crossingAt(points, data.visibilityY) : null;
  const crosses = !!data?.crossing;
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        className={`link${selected ? ' is-selected' : ''}${crosses ? ' is-crossing' : ''}`}
        markerEnd="url(#tp-arrow)"
        interactionWidth={LINK_HIT_WIDTH}
      />
      {crossesAt && <circle className="link-crossing" cx={crossesAt.x} cy={crossesAt.y} r={4.5} />}
      {data?.label && (
        <EdgeLabelRenderer>
          <div
            className={`link-label nodrag nopan${selected ? ' is-selected' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            onClick={() => store.session.selectLink(id)}
          >
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
