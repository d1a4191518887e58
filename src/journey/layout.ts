// The grid layout: a pure function from the journey to positions. Stages are columns, lanes are rows,
// a lane is as tall as its fullest cell, a card sits at its rank in its (stage, lane) cell. Sizes are
// fixed so no DOM measuring is needed. O(n log n) in the number of cards.
import { byIndex, sortByIndex } from './order';
import type { Card, Journey, Lane, Stage } from './types';

export const CARD_W = 220;
export const CARD_H = 104;
export const CARD_GAP = 12;
export const CELL_PAD = 14;
export const ADD_ROW = 36; // room for the cell's "+" button under its cards
export const STAGE_W = CARD_W + 2 * CELL_PAD;
export const EMOTION_LANE_H = 220;
export const COLLAPSED_LANE_H = 44;
export const EMPTY_LANE_H = CELL_PAD * 2 + ADD_ROW + CARD_H / 2;

export interface StageColumn {
  stage: Stage;
  x: number;
  width: number;
}
export interface LaneRow {
  lane: Lane;
  y: number;
  height: number;
}
export interface CardSlot {
  card: Card;
  x: number;
  y: number;
  rank: number;
}
export interface Grid {
  columns: StageColumn[];
  rows: LaneRow[];
  /** Placed cards by id. */
  slots: Map<string, CardSlot>;
  /** Card ids per cell, in order; key from `cellKey`. */
  cells: Map<string, string[]>;
  /** Cards whose stage or lane no longer exists: shown in a tray, never lost. */
  unplaced: Card[];
  width: number;
  height: number;
}

export const cellKey = (stageId: string, laneId: string): string => `${stageId}|${laneId}`;

export function cardY(rowY: number, rank: number): number {
  return rowY + CELL_PAD + rank * (CARD_H + CARD_GAP);
}

function laneHeight(lane: Lane, fullest: number): number {
  if (lane.collapsed) return COLLAPSED_LANE_H;
  if (lane.kind === 'emotions') return EMOTION_LANE_H;
  if (fullest === 0) return EMPTY_LANE_H;
  return CELL_PAD * 2 + fullest * (CARD_H + CARD_GAP) + ADD_ROW;
}

export function layoutJourney(journey: Pick<Journey, 'stages' | 'lanes' | 'cards'>): Grid {
  const stages = sortByIndex(journey.stages.values());
  const lanes = sortByIndex(journey.lanes.values());
  const cellCards = new Map<string, Card[]>();
  const unplaced: Card[] = [];
  for (const card of journey.cards.values()) {
    if (!journey.stages.has(card.stageId) || !journey.lanes.has(card.laneId)) {
      unplaced.push(card);
      continue;
    }
    const key = cellKey(card.stageId, card.laneId);
    const list = cellCards.get(key);
    if (list) list.push(card);
    else cellCards.set(key, [card]);
  }

  const fullest = new Map<string, number>();
  const cells = new Map<string, string[]>();
  for (const [key, list] of cellCards) {
    list.sort(byIndex);
    cells.set(key, list.map((c) => c.id));
    const laneId = list[0]!.laneId;
    fullest.set(laneId, Math.max(fullest.get(laneId) ?? 0, list.length));
  }

  const columns = stages.map((stage, i) => ({ stage, x: i * STAGE_W, width: STAGE_W }));
  const rows: LaneRow[] = [];
  let y = 0;
  for (const lane of lanes) {
    const height = laneHeight(lane, fullest.get(lane.id) ?? 0);
    rows.push({ lane, y, height });
    y += height;
  }

  const slots = new Map<string, CardSlot>();
  const rowById = new Map(rows.map((r) => [r.lane.id, r]));
  const columnById = new Map(columns.map((c) => [c.stage.id, c]));
  for (const list of cellCards.values()) {
    const row = rowById.get(list[0]!.laneId)!;
    const column = columnById.get(list[0]!.stageId)!;
    if (row.lane.collapsed || row.lane.kind === 'emotions') {
      // Cards in a collapsed lane stay in the document; they are just not drawn.
      continue;
    }
    list.forEach((card, rank) => {
      slots.set(card.id, { card, x: column.x + CELL_PAD, y: cardY(row.y, rank), rank });
    });
  }
  unplaced.sort(byIndex);
  return { columns, rows, slots, cells, unplaced, width: columns.length * STAGE_W, height: y };
}

/** The cell under a point of the map, if any. */
export function cellAt(grid: Grid, x: number, y: number): { stageId: string; laneId: string } | null {
  const column = grid.columns[Math.floor(x / STAGE_W)];
  if (!column || x < 0) return null;
  const row = grid.rows.find((r) => y >= r.y && y < r.y + r.height);
  if (!row) return null;
  return { stageId: column.stage.id, laneId: row.lane.id };
}

/** The rank a card dropped with its top edge at `y` takes in a cell (cards being moved excluded). */
export function rankAt(grid: Grid, laneId: string, y: number, cellSize: number): number {
  const row = grid.rows.find((r) => r.lane.id === laneId);
  if (!row) return cellSize;
  const rank = Math.round((y - row.y - CELL_PAD) / (CARD_H + CARD_GAP));
  return Math.max(0, Math.min(cellSize, rank));
}

export type Direction = 'up' | 'down' | 'left' | 'right';

/**
 * The card that an arrow key moves focus to: up and down walk the stage's column across lanes,
 * left and right go to the neighbouring stage, to the nearest card at the same height.
 */
export function neighbourCard(grid: Grid, cardId: string, direction: Direction): string | null {
  const slot = grid.slots.get(cardId);
  if (!slot) return null;
  const { stageId } = slot.card;
  if (direction === 'up' || direction === 'down') {
    const column: CardSlot[] = [];
    for (const row of grid.rows) {
      for (const id of grid.cells.get(cellKey(stageId, row.lane.id)) ?? []) {
        const s = grid.slots.get(id);
        if (s) column.push(s);
      }
    }
    const at = column.findIndex((s) => s.card.id === cardId);
    return column[at + (direction === 'down' ? 1 : -1)]?.card.id ?? null;
  }
  const colIndex = grid.columns.findIndex((c) => c.stage.id === stageId);
  const step = direction === 'right' ? 1 : -1;
  for (let i = colIndex + step; i >= 0 && i < grid.columns.length; i += step) {
    let best: CardSlot | null = null;
    for (const row of grid.rows) {
      for (const id of grid.cells.get(cellKey(grid.columns[i]!.stage.id, row.lane.id)) ?? []) {
        const s = grid.slots.get(id);
        if (s && (!best || Math.abs(s.y - slot.y) < Math.abs(best.y - slot.y))) best = s;
      }
    }
    if (best) return best.card.id;
  }
  return null;
}
