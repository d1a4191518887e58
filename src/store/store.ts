// The read model: one zustand store per open map. `journey` is written only by bindDoc (from the
// Y.Doc); `presence` only by bindAwareness (who else is here); `session` is this tab's own state
// (selection, drag preview, editing, open panel, connection), changed only by the named actions of
// sessionActions.ts and sessionReports.ts.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { SCHEMA_VERSION, type Journey } from '../journey/types';
import { NO_FILTER, type Filter } from '../journey/filter';
import type { Comparison } from '../journey/compare';
import type { MapFigure, Verbatim } from '../journey/voc/onMap';
import { NO_WORKSHOP, type Workshop } from '../journey/workshop';
import { createEmitter, type EditorEvents, type EventSource } from './events';
import { NO_COMMENTS, type CommentsView } from './commentsClient';
import type { CommentTarget } from '../journey/comments';
import { createSessionActions, type SessionActions } from './sessionActions';
import { createSessionReports, type SessionReports } from './sessionReports';

export interface Point {
  x: number;
  y: number;
}

export type Panel = 'inspector' | 'personas' | 'loops' | 'workshop' | 'history' | 'comments' | null;

/** Where this tab stands with the server. `local`: a map kept only in this browser. `outdated`: the
 * map's document is of another version than this app (it must reload; read-only until then). */
export type ConnectionState = 'local' | 'connecting' | 'connected' | 'offline' | 'denied' | 'outdated';
/** What this tab's key lets it do: edit the map, comment on it (reading it as a view link does), or read it. */
export type Role = 'edit' | 'comment' | 'view';

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
  width: number;
  height: number;
}

/** Someone else on the map, as their presence (awareness) says. */
export interface Peer {
  clientId: number;
  name: string;
  color: string;
  /** In map coordinates, so it is right at any zoom. */
  cursor: Point | null;
  selection: readonly string[];
  editing: string | null;
  drag: Readonly<Record<string, Point>> | null;
  viewport: Viewport | null;
  participantId: string | null;
  role: Role;
  /** Asks the facilitator for the role. */
  ask: { at: number } | null;
  /** A facilitator's answer to someone's ask (`to`: their participant id). */
  answer: { to: string; accepted: boolean; at: number } | null;
}

/** A person's mark on a card: selecting it, or editing it. */
export interface PeerMark {
  clientId: number;
  name: string;
  color: string;
  editing: boolean;
}

export interface Presence {
  peers: ReadonlyMap<number, Peer>;
  /** Marks per card id; a card's array keeps its identity while its marks do not change. */
  byCard: ReadonlyMap<string, readonly PeerMark[]>;
  /** Cards other people are dragging, where they are now. */
  dragging: ReadonlyMap<string, Point>;
}

/** A comparison this tab shows: against what (`label`, e.g. "Q3 baseline"), the result, and which
 * statuses the reader chose to see (all when empty). */
export interface Compare {
  label: string;
  comparison: Comparison;
  show: readonly ('added' | 'removed' | 'changed' | 'moved')[];
}

/** A stored version of the map that this tab shows in place of the live one, read-only (the history
 * panel opens it). `label` is what the banner calls it ("Q3 baseline", or its time). */
export interface VersionView {
  id: string;
  label: string;
  createdAt: number;
  journey: Journey;
}

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
  connection: ConnectionState;
  /**
   * The server's last close code that the interface explains: why it refused this tab (connection
   * `denied`), or why it is retrying (4503, 4508, 4529) until the next sync clears it.
   */
  deniedCode: number | null;
  role: Role;
  /** The person whose view this tab follows. */
  following: number | null;
  /** Local edits the server has not received yet. */
  unsent: boolean;
  /** The server has confirmed that every edit of this tab is on its disk ("All changes saved"). */
  saved: boolean;
  /** The server said it cannot save this map right now (a full disk): edits stay in this browser. */
  serverCannotSave: boolean;
  /** What this tab chose to see. */
  filter: Filter;
  /** The stage (by position) being presented, in presentation mode. */
  presenting: number | null;
  /** What this tab showed when the presentation started, put back when it ends (the canvas keeps the viewport). */
  presentedFrom: PresentedFrom | null;
  /** The department lens: cards coloured by owning department, hand-offs drawn. */
  lens: 'department' | null;
  /** The heat overlay: touchpoints and stages coloured by their survey scores. */
  heat: boolean;
  /** What changed against another state of the map (a version, or a copy's source), drawn on the map. */
  compare: Compare | null;
  /** A version shown instead of the live map, read-only (null: the live map). */
  viewing: VersionView | null;
  /** This browser's public participant id in workshops (null until known). */
  participantId: string | null;
  /** The server's clock minus this tab's, so every tab shows the same timer. */
  clockOffset: number;
  /** Whether the offset was measured (or could not be: then this tab's own clock is used). */
  clockKnown: boolean;
  /** This person stepped away from the facilitator's spotlight (the spotlight at `at`). */
  steppedAway: number | null;
  /** This person's own votes in the open vote: card ids, repeated for several dots on one card. */
  ballot: readonly string[];
  /** This person's private cards in the open silent round (only this browser and the server hold them). */
  privateCards: readonly PrivateCard[];
  /** Since when (server time) this person asks the facilitator for the role; null: not asking. */
  asking: number | null;
  /** The last workshop request the server refused or could not get (a vote), said in the workshop bar. */
  workshopError: Error | null;
  /** What the comments panel shows first: the threads on a card, a stage or the map, and a new one on it (null: all). */
  commentsOn: CommentTarget | null;
}

