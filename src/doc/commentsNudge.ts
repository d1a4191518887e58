// The server's word that a map's comments changed (docs/api.md, "Comments"): comments live on the
// server, not in the map's Y.Doc, and after each change the server sends every connection of the map
// that speaks a Touchpoint subprotocol the sync message `102, varUint rev`; the app then fetches the
// comments again (`GET /api/maps/:id/comments?since=<its rev>`). Shared by the server and the app.
// The stock y-websocket client offers no such protocol and is never sent one (it would log "Unable
// to compute message" for a type it does not know).
import * as decoding from 'lib0/decoding';
import { SAVE_PROTOCOL, uintMessage } from './saveStatus';

/** Offered beside `key.<key>` in Sec-WebSocket-Protocol: "send me message 102". */
export const COMMENTS_PROTOCOL = 'tp.comments.1';

/** `102, varUint rev`: the map's comments are at revision `rev` now. */
export const MESSAGE_COMMENTS = 102;

export const commentsMessage = (rev: number): Uint8Array => uintMessage(MESSAGE_COMMENTS, rev);

/** The revision of a comments message (undefined for any other message). */
export function readCommentsMessage(message: Uint8Array): number | undefined {
  const d = decoding.createDecoder(message);
  return decoding.readVarUint(d) === MESSAGE_COMMENTS ? decoding.readVarUint(d) : undefined;
}

/** Whether a Sec-WebSocket-Protocol header asks for message 102: it offers COMMENTS_PROTOCOL, or
 * SAVE_PROTOCOL (the app of this version offers that one too, and knows message 102). */
export function wantsCommentsNudge(header: string | undefined): boolean {
  return !!header?.split(',').some((p) => p.trim() === COMMENTS_PROTOCOL || p.trim() === SAVE_PROTOCOL);
}
