// Undo and redo of one's own commands only: a Y.UndoManager that tracks the LOCAL origin. Each
// stack item remembers the selection from before its command, and undo puts it back.
import * as Y from 'yjs';
import { LOCAL } from './origins';
import { roots, ROOTS } from './schema';
import { VOC_ROOTS } from './fileSurvey';

export interface UndoHooks {
  getSelection(): string[];
  setSelection(ids: string[]): void;
}

export function createUndo(doc: Y.Doc, hooks: UndoHooks): Y.UndoManager {
  const r = roots(doc);
  const undo = new Y.UndoManager(
    // The votes root too: applying a vote's result marks it applied, and undo unmarks it. And the
    // survey roots: a map file imported in place of the map brings its figures in the same step.
    [...ROOTS.map((name) => r[name]), doc.getMap('votes'), ...VOC_ROOTS.map((name) => doc.getMap(name))],
    { trackedOrigins: new Set([LOCAL]), captureTimeout: 600 },
  );
  let selectionBefore: string[] = [];
  // The selection as it was when the command started, captured before the first change lands.
  doc.on('beforeTransaction', (tr: Y.Transaction) => {
    if (tr.origin === LOCAL || tr.origin === undo) selectionBefore = hooks.getSelection();
  });
  undo.on('stack-item-added', (event: { stackItem: { meta: Map<string, unknown> }; type: 'undo' | 'redo' }) => {
    if (event.type === 'undo' && !event.stackItem.meta.has('selection')) event.stackItem.meta.set('selection', selectionBefore);
  });
  undo.on('stack-item-popped', (event: { stackItem: { meta: Map<string, unknown> } }) => {
    const selection = event.stackItem.meta.get('selection');
    if (Array.isArray(selection)) hooks.setSelection(selection.filter((id) => r.cards.has(id)));
  });
  return undo;
}
