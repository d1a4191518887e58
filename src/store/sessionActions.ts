// The only way to change this tab's session state (selection, editing, open panel, filter,
// presentation, drag preview): named actions, called by the canvas, the panels and the editor
// route. They sit beside the document's commands: a command changes the map (Y.Doc), a session
// action changes what this tab shows. The rules between selection, editing, a selected link and an
// inspected emotion point are in src/store/focus.ts; what happens once (show a card, spotlight my
// view) is an event (src/store/events.ts), never a field someone has to reset.
import type { StoreApi } from 'zustand/vanilla';
import type { Filter } from '../journey/filter';
import { sortByIndex } from '../journey/order';
import type { Emitter, EditorEvents } from './events';
import { nextFocus, type FocusWish } from './focus';
import { shownJourney } from './selectors';
import type { Compare, EditorState, Panel, Point, PresentedFrom, Session, VersionView } from './store';
import type { Comparison } from '../journey/compare';
import type { CommentTarget } from '../journey/comments';

export type OpenPanel = Exclude<Panel, null>;

export interface SessionActions {
  // ---- focus (see focus.ts for the rules)
  /** Selects these cards, in this order (replacing the selection). */
  select(ids: readonly string[]): void;
  /** Adds a card to the selection, or takes it out. */
  toggleSelect(id: string): void;
  clearSelection(): void;
  /** Edits a card's text in place (selects it; a viewer only selects it). */
  startEditing(cardId: string): void;
  /** Stops editing; with `cardId`, only if that card is the one edited. */
  stopEditing(cardId?: string): void;
  selectLink(id: string): void;
  /** Unselects a link, if it is still the selected one. */
  unselectLink(id: string): void;
  /** Shows an emotion point (a stage, and a persona when the map has personas) in the Details panel. */
  inspectEmotion(stageId: string, personaId: string | null): void;
  /** A click on the empty map: no card, link or emotion point. */
  clearFocus(): void;
  /** Puts back the selection an undone or redone change had (undo.ts), ending any editing. */
  restoreSelection(ids: readonly string[]): void;

  // ---- panels
  openPanel(panel: OpenPanel): void;
  /** Opens the panel, or closes it when it is the open one (the toolbar's buttons). */
  togglePanel(panel: OpenPanel): void;
  closePanel(): void;
  /** Opens the comments panel on a card's, a stage's or the map's threads (null: on all of them). */
  showComments(target: CommentTarget | null): void;

  // ---- what this tab shows
  /** Changes some fields of the filter (`NO_FILTER` clears it). */
  setFilter(patch: Partial<Filter>): void;
  toggleLens(): void;
  toggleHeat(): void;
  /** Presents the stage at this position (kept within the map's stages); starts the presentation if needed. */
  present(position: number): void;
  /** Presents from the selected card's stage, or from the first. */
  startPresenting(): void;
  /** Ends the presentation: the selection and panels it started from come back. */
  stopPresenting(): void;
  /** Shows what changed against another state of the map (`label`: what it is compared with). */
  compareWith(label: string, comparison: Comparison): void;
  /** Shows only some kinds of change (all when empty). */
  showChanges(show: Compare['show']): void;
  stopComparing(): void;
  /** Shows a stored version instead of the live map, read-only (the focus on the live map is let go,
   * a comparison ends: the two show different maps). */
  viewVersion(view: VersionView): void;
  /** Back from a version to the live map. */
  backToLive(): void;
  /** Follows this person's view, or stops when it is the one followed. */
  toggleFollow(clientId: number): void;
  stopFollowing(): void;

  // ---- dragging (positions live here until the drop's one command)
  dragTo(positions: ReadonlyMap<string, Point>): void;
  endDrag(): void;

  // ---- things that happen once (events: the canvas listens)
  /** Brings a card into view on the canvas and focuses it. */
  revealCard(cardId: string): void;
  /** The facilitator spotlights this tab's view for everyone (the canvas knows where it is). */
  bringEveryoneToMyView(by: { by: string; name: string; at: number }): void;

  // ---- this person in the workshop
  /** Steps away from the facilitator's spotlight (unless it is this person's own). */
  stepAwayFromSpotlight(): void;
  backToSpotlight(): void;
  /** Asks the facilitator for the role, since `at` (server time). */
  askForRole(at: number): void;
  stopAsking(): void;
  dismissWorkshopError(): void;
}

export type StoreWriter = Pick<StoreApi<EditorState>, 'getState' | 'setState'>;

/** Sets session fields; when none of them changes, the state object stays (nobody re-renders). */
export function writeSession(api: StoreWriter, fields: Partial<Session>): void {
  api.setState((s) => {
    for (const key of Object.keys(fields) as (keyof Session)[]) {
      if (!Object.is(fields[key], s.session[key])) return { session: { ...s.session, ...fields } };
    }
    return s;
  });
}

