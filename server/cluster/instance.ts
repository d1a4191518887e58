// One instance of a local cluster (cluster.ts starts each as its own process, so that a test can kill
// -9 it): the server of `npm start` in scale-out mode, as main.ts runs it, with what tests tune
// besides the environment. Env: PORT, HOST, DIST_DIR, DATA_DIR (unused in scale-out mode, but the
// server takes one), DATABASE_URL and REDIS_URL, and TOUCHPOINT_INSTANCE_OPTIONS (instanceOptions.ts). It opens the PostgreSQL store and the Redis bus itself (the functions
// scaleOut.ts calls) because the bus's heartbeat is not an environment setting. SIGTERM and SIGINT
// save every map and exit, as main.ts does; so does the end of its stdin, the pipe from the process
// that started it, so that no instance outlives the cluster (even one whose parent was killed).
import { resolve } from 'node:path';
import { startServer } from '../app';
import { stopOnSignals } from '../shutdown';
import { openRedisBus } from '../bus/redis';
import { openPostgresStore } from '../store/postgres/store';
import { OPTIONS_VARIABLE, type InstanceOptions } from './instanceOptions';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) {
    console.error(`${name} is not set: a cluster instance needs PORT, DATABASE_URL, REDIS_URL, DIST_DIR and DATA_DIR.`);
    process.exit(1);
  }
  return value;
};

const options = JSON.parse(process.env[OPTIONS_VARIABLE] || '{}') as InstanceOptions;
const store = await openPostgresStore(env('DATABASE_URL'));
const bus = await openRedisBus(env('REDIS_URL'), { ...(options.heartbeatMs !== undefined && { heartbeatMs: options.heartbeatMs }) });
const host = process.env.HOST ?? '127.0.0.1';
const server = await startServer({
  port: Number(env('PORT')),
  host,
  dataDir: resolve(env('DATA_DIR')),
  distDir: resolve(env('DIST_DIR')),
  ...(options.limits && { limits: options.limits }),
  store,
  bus,
});
console.log(`instance ${bus.instanceId} is running at http://${host}:${server.port}/`);

const stop = stopOnSignals(server);
process.stdin.on('end', () => stop('the cluster is gone'));
process.stdin.resume();
