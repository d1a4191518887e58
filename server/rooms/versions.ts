// A room's versions (issue 13; docs/api.md, "Versions"): the room tells this of every change it
// applies, and this keeps a version of the map in the store
//   - when the edits pause for `versionQuietMs` ("quiet"),
//   - when they go on without such a pause, `versionEveryMs` after the first edit since the last
//     version ("interval"), so a long session still has its steps,
//   - when the room unloads or the server stops with changes not yet in a version ("quiet": the
//     edits have stopped, and the room's memory of them goes),
//   - and when asked (the API: a named version, or one before a replace or a restore);
// never when nothing changed since the last one. With each goes who edited since the last: the
// display names (`name` in the awareness state, as src/doc/presence.ts writes it; `user.name` as
// other Yjs clients do) of the connections whose updates the room applied.
//
// Cost on the event loop: one Y.encodeStateAsUpdate of the document in memory (3-5 ms for a
// 1,000-card map here; bench/versions.ts); the store checksums and writes a large state in its
// worker thread, and thins there in the same transaction.
import { randomBytes } from 'node:crypto';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Limits } from '../limits';
import type { DocStore, VersionInfo, VersionKind, VersionReason } from '../store/DocStore';

/** A connection as the room knows it: the awareness client id it speaks for, once it said. */
export interface Editor {
  readonly presenceId?: number | null;
}

/** Display names are cut to this many characters (as the app shows them, src/doc/presence.ts). */
const MAX_NAME = 60;

export const newVersionId = (): string => randomBytes(9).toString('base64url');

/** The display name in an awareness state, if it has one. */
export function displayName(state: unknown): string | null {
  if (!state || typeof state !== 'object') return null;
  const s = state as { name?: unknown; user?: { name?: unknown } };
  const name = typeof s.name === 'string' ? s.name : typeof s.user?.name === 'string' ? s.user.name : '';
  return name.trim().slice(0, MAX_NAME) || null;
}

export class RoomVersions {
  /** Something changed since the last version. */
  private dirty = false;
  private firstChangeAt = 0;
  private lastChangeAt = 0;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** The names of those who edited since the last version, in the order they first did. */
  private names = new Set<string>();
  /** Connections that edited before the room knew their name (their presence came later). */
  private unnamed = new Set<Editor>();
  private readonly onPresence = () => {
    if (this.unnamed.size) this.nameEditors();
  };

  constructor(
    private readonly mapId: string,
    private readonly doc: Y.Doc,
    private readonly awareness: Awareness,
    private readonly store: DocStore,
    private readonly limits: Limits,
  ) {
    awareness.on('update', this.onPresence);
  }

  /** The room applied a change: `editor` is the connection whose update it was (null: the server's own). */
  changed(editor: Editor | null): void {
    const now = Date.now();
    if (!this.dirty) {
      this.dirty = true;
      this.firstChangeAt = now;
    }
    this.lastChangeAt = now;
    if (editor && !this.unnamed.has(editor)) {
      const name = this.nameOf(editor);
      if (name) this.names.add(name);
      else this.unnamed.add(editor);
    }
    this.schedule();
  }

  /** Whether something changed since the last version. */
  get changedSince(): boolean {
    return this.dirty;
  }

  /**
   * Keeps a version of the map as it is now, with who edited since the last one. What changes
   * after this call belongs to the next version. If the store cannot keep it, what it held counts
   * for the next one, and this rejects.
   */
  async take(kind: VersionKind, reason: VersionReason, name: string | null = null): Promise<VersionInfo> {
    const state = Y.encodeStateAsUpdate(this.doc);
    const cards = this.doc.getMap('cards').size;
    this.nameEditors();
    const held = { dirty: this.dirty, names: this.names, unnamed: this.unnamed };
    this.dirty = false;
    this.names = new Set();
    this.unnamed = new Set();
    this.clearTimer();
    const version = { id: newVersionId(), createdAt: Date.now(), name, kind, reason, editors: [...held.names], cards, state };
    try {
      await this.store.addVersion(this.mapId, version);
    } catch (error) {
      if (held.dirty) {
        // Tried again once edits have been quiet for a while from now (not at once: the store is failing).
        this.dirty = true;
        this.firstChangeAt = this.lastChangeAt = Date.now();
      }
      this.names = new Set([...held.names, ...this.names]);
      this.unnamed = new Set([...held.unnamed, ...this.unnamed]);
      this.schedule();
      throw error;
    }
    const { state: _, ...info } = version;
    return { ...info, bytes: state.byteLength };
  }

  /** Keeps a version now if anything changed since the last one (the room unloads, the server stops). */
  async settle(): Promise<void> {
    if (this.dirty) await this.take('auto', 'quiet');
  }

  /** No more automatic versions (the room is going away). */
  stop(): void {
    this.stopped = true;
    this.clearTimer();
    this.awareness.off('update', this.onPresence);
  }

  private nameOf(editor: Editor): string | null {
    const id = editor.presenceId;
    return id === null || id === undefined ? null : displayName(this.awareness.getStates().get(id));
  }

  private nameEditors(): void {
    for (const editor of this.unnamed) {
      const name = this.nameOf(editor);
      if (!name) continue;
      this.names.add(name);
      this.unnamed.delete(editor);
    }
  }

  /** When the next automatic version is due: after a pause, or `versionEveryMs` into a long stretch. */
  private dueAt(): number {
    const { versionQuietMs: quiet, versionEveryMs: every } = this.limits;
    return Math.min(quiet > 0 ? this.lastChangeAt + quiet : Infinity, every > 0 ? this.firstChangeAt + every : Infinity);
  }

  /** One timer, set for the earliest moment a version may be due; edits in between do not move it
   * (no timer per keystroke): when it fires, it looks again. */
  private schedule(): void {
    if (this.timer || this.stopped || !this.dirty) return;
    const due = this.dueAt();
    if (due === Infinity) return;
    this.timer = setTimeout(() => this.tick(), Math.max(0, due - Date.now()));
  }

  private tick(): void {
    this.timer = null;
    if (!this.dirty || this.stopped) return;
    const now = Date.now();
    const { versionQuietMs: quiet, versionEveryMs: every } = this.limits;
    const reason: VersionReason | null = every > 0 && now >= this.firstChangeAt + every ? 'interval' : quiet > 0 && now >= this.lastChangeAt + quiet ? 'quiet' : null;
    if (!reason) return this.schedule();
    this.take('auto', reason).catch((error: unknown) => console.error(`map ${this.mapId}: an automatic version could not be kept (tried again later):`, error));
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
