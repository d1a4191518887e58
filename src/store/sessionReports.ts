// What the world tells this tab, written into its session by the room (src/app/room.ts: the
// connection, the server's saves, the undo manager) and the workshop client
// (src/app/workshopClient.ts: this person's participant id, private cards, ballot, the server's
// clock). Named like the session actions, so that the rules stay here: a tab the server refused
// stays refused whatever the socket says next.
import type { ConnectionState, PrivateCard, Role } from './store';
import { writeSession, type StoreWriter } from './sessionActions';

export interface SessionReports {
  setRole(role: Role): void;
  setUndoState(canUndo: boolean, canRedo: boolean): void;
  /** The socket's state; ignored once the server refused this tab for good. */
  setConnection(state: Exclude<ConnectionState, 'denied' | 'local' | 'outdated'>): void;
  /** The server refused this tab for good (a 44xx close): `code` says why. */
  refused(code: number): void;
  /** The map's document is of another version than this tab's app (4426: newer, or its copy in this
   * browser says so, `code` null; 4428: the server's is older): this tab stops syncing and turns
   * read-only, as a view link is, until it is reloaded. */
  outdated(code: number | null): void;
  /** The server closed the connection for a reason worth saying (the client retries). */
  closedWithReason(code: number): void;
  /** In sync with the server again: nothing unsent, and the last close's reason is over. */
  synced(): void;
  /** A local change was made while the socket was down. */
  changedOffline(): void;
  /** Whether the server has confirmed every change of this tab is on its disk. */
  setSaved(saved: boolean): void;
  setServerCannotSave(failing: boolean): void;

  setParticipant(participantId: string): void;
  setPrivateCards(cards: readonly PrivateCard[]): void;
  /** The server's clock offset, or null when it could not be measured (this tab's own clock then). */
  setClock(offset: number | null): void;
  setBallot(cards: readonly string[]): void;
  /** The last workshop request that failed (null: the last one went through). */
  setWorkshopError(error: Error | null): void;
}

export function createSessionReports(api: StoreWriter): SessionReports {
  const write = (fields: Parameters<typeof writeSession>[1]) => writeSession(api, fields);
  // An outdated tab stays so too: only a reload (a newer app) ends it.
  const denied = () => api.getState().session.connection === 'denied' || api.getState().session.connection === 'outdated';
  return {
    setRole: (role) => write({ role }),
    setUndoState: (canUndo, canRedo) => write({ canUndo, canRedo }),
    setConnection: (connection) => {
      if (!denied()) write({ connection });
    },
    refused: (code) => write({ connection: 'denied', deniedCode: code }),
    outdated: (code) => write({ connection: 'outdated', deniedCode: code, role: 'view', editing: null, drag: null }),
    closedWithReason: (code) => {
      if (!denied()) write({ deniedCode: code });
    },
    synced: () => write(denied() ? { unsent: false } : { unsent: false, deniedCode: null }),
    changedOffline: () => write({ unsent: true }),
    setSaved: (saved) => write({ saved }),
    setServerCannotSave: (serverCannotSave) => write({ serverCannotSave }),

    setParticipant: (participantId) => write({ participantId }),
    setPrivateCards: (privateCards) => write({ privateCards }),
    setClock: (offset) => write(offset === null ? { clockKnown: true } : { clockOffset: offset, clockKnown: true }),
    setBallot: (ballot) => write({ ballot }),
    setWorkshopError: (workshopError) => write({ workshopError }),
  };
}
