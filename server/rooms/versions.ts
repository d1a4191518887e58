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
// With several instances, every room of the map follows every edit (its own clients' and, through
// the bus, the others': their writers are named from their presence, which crosses instances too),
// so each would keep the same version. The first whose timer fires keeps it and says so on the bus
// (`version`); the others, hearing it, count those edits as kept. Their quiet timers are spread by a
// random delay of up to a quarter of `versionQuietMs` (2 s at most), so that one fires first.
//
// Cost on the event loop: one Y.encodeStateAsUpdate of the document in memory (3-5 ms for a
// 1,000-card map here; bench/versions.ts); the store checksums and writes a large state in its
// worker thread, and thins there in the same transaction.
import { randomBytes } from 'node:crypto';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { LocalBus, type Bus } from '../bus/bus';
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
  /** This instance's own clients changed something since the last version (kept when the room unloads). */
  private ownDirty = false;
  /** Client ids of other instances' writers not named yet (their presence had not arrived). */
  private unnamedIds = new Set<number>();
  /** Added to the quiet delay: one instance's timer fires first. */
  private readonly spread: number;
  private firstChangeAt = 0;
  private lastChangeAt = 0;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** The names of those who edited since the last version, in the order they first did. */
  private names = new Set<string>();
  /** Connections that edited before the room knew their name (their presence came later). */
  private unnamed = new Set<Editor>();
  private readonly onPresence = () => {
    if (this.unnamed.size || this.unnamedIds.size) this.nameEditors();
  };

  constructor(
    private readonly mapId: string,
    private readonly doc: Y.Doc,
    private readonly awareness: Awareness,
    private readonly store: DocStore,
    private readonly limits: Limits,
    private readonly bus: Bus = new LocalBus(),
  ) {
    awareness.on('update', this.onPresence);
    this.spread = bus instanceof LocalBus ? 0 : Math.random() * Math.min(limits.versionQuietMs / 4, 2_000);
  }

  /** The room applied a change: `editor` is the connection whose update it was (null: the server's own). */
  changed(editor: Editor | null): void {
    this.touched();
    this.ownDirty = true;
    if (editor && !this.unnamed.has(editor)) {
      const name = this.nameOf(editor);
      if (name) this.names.add(name);
      else this.unnamed.add(editor);
    }
    this.schedule();
  }

  /** Another instance's client made this update (heard on the bus): named by its Yjs client ids. */
  changedElsewhere(update: Uint8Array): void {
    this.touched();
    for (const client of Y.parseUpdateMeta(update).from.keys()) {
      const name = displayName(this.awareness.getStates().get(client));
      if (name) this.names.add(name);
      else this.unnamedIds.add(client);
    }
    this.schedule();
  }

  /** Another instance kept a version at `at`: the edits seen up to then are in it. */
  keptElsewhere(at: number): void {
    if (!this.dirty || this.lastChangeAt > at) return;
    this.dirty = false;
    this.ownDirty = false;
    this.names = new Set();
    this.unnamed = new Set();
    this.unnamedIds = new Set();
    this.clearTimer();
  }

  private touched(): void {
    const now = Date.now();
    if (!this.dirty) {
      this.dirty = true;
      this.firstChangeAt = now;
    }
    this.lastChangeAt = now;
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
    const held = { dirty: this.dirty, ownDirty: this.ownDirty, names: this.names, unnamed: this.unnamed, unnamedIds: this.unnamedIds };
    this.dirty = false;
    this.ownDirty = false;
    this.names = new Set();
    this.unnamed = new Set();
    this.unnamedIds = new Set();
    this.clearTimer();
    const version = { id: newVersionId(), createdAt: Date.now(), name, kind, reason, editors: [...held.names], cards, state };
    try {
      await this.store.addVersion(this.mapId, version);
    } catch (error) {
      if (held.dirty) {
        // Tried again once edits have been quiet for a while from now (not at once: the store is failing).
        this.dirty = true;
        this.ownDirty ||= held.ownDirty;
        this.firstChangeAt = this.lastChangeAt = Date.now();
      }
      this.names = new Set([...held.names, ...this.names]);
      this.unnamed = new Set([...held.unnamed, ...this.unnamed]);
      this.unnamedIds = new Set([...held.unnamedIds, ...this.unnamedIds]);
      this.schedule();
      throw error;
    }
    this.bus.publish(this.mapId, { type: 'version', from: this.bus.instanceId, at: version.createdAt });
    const { state: _, ...info } = version;
    return { ...info, bytes: state.byteLength };
  }

  /** Keeps a version now if this instance's clients changed anything since the last one (the room
   * unloads, the server stops; other instances' edits are theirs to keep). */
  async settle(): Promise<void> {
    if (this.ownDirty) await this.take('auto', 'quiet');
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
    for (const client of this.unnamedIds) {
      const name = displayName(this.awareness.getStates().get(client));
      if (!name) continue;
      this.names.add(name);
      this.unnamedIds.delete(client);
    }
  }

  /** When the next automatic version is due: after a pause, or `versionEveryMs` into a long stretch. */
  private dueAt(): number {
    const { versionQuietMs: quiet, versionEveryMs: every } = this.limits;
    return Math.min(quiet > 0 ? this.lastChangeAt + quiet + this.spread : Infinity, every > 0 ? this.firstChangeAt + every + this.spread : Infinity);
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
    const reason: VersionReason | null =
      every > 0 && now >= this.firstChangeAt + every + this.spread ? 'interval' : quiet > 0 && now >= this.lastChangeAt + quiet + this.spread ? 'quiet' : null;
    if (!reason) return this.schedule();
    this.take('auto', reason).catch((error: unknown) => console.error(`map ${this.mapId}: an automatic version could not be kept (tried again later):`, error));
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
