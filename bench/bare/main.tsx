// The baseline of bench/canvas.ts: bare React Flow with default nodes, as many as the editor's map
// has cards, each the size of a card (220 x 104) and where the editor draws that card (same grid:
// stage columns, lane rows as tall as their fullest cell), in a pane of the editor's canvas size,
// with the editor's ReactFlow settings (viewport, zoom limits, pan on scroll, pinch zoom, drag
// threshold, only visible elements). A dropped node takes its slot in the cell under it and the
// cells' other nodes move to make room or close up: the least a map editor commits on a drop.
// Query: ?s=stages&l=lanes&c=cardsPerCell&w=width&h=height.
import { useCallback, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { ReactFlow, applyNodeChanges, type Node, type NodeChange, type XYPosition } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { ADD_ROW, CARD_GAP, CARD_H, CARD_W, CELL_PAD, STAGE_W } from '../../src/journey/layout';

const query = new URLSearchParams(location.search);
const param = (name: string, fallback: number) => Number(query.get(name) ?? fallback);
const stages = param('s', 10);
const lanes = param('l', 5);
const perCell = param('c', 2);
const width = param('w', window.innerWidth);
const height = param('h', window.innerHeight);
// The editor's defaults (JourneyCanvas: lane header 196 + 16, stage header 64 + 16, zoom 0.85).
const viewport = { x: param('x', 212), y: param('y', 80), zoom: param('zoom', 0.85) };

const SLOT = CARD_H + CARD_GAP;
const laneHeight = CELL_PAD * 2 + perCell * SLOT + ADD_ROW;
const WORDS = ['customer', 'calls', 'store', 'app', 'waits', 'bill', 'plan', 'agent', 'signal', 'price', 'contract', 'renewal', 'chat', 'form'];

function grid(): Node[] {
  const nodes: Node[] = [];
  let n = 0;
  for (let s = 0; s < stages; s++) {
    for (let l = 0; l < lanes; l++) {
      for (let r = 0; r < perCell; r++) {
        n++;
        nodes.push({
          id: `n${n}`,
          position: { x: s * STAGE_W + CELL_PAD, y: l * laneHeight + CELL_PAD + r * SLOT },
          data: { label: `#${n} ${WORDS[n % WORDS.length]} ${WORDS[(n * 7) % WORDS.length]} ${WORDS[(n * 3) % WORDS.length]}` },
          width: CARD_W,
          height: CARD_H,
        });
      }
    }
  }
  return nodes;
}

interface Cell {
  stage: number;
  lane: number;
}
const slot = ({ stage, lane }: Cell, rank: number) => ({ x: stage * STAGE_W + CELL_PAD, y: lane * laneHeight + CELL_PAD + rank * SLOT });
const clamp = (v: number, max: number) => Math.max(0, Math.min(max, v));
/** The cell under a node's centre (as the editor decides it). */
const cellUnder = ({ x, y }: XYPosition): Cell => ({ stage: clamp(Math.floor((x + CARD_W / 2) / STAGE_W), stages - 1), lane: clamp(Math.floor((y + CARD_H / 2) / laneHeight), lanes - 1) });
const cellOf = ({ x, y }: XYPosition): Cell => ({ stage: Math.floor(x / STAGE_W), lane: Math.floor(y / laneHeight) });
const inCell = (n: Node, c: Cell) => n.position.x === c.stage * STAGE_W + CELL_PAD && Math.floor(n.position.y / laneHeight) === c.lane;

function Bare() {
  const [nodes, setNodes] = useState(grid);
  const origin = useRef<XYPosition>({ x: 0, y: 0 });
  const onNodesChange = useCallback((changes: NodeChange[]) => setNodes((current) => applyNodeChanges(changes, current)), []);
  const onNodeDragStart = useCallback((_: unknown, node: Node) => {
    origin.current = node.position;
  }, []);
  // The drop: the node takes its slot at the rank its top edge is nearest to, the other cards of
  // that cell move down to make room, those of the cell it left close up.
  const onNodeDragStop = useCallback((_: unknown, dropped: Node) => {
    const from = cellOf(origin.current);
    const to = cellUnder(dropped.position);
    setNodes((current) => {
      const byY = (a: Node, b: Node) => a.position.y - b.position.y;
      const target = current.filter((n) => n.id !== dropped.id && inCell(n, to)).sort(byY);
      const rank = clamp(Math.round((dropped.position.y - to.lane * laneHeight - CELL_PAD) / SLOT), target.length);
      target.splice(rank, 0, dropped);
      const source = from.stage === to.stage && from.lane === to.lane ? [] : current.filter((n) => n.id !== dropped.id && inCell(n, from)).sort(byY);
      const next = new Map<string, XYPosition>();
      target.forEach((n, i) => next.set(n.id, slot(to, i)));
      source.forEach((n, i) => next.set(n.id, slot(from, i)));
      return current.map((n) => {
        const p = next.get(n.id);
        return p && (p.x !== n.position.x || p.y !== n.position.y) ? { ...n, position: p } : n;
      });
    });
  }, []);
  return (
    <div style={{ width, height, position: 'relative' }}>
      <ReactFlow
        nodes={nodes}
        onNodesChange={onNodesChange}
        onNodeDragStart={onNodeDragStart}
        onNodeDragStop={onNodeDragStop}
        defaultViewport={viewport}
        minZoom={0.15}
        maxZoom={2}
        panOnScroll
        zoomOnScroll={false}
        zoomOnPinch
        zoomOnDoubleClick={false}
        nodeDragThreshold={4}
        onlyRenderVisibleElements
        elevateNodesOnSelect={false}
        deleteKeyCode={null}
        disableKeyboardA11y
        proOptions={{ hideAttribution: true }}
      />
    </div>
  );
}

createRoot(document.getElementById('root')!).render(<Bare />);