/** The focus and panels a presentation steps away from, and returns to. */
export type PresentedFrom = Pick<Session, 'selection' | 'selectedLink' | 'emotion' | 'panel' | 'commentsOn'>;

/** A card written during a silent round, before the reveal. */
export interface PrivateCard {
  id: string;
  roundId: string;
  stageId: string;
  laneId: string;
  text: string;
  /** Not yet stored by the server (written offline, or the request failed): sent again later. */
  unsent: boolean;
  /** Deleted here while the server could not be told: the deletion is sent again later. */
  removed?: boolean;
}

/** The Voice of the Customer on this map: figures per touchpoint/stage per quarter, and verbatims. */
export interface Voc {
  figures: ReadonlyMap<string, MapFigure>;
  verbatims: ReadonlyMap<string, Verbatim>;
}

export const EMPTY_VOC: Voc = { figures: new Map(), verbatims: new Map() };

export interface EditorState {
  journey: Journey;
  /** The live workshop: facilitator, spotlight, timer, votes, silent round (written only by bindWorkshop). */
  workshop: Workshop;
  setWorkshop(workshop: Workshop): void;
  voc: Voc;
  setVoc(voc: Voc): void;
  /** The map's comments (written only by the comments client, src/app/commentsClient.ts). */
  comments: CommentsView;
  setComments(comments: CommentsView): void;
  session: Session;
  presence: Presence;
  setJourney(journey: Journey): void;
  setPresence(presence: Presence): void;
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
  connection: 'local',
  deniedCode: null,
  role: 'edit',
  following: null,
  unsent: false,
  saved: true,
  serverCannotSave: false,
  filter: NO_FILTER,
  presenting: null,
  presentedFrom: null,
  lens: null,
  heat: false,
  compare: null,
  viewing: null,
  participantId: null,
  clockOffset: 0,
  clockKnown: false,
  steppedAway: null,
  ballot: [],
  privateCards: [],
  asking: null,
  workshopError: null,
  commentsOn: null,
};

export const EMPTY_PRESENCE: Presence = { peers: new Map(), byCard: new Map(), dragging: new Map() };

/**
 * One open map's store. Components read it (`getState`, `subscribe`, `useStore`) but never write
 * it freely: the session changes only through its named actions (`session`), and what the room
 * learns through `reports`; `events` carries what happens once. The journey, presence, workshop
 * and Voice of the Customer are written by their binders only (src/doc).
 */
export type EditorStore = Pick<StoreApi<EditorState>, 'getState' | 'getInitialState' | 'subscribe'> & {
  readonly session: SessionActions;
  readonly reports: SessionReports;
  readonly events: EventSource<EditorEvents>;
};

export function createEditorStore(): EditorStore {
  const api = createStore<EditorState>()((set) => ({
    journey: EMPTY_JOURNEY,
    session: EMPTY_SESSION,
    presence: EMPTY_PRESENCE,
    voc: EMPTY_VOC,
    workshop: NO_WORKSHOP,
    setWorkshop: (workshop) => set({ workshop }),
    setVoc: (voc) => set({ voc }),
    comments: NO_COMMENTS,
    setComments: (comments) => set({ comments }),
    setJourney: (journey) => set({ journey }),
    setPresence: (presence) => set({ presence }),
  }));
  const events = createEmitter<EditorEvents>();
  return {
    getState: api.getState,
    getInitialState: api.getInitialState,
    subscribe: api.subscribe,
    session: createSessionActions(api, events),
    reports: createSessionReports(api),
    events: { on: events.on },
  };
}
