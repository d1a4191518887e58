// What the history panel may ask of the server about the map's versions (docs/api.md, "Versions";
// src/app/versionsClient.ts implements it). Versions are stored and listed by the server only; a
// version opened in this tab is a read-only journey in the session (`viewVersion`), and a restore in
// place is a document command (`actions.restoreJourney`), so nothing here writes the live map.
import type { Journey } from '../journey/types';

/** Why the server took a version: edits went quiet, a long editing session, before a map file
 * replaced the map or a version was restored, or someone named it. */
export type VersionReason = 'quiet' | 'interval' | 'beforeReplace' | 'beforeRestore' | 'named';

export interface Version {
  id: string;
  /** When it was taken (ms since the epoch). */
  createdAt: number;
  /** A named version ("Q3 baseline") is kept until deleted; automatic ones are thinned with age. */
  name: string | null;
  kind: 'auto' | 'named';
  reason: VersionReason;
  /** Who edited since the previous version (display names). */
  editors: readonly string[];
  bytes: number;
  cards: number;
}

export interface VersionsClient {
  /** Newest first. */
  list(): Promise<Version[]>;
  /** A version of the map as it is now: named, or automatic with a reason (before a restore). */
  create(options: { name?: string; reason?: 'beforeRestore' | 'beforeReplace' }): Promise<Version>;
  /** Renames a version (naming an automatic one keeps it). */
  rename(id: string, name: string): Promise<void>;
  remove(id: string): Promise<void>;
  /** The map as it was in that version. */
  journey(id: string): Promise<Journey>;
  /** Makes a new map from the version and opens it in this tab. */
  openCopy(id: string): Promise<void>;
  /** The current map of the map this one was copied from (a future-state copy's current state);
   * null when it has none, or it was deleted. */
  source(): Promise<Journey | null>;
}
