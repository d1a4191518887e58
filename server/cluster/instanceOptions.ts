// What a cluster instance (instance.ts) is told besides the server's usual environment: settings that
// tests tune and `npm start` does not take from the environment. cluster.ts writes them as JSON into
// one environment variable of each instance it starts.
import type { Limits } from '../limits';

export interface InstanceOptions {
  limits?: Partial<Limits>;
  /** The Redis bus heartbeat (server/bus/redis.ts; default 1 s). */
  heartbeatMs?: number;
}

export const OPTIONS_VARIABLE = 'TOUCHPOINT_INSTANCE_OPTIONS';
