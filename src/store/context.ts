// How components reach the open map: its store (read model) and its actions (commands). Provided
// once per map by the editor route; components subscribe to the slice they need.
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { Actions } from '../doc/actions';
import type { PresenceWriter } from '../doc/presence';
import type { Journey } from '../journey/types';
import type { EditorStore, Presence, Session } from './store';
import { isReadOnly, shownJourney } from './selectors';
import type { Workshop } from '../journey/workshop';
import type { WorkshopClient } from './workshopClient';
import type { CommentsClient, CommentsView } from './commentsClient';

export interface Editor {
  store: EditorStore;
  actions: Actions;
  presence: PresenceWriter;
  workshop: WorkshopClient;
  /** The map's comments (src/app/commentsClient.ts). */
  comments: CommentsClient;
}

export const EditorContext = createContext<Editor | null>(null);

export function useEditor(): Editor {
  const editor = useContext(EditorContext);
  if (!editor) throw new Error('useEditor outside an open map');
  return editor;
}

export function useJourney<T>(selector: (journey: Journey) => T): T {
  const { store } = useEditor();
  // What is shown: a version opened from the history, or the live map (selectors.ts).
  return useStore(store, (s) => selector(shownJourney(s)));
}

export function useSession<T>(selector: (session: Session) => T): T {
  const { store } = useEditor();
  return useStore(store, (s) => selector(s.session));
}

export function useWorkshop<T>(selector: (workshop: Workshop) => T): T {
  const { store } = useEditor();
  return useStore(store, (s) => selector(s.workshop));
}

export function useComments<T>(selector: (comments: CommentsView) => T): T {
  const { store } = useEditor();
  return useStore(store, (s) => selector(s.comments));
}

export const useActions = (): Actions => useEditor().actions;

export function usePresence<T>(selector: (presence: Presence) => T): T {
  const { store } = useEditor();
  return useStore(store, (s) => selector(s.presence));
}

const NO_EDITOR_STORE = { getState: () => ({ session: { role: 'edit', viewing: null } }), subscribe: () => () => {} } as unknown as EditorStore;

/** True in a view-only map or while a version is shown; false outside any map (the home page). */
export function useReadOnly(): boolean {
  const editor = useContext(EditorContext);
  return useStore(editor?.store ?? NO_EDITOR_STORE, (s) => isReadOnly(s.session));
}
