// What the main thread and a worker thread (server/work/pool.ts, worker.mjs) say to each other, and
// the tasks a worker runs, with what each takes and gives back.
import type { CompactResult, CreateMapInput } from '../store/sqliteTasks';
import type { MapRequest } from './mapRequest';
import type { AddVersionInput, CopyVersionsInput } from '../store/versionTasks';
import type { VersionStateInput, VersionStateOutput } from './versionState';
import type { FoldInput } from '../store/fold';

export interface Tasks {
  /** Folds a map's snapshot and update log into a new snapshot (server/store/sqliteTasks.ts). */
  compact: { input: { file: string; mapId: string }; output: CompactResult | null };
  /** A map's state from its snapshot and updates, for the PostgreSQL store's compaction (server/store/fold.ts). */
  foldLog: { input: FoldInput; output: Uint8Array };
  /** Writes a new map with a large first state (server/store/sqliteTasks.ts). */
  createMap: { input: CreateMapInput; output: null };
  /** Reads the body of `POST /api/maps`, building the map's first state from a map file (mapRequest.ts). */
  mapRequest: { input: { body: Uint8Array }; output: MapRequest };
  /** Keeps a large version and thins the map's others; the ids thinned away (server/store/versionTasks.ts). */
  addVersion: { input: AddVersionInput; output: string[] };
  /** Copies a map's versions to its duplicate; how many (server/store/versionTasks.ts). */
  copyVersions: { input: CopyVersionsInput; output: number };
  /** Deletes a map's versions before the map (server/store/versionTasks.ts). */
  dropVersions: { input: { file: string; mapId: string }; output: number };
  /** A version's state as a map file, or as a new map's first state (versionState.ts). */
  versionState: { input: VersionStateInput; output: VersionStateOutput };
}
export type TaskName = keyof Tasks;
export type TaskInput<T extends TaskName> = Tasks[T]['input'];
export type TaskOutput<T extends TaskName> = Tasks[T]['output'];

export type ToWorker =
  | { type: 'run'; id: number; task: TaskName; input: unknown }
  /** The write lock the task asked for is its own now. */
  | { type: 'locked'; id: number }
  /** Close the databases and end. */
  | { type: 'close' };

export type ToMain =
  /** The task asks for the database's write lock (answered with 'locked'). */
  | { type: 'lock'; id: number }
  | { type: 'unlock'; id: number }
  | { type: 'done'; id: number; value: unknown }
  | { type: 'failed'; id: number; name: string; message: string };
