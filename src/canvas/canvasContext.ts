// What canvas components share beyond the store: the current grid and the helpers that move focus
// and the viewport, owned by <JourneyCanvas/>.
import { createContext, useContext } from 'react';
import type { Grid } from '../journey/layout';

export interface CanvasApi {
  grid(): Grid;
  /** Selects a card, scrolls it into view and focuses it (it may not be rendered yet). */
  focusCard(id: string, options?: { edit?: boolean }): void;
  /** Adds a card to a cell and starts editing it. */
  addCardIn(stageId: string, laneId: string, position?: number): void;
  /** Opens the dialog that links this card to another one chosen from a list (useLinking). */
  linkFrom(cardId: string): void;
}

export const CanvasContext = createContext<CanvasApi | null>(null);

export function useCanvas(): CanvasApi {
  const api = useContext(CanvasContext);
  if (!api) throw new Error('useCanvas outside <JourneyCanvas/>');
  return api;
}
