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
  /** Largest JSON body of an API request. */
  maxRequestBytes: number;
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
  maxRequestBytes: 16 * 1024 * 1024,
};
