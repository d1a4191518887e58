// The read model: one zustand store per open map. `journey` is written only by bindDoc (from the
// Y.Doc); `session` is this tab's own state (selection, drag preview, editing, open panel).
import { createStore, type StoreApi } from 'zustand/vanilla';
import { SCHEMA_VERSION, type Journey } from '../journey/types';

export interface Point {
  x: number;
  y: number;
}

export type Panel = 'inspector' | 'personas' | null;

export interface Session {
  /** Selected card ids, in the order they were selected. */
  selection: readonly string[];
  selectedLink: string | null;
  /** The card whose text is being edited in place. */
  editing: string | null;
  /** Positions of cards while they are dragged: never written to the document per move. */
  drag: ReadonlyMap<string, Point> | null;
  panel: Panel;
  /** The emotion point being inspected: a stage, and a persona when the map has personas. */
  emotion: { stageId: string; personaId: string | null } | null;
  canUndo: boolean;
  canRedo: boolean;
}

export interface EditorState {
  journey: Journey;
  session: Session;
  setJourney(journey: Journey): void;
  setSession(patch: Partial<Session>): void;
}

export const EMPTY_JOURNEY: Journey = {
  meta: { schemaVersion: SCHEMA_VERSION, title: '', scenario: '', variant: 'current', locale: 'en', createdAt: 0 },
  personas: new Map(),
  stages: new Map(),
  lanes: new Map(),
  cards: new Map(),
  links: new Map(),
  emotions: new Map(),
  unreadable: [],
};

export const EMPTY_SESSION: Session = {
  selection: [],
  selectedLink: null,
  editing: null,
  drag: null,
  panel: null,
  emotion: null,
  canUndo: false,
  canRedo: false,
};

export type EditorStore = StoreApi<EditorState>;

export function createEditorStore(): EditorStore {
  return createStore<EditorState>()((set) => ({
    journey: EMPTY_JOURNEY,
    session: EMPTY_SESSION,
    setJourney: (journey) => set({ journey }),
    setSession: (patch) => set((s) => ({ session: { ...s.session, ...patch } })),
  }));
}
