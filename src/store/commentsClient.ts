// What the read model holds of the map's comments (`store.comments`, written only by the comments
// client, src/app/commentsClient.ts) and what the panels and the canvas may ask of that client.
// Comments are no part of the map's document: the server is their one writer (docs/api.md,
// "Comments"), so they come in through HTTP and a nudge on the sync socket, not through the Y.Doc.
import type { CommentTarget } from '../journey/comments';
import type { ShownThread } from '../journey/commentView';

export interface CommentsView {
  /** A list was read (from the server, or this browser's copy of the last one). */
  loaded: boolean;
  /** The threads with this browser's unsent writes laid over (src/journey/commentView.ts). */
  threads: readonly ShownThread[];
  /** Open threads per card id and stage id (the count on the map). */
  open: ReadonlyMap<string, number>;
  /** The threads with comments by others this person has not read. */
  unread: ReadonlySet<string>;
  /** This tab may write comments: an edit or comment link, or a view link when the owner allows it. */
  canWrite: boolean;
  /** This tab may resolve and reopen threads (an edit link). */
  canResolve: boolean;
  /** Writes wait in this browser because the server could not be reached ("not sent yet"). */
  waiting: boolean;
  /** The last write the server refused (it was taken back): the panel says why. */
  error: Error | null;
  /** The last comments from others that arrived while this tab was open (`seq` counts arrivals), for announcing. */
  news: { seq: number; items: readonly { authorName: string; target: CommentTarget }[] };
}

export const NO_COMMENTS: CommentsView = {
  loaded: false,
  threads: [],
  open: new Map(),
  unread: new Set(),
  canWrite: false,
  canResolve: false,
  waiting: false,
  error: null,
  news: { seq: 0, items: [] },
};

export interface CommentsClient {
  /** Starts a thread on `target` with its first comment (shown at once, sent when it can be); its id. */
  startThread(target: CommentTarget, text: string, mentions: readonly string[]): string;
  reply(threadId: string, text: string, mentions: readonly string[]): void;
  /** Changes one's own comment. */
  edit(commentId: string, text: string, mentions: readonly string[]): void;
  /** Deletes one's own comment (it keeps its place in its thread). */
  remove(commentId: string): void;
  resolve(threadId: string): void;
  reopen(threadId: string): void;
  /** This person has read the thread as it is now. */
  markRead(threadId: string): void;
  dismissError(): void;
}
