// The server's limits: what one client, one map and one process may use. Defaults suit a team
// server on a small machine; tests lower them to reach them quickly.
export interface Limits {
  /** Largest websocket message accepted; a larger one closes that socket with 4413. */
  maxFrameBytes: number;
  /** Largest stored size of one map; an update past it is refused with 4413. */
  maxDocBytes: number;
  /** Messages per second per connection (token bucket), and the burst allowed above it. */
  messagesPerSecond: number;
  messageBurst: number;
  /** Bytes waiting to be sent to one client before it counts as a slow reader and is cut off. */
  maxBufferedBytes: number;
  maxConnectionsPerMap: number;
  maxConnections: number;
  /** Document updates a view-only connection may send (they are dropped) before it is closed. */
  forbiddenWrites: number;
  /** A room with nobody in it is unloaded from memory after this long (once its data is on disk). */
  idleUnloadMs: number;
  /** Updates appended to a map's log before it is folded into a snapshot. */
  compactAfterUpdates: number;
  /** A map's room keeps an automatic version once its edits have paused this long (`VERSION_QUIET_MS`), */
  versionQuietMs: number;
  /** and, while the edits go on without such a pause, one this long after the first edit since the
   * last version (`VERSION_EVERY_MS`). 0 turns either off. */
  versionEveryMs: number;
  /** Versions one map may hold; past it, asking for another is refused (429; automatic ones are
   * still kept, and thinned). */
  maxVersionsPerMap: number;
  /** Largest JSON body of an API request. */
  maxRequestBytes: number;
  /** While the store cannot save (a full disk), bytes of accepted updates this process holds in
   * memory for all maps; past it, a write that would add more is refused with 4507. */
  maxUnsavedBytes: number;
  /** While the store cannot save, a room tries again after this long, doubling up to the maximum. */
  saveRetryMinMs: number;
  saveRetryMaxMs: number;
  /** With several instances (a shared bus): how often a room compares the store's head of its map
   * with what it holds, to catch updates whose bus messages were lost; and how long a hole in the
   * seqs it heard may stay before it is read from the store (rooms/sharedLog.ts). */
  headCheckMs: number;
  gapWaitMs: number;
  /** Maps one address may create per minute (POST /api/maps and duplicates; a token bucket that
   * holds this many and refills at this rate), else 429. `MAPS_PER_MINUTE_PER_ADDRESS`. */
  mapsPerMinutePerAddress: number;
  /** Maps this server may hold in all; creating one more is refused with 507. `MAX_MAPS`. */
  maxMaps: number;
  /** Sync sockets from one address whose map and key are being checked, or that are being refused
   * (their close handshake): one more is refused with 4503, and past twice this many a new one is
   * dropped unanswered. The same for the whole process in `maxUnverified`. */
  maxUnverifiedPerAddress: number;
  maxUnverified: number;
  /** Sync sockets from one address in any state (being checked, refused or open); one more is
   * refused with 4503. (`maxConnections` counts every socket of the process the same way.) */
  maxConnectionsPerAddress: number;
  /** A socket whose map and key take longer than this to check is refused with 4503. */
  keyCheckTimeoutMs: number;
  /** A refused socket is cut off if its close handshake has not completed within this. */
  refusalCloseMs: number;
  /** Largest presence (awareness) message; a larger one closes the socket with 4413. */
  maxPresenceBytes: number;
  /** Presence bytes one connection may send per second (a token bucket holding two seconds' worth,
   * at least two of the largest messages); past it, 4529. */
  presenceBytesPerSecond: number;
  /** Presence bytes one map sends out per second, each change counted once per recipient: past it,
   * changes wait their turn (oldest first; a client's newer state replaces the one it had waiting). */
  mapPresenceBytesPerSecond: number;
  /** Presence changes are gathered for this long and sent out as one message. */
  presenceFlushMs: number;
  /** Nobody is sent their own presence back; a connection that sends presence and has been sent
   * nothing for this long is sent an empty presence message instead, a sign of life (the stock
   * client renews its presence every 15 s and drops a connection that has been silent for 30 s). */
  presenceKeepaliveMs: number;
  /** Comment threads one map may hold (429 past it), comments in one thread, and comments on one
   * map in all (so that a widely shared comment link cannot fill the disk: 20,000 comments of at
   * most 4,000 characters are at most 240 MB). */
  maxCommentThreads: number;
  maxCommentsPerThread: number;
  maxCommentsPerMap: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxFrameBytes: 8 * 1024 * 1024,
  maxDocBytes: 64 * 1024 * 1024,
  messagesPerSecond: 200,
  messageBurst: 1000,
  maxBufferedBytes: 32 * 1024 * 1024,
  maxConnectionsPerMap: 500,
  maxConnections: 5000,
  forbiddenWrites: 20,
  idleUnloadMs: 30_000,
  compactAfterUpdates: 1000,
  versionQuietMs: 120_000,
  versionEveryMs: 30 * 60_000,
  maxVersionsPerMap: 1000,
  maxRequestBytes: 16 * 1024 * 1024,
  maxUnsavedBytes: 64 * 1024 * 1024,
  saveRetryMinMs: 250,
  // Retries every 2 s at most: a store back after an outage has everything within seconds.
  saveRetryMaxMs: 2_000,
  headCheckMs: 2_000,
  gapWaitMs: 100,
  mapsPerMinutePerAddress: 30,
  maxMaps: 10_000,
  maxUnverifiedPerAddress: 32,
  maxUnverified: 1024,
  maxConnectionsPerAddress: 500,
  keyCheckTimeoutMs: 10_000,
  refusalCloseMs: 1000,
  maxPresenceBytes: 64 * 1024,
  presenceBytesPerSecond: 1024 * 1024,
  mapPresenceBytesPerSecond: 8 * 1024 * 1024,
  presenceFlushMs: 50,
  presenceKeepaliveMs: 5000,
  maxCommentThreads: 2000,
  maxCommentsPerThread: 200,
  maxCommentsPerMap: 20_000,
};

/** The limits set through the environment (`npm start`): only those given, each a whole number >= 0. */
export function limitsFromEnv(env: Record<string, string | undefined>): Partial<Limits> {
  const out: Partial<Limits> = {};
  const read = (name: string, key: 'mapsPerMinutePerAddress' | 'maxMaps' | 'versionQuietMs' | 'versionEveryMs') => {
    const raw = env[name];
    if (raw === undefined || raw === '') return;
    const value = Number(raw);
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a whole number (0 or more), not "${raw}".`);
    out[key] = value;
  };
  read('MAPS_PER_MINUTE_PER_ADDRESS', 'mapsPerMinutePerAddress');
  read('MAX_MAPS', 'maxMaps');
  read('VERSION_QUIET_MS', 'versionQuietMs');
  read('VERSION_EVERY_MS', 'versionEveryMs');
  return out;
}
