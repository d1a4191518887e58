// A Room is one open map: its Y.Doc, the browser copy (IndexedDB), the undo manager, the store that
// mirrors it, and the actions bound to it. Also the few operations on stored maps the home page needs.
// It tells the server which version of the document this app speaks (`?schema=`, docs/api.md); when
// the map's document is of another version (4426, 4428, or this browser's copy is newer) the tab
// stops syncing and turns read-only until it is reloaded (docs/schema.md, "Versions and migrations").
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import { createActions, type Actions } from '../doc/actions';
import { bindDoc, readJourney } from '../doc/bindDoc';
import { updateMeta, writeJourney } from '../doc/commands';
import { SEED } from '../doc/origins';
import { docVersion, migrateDoc } from '../doc/migrations';
import { createUndo } from '../doc/undo';
import { bindAwareness, presenceWriter, type PresenceWriter } from '../doc/presence';
import { bindVoc } from '../doc/bindVoc';
import { bindWorkshop } from '../doc/workshop';
import { createWorkshopClient } from './workshopClient';
import { MESSAGE_DURABLE, MESSAGE_SAVING, SAVE_PROTOCOL, SAVING_FAILING, createSaveTracker } from '../doc/saveStatus';
import type { WorkshopClient } from '../store/workshopClient';
import { COMMENTS_PROTOCOL, MESSAGE_COMMENTS } from '../doc/commentsNudge';
import { createCommentsClient } from './commentsClient';
import type { CommentsClient } from '../store/commentsClient';
import type { MapEntry } from './mapIndex';
import { SCHEMA_VERSION, type Journey, type Meta } from '../journey/types';
import type { MapSurvey } from '../journey/surveyFile';
import { writeFileSurvey } from '../doc/fileSurvey';
import { createEditorStore, type EditorStore } from '../store';

export const dbName = (id: string) => `touchpoint-map-${id}`;

export interface Room {
  id: string;
  /** This tab's id in presence (its Y.Doc's client id). */
  clientId: number;
  store: EditorStore;
  actions: Actions;
  /** Tells the others where this tab is and what it does. */
  presence: PresenceWriter;
  /** The workshop requests the server checks: votes, silent rounds. */
  workshop: WorkshopClient;
  /** The map's comments: read from the server, written through this browser's outbox. */
  comments: CommentsClient;
  /** Edits made in this tab that the server has not confirmed are on its disk (closing the tab now
   * would keep them only in this browser). */
  hasUnsent(): boolean;
  /** Resolves once the browser copy has been loaded. */
  ready: Promise<void>;
  onMetaChange(listener: (meta: Meta) => void): () => void;
  destroy(): void;
}

/** A viewer's actions: every command does nothing, so no view-only edit ever reaches the document
 * (the server would drop it anyway), and there is nothing to undo. */
function readOnlyActions(actions: Actions): Actions {
  const nothing = () => undefined;
  const inert = Object.fromEntries(Object.keys(actions).map((name) => [name, nothing])) as unknown as Actions;
  return { ...inert, bindCardText: () => () => undefined, addCard: () => null, addLink: () => null, duplicateCards: () => [], pasteCards: () => [], canUndo: () => false, canRedo: () => false };
}

/** Actions that do what `live` does while `writable()`, and nothing (as a viewer's) once it is not:
 * a tab whose app is outdated keeps its actions object, but no command reaches the document. */
function whileWritable(live: Actions, writable: () => boolean): Actions {
  const inert = readOnlyActions(live);
  const pick = <K extends keyof Actions>(name: K): Actions[K] =>
    ((...args: unknown[]) => ((writable() ? live[name] : inert[name]) as (...a: unknown[]) => unknown)(...args)) as unknown as Actions[K];
  return Object.fromEntries((Object.keys(live) as (keyof Actions)[]).map((name) => [name, pick(name)])) as unknown as Actions;
}

/** Close codes after which the client reconnects, but which the person should hear about (docs/api.md). */
const RETRIED_WITH_A_REASON = [4503, 4507, 4508, 4529];
/** The map's document is newer than this app (4426), or the server's app older (4428): reload. */
const OTHER_VERSION = [4426, 4428];