export function createSessionActions(api: StoreWriter, events: Emitter<EditorEvents>): SessionActions {
  const session = () => api.getState().session;
  const write = (fields: Partial<Session>) => writeSession(api, fields);
  const focus = (wish: FocusWish) => write(nextFocus(session(), wish));
  const stageCount = () => shownJourney(api.getState()).stages.size;
  /**
   * Moves the presentation to a stage; starting it, remembers the focus and panels to come back to
   * and lets them go (the slide shows no selection; a followed person's view would pull it away).
   */
  const presentAt = (position: number) => {
    if (!stageCount()) return; // a map without stages has nothing to present
    const presenting = Math.max(0, Math.min(stageCount() - 1, position));
    const s = session();
    if (s.presenting !== null) return write({ presenting });
    const presentedFrom: PresentedFrom = { selection: s.selection, selectedLink: s.selectedLink, emotion: s.emotion, panel: s.panel, commentsOn: s.commentsOn };
    write({ ...nextFocus(s, { kind: 'nothing' }), presenting, presentedFrom, following: null, drag: null });
  };
  return {
    select: (ids) => focus({ kind: 'cards', ids }),
    toggleSelect: (id) => {
      const { selection } = session();
      focus({ kind: 'cards', ids: selection.includes(id) ? selection.filter((s) => s !== id) : [...selection, id] });
    },
    clearSelection: () => focus({ kind: 'cards', ids: [] }),
    startEditing: (cardId) => focus({ kind: 'edit', cardId }),
    stopEditing: (cardId) => focus({ kind: 'stopEditing', cardId }),
    selectLink: (id) => focus({ kind: 'link', id }),
    unselectLink: (id) => focus({ kind: 'unlink', id }),
    inspectEmotion: (stageId, personaId) => focus({ kind: 'emotion', stageId, personaId }),
    clearFocus: () => focus({ kind: 'nothing' }),
    restoreSelection: (ids) => focus({ kind: 'restore', ids }),

    openPanel: (panel) => write({ panel }),
    togglePanel: (panel) => write({ panel: session().panel === panel ? null : panel }),
    closePanel: () => write({ panel: null }),
    showComments: (target) => write({ panel: 'comments', commentsOn: target }),

    setFilter: (patch) => write({ filter: { ...session().filter, ...patch } }),
    toggleLens: () => write({ lens: session().lens ? null : 'department' }),
    toggleHeat: () => write({ heat: !session().heat }),
    present: (position) => presentAt(position),
    startPresenting: () => {
      const journey = shownJourney(api.getState());
      const card = journey.cards.get(session().selection[0] ?? '');
      const at = card ? sortByIndex(journey.stages.values()).findIndex((s) => s.id === card.stageId) : 0;
      presentAt(Math.max(0, at));
    },
    stopPresenting: () => {
      const { presenting, presentedFrom: from } = session();
      if (presenting === null) return;
      if (!from) return write({ presenting: null });
      // Cards deleted by someone else meanwhile are not selected again.
      const cards = shownJourney(api.getState()).cards;
      const selection = from.selection.filter((id) => cards.has(id));
      write({ presenting: null, presentedFrom: null, editing: null, ...from, selection: selection.length === from.selection.length ? from.selection : selection });
    },
    // A comparison is drawn on the live map: a version shown instead of it goes.
    compareWith: (label, comparison) => write({ compare: { label, comparison, show: [] }, viewing: null }),
    showChanges: (show) => {
      const current = session().compare;
      if (current) write({ compare: { ...current, show } });
    },
    stopComparing: () => write({ compare: null }),
    viewVersion: (view) => write({ ...nextFocus(session(), { kind: 'nothing' }), drag: null, presenting: null, presentedFrom: null, compare: null, viewing: view }),
    backToLive: () => write({ ...nextFocus(session(), { kind: 'nothing' }), viewing: null }),
    toggleFollow: (clientId) => write({ following: session().following === clientId ? null : clientId }),
    stopFollowing: () => write({ following: null }),

    dragTo: (positions) => write({ drag: positions }),
    endDrag: () => write({ drag: null }),

    revealCard: (cardId) => events.emit('reveal', { cardId }),
    bringEveryoneToMyView: (request) => events.emit('bringToMyView', request),

    stepAwayFromSpotlight: () => {
      const { workshop, session: s } = api.getState();
      const current = workshop.spotlight;
      if (current && current.by !== s.participantId) write({ steppedAway: current.at });
    },
    backToSpotlight: () => write({ steppedAway: null }),
    askForRole: (at) => write({ asking: at }),
    stopAsking: () => write({ asking: null }),
    dismissWorkshopError: () => write({ workshopError: null }),
  };
}
