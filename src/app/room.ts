// A Room is one open map: its Y.Doc, the browser copy (IndexedDB), the undo manager, the store that
// mirrors it, and the actions bound to it. Also the few operations on stored maps the home page needs.
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { createActions, type Actions } from '../doc/actions';
import { bindDoc, readJourney } from '../doc/bindDoc';
import { updateMeta, writeJourney } from '../doc/commands';
import { SEED } from '../doc/origins';
import { createUndo } from '../doc/undo';
import type { Journey, Meta } from '../journey/types';
import { createEditorStore, type EditorStore } from '../store';

export const dbName = (id: string) => `touchpoint-map-${id}`;

export interface Room {
  id: string;
  store: EditorStore;
  actions: Actions;
  /** Resolves once the browser copy has been loaded. */
  ready: Promise<void>;
  onMetaChange(listener: (meta: Meta) => void): () => void;
  destroy(): void;
}

export function openRoom(id: string): Room {
  const doc = new Y.Doc();
  const store = createEditorStore();
  const undo = createUndo(doc, {
    getSelection: () => [...store.getState().session.selection],
    setSelection: (selection) => store.getState().setSession({ selection, editing: null }),
  });
  const syncUndoState = () => store.getState().setSession({ canUndo: undo.canUndo(), canRedo: undo.canRedo() });
  undo.on('stack-item-added', syncUndoState);
  undo.on('stack-item-popped', syncUndoState);
  undo.on('stack-cleared', syncUndoState);
  const unbind = bindDoc(doc, { getJourney: () => store.getState().journey, setJourney: (j) => store.getState().setJourney(j) });
  const persistence = new IndexeddbPersistence(dbName(id), doc);
  return {
    id,
    store,
    actions: createActions(doc, undo),
    ready: persistence.whenSynced.then(() => undefined),
    onMetaChange: (listener) =>
      store.subscribe((s, prev) => {
        if (s.journey.meta !== prev.journey.meta) listener(s.journey.meta);
      }),
    destroy: () => {
      unbind();
      undo.destroy();
      void persistence.destroy();
      doc.destroy();
    },
  };
}

/** Saves a document in this browser and resolves when it is stored. */
async function persist(id: string, doc: Y.Doc): Promise<void> {
  const persistence = new IndexeddbPersistence(dbName(id), doc);
  await persistence.whenSynced;
  await persistence.destroy();
}

async function load(id: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(dbName(id), doc);
  await persistence.whenSynced;
  await persistence.destroy();
  return doc;
}

/** Stores a new map (from a template or a copy); it is seeded once, here, never when opened. */
export async function createStoredMap(id: string, journey: Journey): Promise<void> {
  const doc = new Y.Doc();
  writeJourney(doc, journey, SEED);
  await persist(id, doc);
  doc.destroy();
}

export async function renameStoredMap(id: string, title: string): Promise<void> {
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(dbName(id), doc);
  await persistence.whenSynced;
  updateMeta(doc, { title });
  await persistence.destroy();
  doc.destroy();
}

/** Copies a stored map under a new id, with a changed title and variant (e.g. a future-state copy). */
export async function copyStoredMap(fromId: string, toId: string, patch: Pick<Meta, 'title' | 'variant'>): Promise<void> {
  const source = await load(fromId);
  const copy = new Y.Doc();
  const journey = readJourney(source);
  writeJourney(copy, { ...journey, meta: { ...journey.meta, ...patch, createdAt: Date.now() } }, SEED);
  source.destroy();
  await persist(toId, copy);
  copy.destroy();
}

export async function deleteStoredMap(id: string): Promise<void> {
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(dbName(id), doc);
  await persistence.whenSynced;
  await persistence.clearData();
  doc.destroy();
}
