// The commands bound to one open map, as the UI calls them. Each call is one undo step
// (`stopCapturing` first), except typing, which groups keystrokes the way a text editor does.
import type * as Y from 'yjs';
import * as mapCommands from './commands';
import { promoteVerbatim } from './gestures';
import { importCards } from './importCards';
import { replaceJourney } from './replaceJourney';
import { restoreJourney } from './restoreJourney';
import { bindText, type TextSurface } from './textBinding';
import {
  applyVoteOutcome,
  handOverFacilitator,
  joinWorkshop,
  releaseFacilitator,
  restartSession,
  setSpotlight,
  setTimer,
  takeFacilitator,
} from './workshop';

/** Every command the UI may call: the map commands and the imports. */
const commands = {
  ...mapCommands,
  promoteVerbatim,
  importCards,
  replaceJourney,
  // A version restored in place: one undo step of this person's, others' edits land on top.
  restoreJourney,
  takeFacilitator,
  handOverFacilitator,
  releaseFacilitator,
  restartSession,
  setSpotlight,
  setTimer,
  joinWorkshop,
  applyVoteOutcome,
};

type Bound<F> = F extends (doc: Y.Doc, ...args: infer A) => infer R ? (...args: A) => R : never;
type Commands = typeof commands;
type CommandName = Exclude<keyof Commands, 'writeJourney' | 'cardText'>;

export type Actions = { [K in CommandName]: Bound<Commands[K]> } & {
  /** Starts a new undo step for the typing that follows. */
  beginTyping(): void;
  /** Binds a text field to a card's text until the returned function is called (typing together). */
  bindCardText(id: string, field: TextSurface): () => void;
  undo(): void;
  redo(): void;
  canUndo(): boolean;
  canRedo(): boolean;
};

const TYPING = new Set<string>(['setCardText', 'editCardText']);

export function createActions(doc: Y.Doc, undoManager: Y.UndoManager): Actions {
  const bound: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(commands)) {
    if (name === 'writeJourney' || name === 'cardText') continue;
    const command = fn as (doc: Y.Doc, ...args: unknown[]) => unknown;
    bound[name] = TYPING.has(name)
      ? (...args: unknown[]) => command(doc, ...args)
      : (...args: unknown[]) => {
          undoManager.stopCapturing();
          return command(doc, ...args);
        };
  }
  return {
    ...(bound as { [K in CommandName]: Bound<Commands[K]> }),
    beginTyping: () => undoManager.stopCapturing(),
    bindCardText: (id, field) => {
      const yText = mapCommands.cardText(doc, id);
      return yText ? bindText(yText, field, { edit: (edit) => mapCommands.editCardText(doc, id, edit) }) : () => undefined;
    },
    undo: () => {
      undoManager.undo();
    },
    redo: () => {
      undoManager.redo();
    },
    canUndo: () => undoManager.canUndo(),
    canRedo: () => undoManager.canRedo(),
  };
}