const syncUrl = () => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sync`;

export function openRoom(entry: MapEntry): Room {
  const { id } = entry;
  const doc = new Y.Doc();
  const store = createEditorStore();
  const { reports } = store;
  const undo = createUndo(doc, {
    getSelection: () => [...store.getState().session.selection],
    setSelection: (selection) => store.session.restoreSelection(selection),
  });
  const syncUndoState = () => reports.setUndoState(undo.canUndo(), undo.canRedo());
  undo.on('stack-item-added', syncUndoState);
  undo.on('stack-item-popped', syncUndoState);
  undo.on('stack-cleared', syncUndoState);
  const unbind = bindDoc(doc, { getJourney: () => store.getState().journey, setJourney: (j) => store.getState().setJourney(j) });
  const unbindVoc = bindVoc(doc, (voc) => store.getState().setVoc(voc));
  const unbindWorkshop = bindWorkshop(doc, (workshop) => store.getState().setWorkshop(workshop));
  const workshop = createWorkshopClient(id, entry.key, store);
  const comments = createCommentsClient(id, entry.key, entry.role ?? 'edit', store);
  // Only an edit key changes the map; a comment key reads it as a view key does (and comments).
  const edits = (entry.role ?? 'edit') === 'edit';
  const persistence = new IndexeddbPersistence(dbName(id), doc);
  const awareness = new Awareness(doc);
  const unbindAwareness = bindAwareness(awareness, { getPresence: () => store.getState().presence, setPresence: (p) => store.getState().setPresence(p) });
  reports.setRole(entry.role ?? 'edit');

  let provider: WebsocketProvider | null = null;
  let unsentSinceDisconnect = false;
  let outdated = false;
  let destroyed = false;
  /** The map's document is of another version than this app: stop syncing (y-websocket would retry
   * forever otherwise), turn read-only as a view link does (every command and editing control off;
   * what this browser's copy holds stays as it is), and have the service worker fetch the new app,
   * so that the reload, even offline later, brings it. */
  const goOutdated = (code: number | null) => {
    if (outdated) return;
    outdated = true;
    provider?.disconnect();
    reports.outdated(code);
    if ('serviceWorker' in navigator) {
      void navigator.serviceWorker
        .getRegistration()
        .then((registration) => registration?.update())
        .catch(() => undefined);
    }
  };
  // Whether the server has confirmed storing every change made here (docs/api.md, "Saving").
  const saves = createSaveTracker((saved) => reports.setSaved(saved));
  if (entry.key) {
    reports.setConnection('connecting');
    // Before the provider's own listener, so that a change is counted before the provider sends it.
    // What came from the server is no change of this tab. What this browser's copy held when the
    // tab opened counts (it may hold edits an earlier visit could not get stored), but not what the
    // copy hands over later (other tabs' edits, which they send themselves).
    if (edits) {
      let copyRead = false;
      void persistence.whenSynced.then(() => (copyRead = true));
      doc.on('update', (_: Uint8Array, origin: unknown) => {
        if (origin !== provider && (origin !== persistence || !copyRead)) saves.changed();
      });
    }
    // The browser's socket, numbering the writes it sends as the server does, which confirms them.
    class CountingSocket extends WebSocket {
      override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
        if (data instanceof Uint8Array) saves.sent(this, data);
        super.send(data);
      }
    }
    // Saying the document version this app speaks (a client that says none is of version 1). It
    // connects once this browser's copy is read: a copy newer than this app is never sent.
    provider = new WebsocketProvider(syncUrl(), id, doc, {
      awareness,
      protocols: [`key.${entry.key}`, SAVE_PROTOCOL, COMMENTS_PROTOCOL],
      params: { schema: String(SCHEMA_VERSION) },
      WebSocketPolyfill: CountingSocket,
      connect: false,
    });
    // The server's messages about saving (only sent because this tab offered SAVE_PROTOCOL). Only
    // from the socket (`fromSocket`), never from another tab through the broadcast channel.
    provider.messageHandlers[MESSAGE_DURABLE] = (_encoder, decoder, p, fromSocket) => {
      const seq = decoding.readVarUint(decoder);
      if (fromSocket && p.ws) saves.durable(p.ws, seq);
    };
    provider.messageHandlers[MESSAGE_SAVING] = (_encoder, decoder, _p, fromSocket) => {
      const failing = decoding.readVarUint(decoder) === SAVING_FAILING;
      if (fromSocket) reports.setServerCannotSave(failing);
    };
    // The map's comments changed on the server (docs/api.md, "Comments"): read them again.
    provider.messageHandlers[MESSAGE_COMMENTS] = (_encoder, decoder, _p, fromSocket) => {
      const rev = decoding.readVarUint(decoder);
      if (fromSocket) comments.nudged(rev);
    };
    provider.on('status', ({ status }: { status: string }) => {
      reports.setConnection(status === 'connected' ? 'connected' : navigator.onLine ? 'connecting' : 'offline');
    });
    provider.on('sync', (synced: boolean) => {
      if (synced) {
        unsentSinceDisconnect = false;
        workshop.resync();
        comments.resync();
        // The server serves the map again: whatever made it close the last connection is over.
        reports.synced();
      }
    });
    // 44xx: the server refused this tab for good (the client stops retrying): say why.
    provider.on('closed', (event: { code: number } | null) => {
      if (event && OTHER_VERSION.includes(event.code)) goOutdated(event.code);
      else if (event && event.code >= 4400 && event.code < 4500) reports.refused(event.code);
    });
    // The closes the client retries after, but that need a word: the server could not open the
    // map (4503), this tab reads too slowly (4508) or sent too much (4529). Kept until the next
    // sync, so "Reconnecting…" never goes on without a reason (every retry opens the socket
    // before the server closes it again, so the 'connected' status alone proves nothing).
    provider.on('connection-close', (event: { code: number } | null) => {
      if (event && RETRIED_WITH_A_REASON.includes(event.code)) reports.closedWithReason(event.code);
    });
    // Every change made in this tab counts: commands (LOCAL), but also undo and redo (the undo
    // manager's origin) and migrations. Only what came from the server (the provider's origin) or
    // was read back from this browser's copy (the persistence's) is already where it needs to be.
    doc.on('update', (_: Uint8Array, origin: unknown) => {
      if (origin !== provider && origin !== persistence && !provider?.wsconnected && !unsentSinceDisconnect) {
        unsentSinceDisconnect = true;
        reports.changedOffline();
      }
    });
  }
  const presence = presenceWriter(awareness);
  // What this tab selects, edits and drags is part of its presence.
  const unsubscribeSession = store.subscribe((s, prev) => {
    const a = s.session;
    const b = prev.session;
    if (a.selection !== b.selection || a.editing !== b.editing || a.drag !== b.drag || a.viewing !== b.viewing) {
      // Cards selected in a version shown from the history are no selection on the live map.
      presence({ selection: a.viewing ? [] : a.selection, editing: a.editing, drag: a.drag ? Object.fromEntries(a.drag) : null });
    }
    if (a.participantId !== b.participantId) presence({ participantId: a.participantId, role: a.role === 'edit' ? 'edit' : 'view' });
    if (a.asking !== b.asking) presence({ ask: a.asking === null ? null : { at: a.asking } });
  });
  presence({ participantId: store.getState().session.participantId, role: edits ? 'edit' : 'view' });
  // This browser's copy read: a map newer than this app (a newer tab of this browser stored it) makes
  // the tab outdated without asking the server; else it connects. A map kept only in this browser
  // has no server to migrate it: it is migrated here (under MIGRATION, never undoable).
  void persistence.whenSynced.then(() => {
    if (destroyed) return;
    if (docVersion(doc) > SCHEMA_VERSION) return goOutdated(null);
    if (provider) provider.connect();
    else if (docVersion(doc) < SCHEMA_VERSION && doc.getMap('meta').size > 0) migrateDoc(doc);
  });
  // And if a newer version arrives later (from another tab of this browser, say).
  const unsubscribeVersion = store.subscribe((s, prev) => {
    if (s.journey.meta !== prev.journey.meta && s.journey.meta.schemaVersion > SCHEMA_VERSION) goOutdated(null);
  });
  const goOffline = () => entry.key && reports.setConnection('offline');
  window.addEventListener('offline', goOffline);

  return {
    id,
    clientId: doc.clientID,
    store,
    // While a version from the history is shown, no command reaches the live map either.
    actions: !edits ? readOnlyActions(createActions(doc, undo)) : whileWritable(createActions(doc, undo), () => !outdated && !store.getState().session.viewing),
    presence,
    workshop,
    comments,
    hasUnsent: () => unsentSinceDisconnect || (provider?.ws?.bufferedAmount ?? 0) > 0 || !saves.saved(),
    ready: persistence.whenSynced.then(() => undefined),
    onMetaChange: (listener) =>
      store.subscribe((s, prev) => {
        if (s.journey.meta !== prev.journey.meta) listener(s.journey.meta);
      }),
    destroy: () => {
      destroyed = true;
      unsubscribeVersion();
      window.removeEventListener('offline', goOffline);
      unsubscribeSession();
      unbind();
      unbindAwareness();
      unbindVoc();
      unbindWorkshop();
      workshop.destroy();
      comments.destroy();
      undo.destroy();
      provider?.destroy();
      awareness.destroy();
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
export async function createStoredMap(id: string, journey: Journey, survey?: MapSurvey): Promise<void> {
  const doc = new Y.Doc();
  writeJourney(doc, journey, SEED);
  // A map file's survey figures and comments (none from a template).
  if (survey) doc.transact(() => writeFileSurvey(doc, survey), SEED);
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
