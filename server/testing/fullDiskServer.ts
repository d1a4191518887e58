// The server as `npm start` runs it, on a store that fails every write of a map update as SQLite does
// on a full disk while the file FULL_FLAG exists (not shipped): for the kill -9 test where the tests
// cannot mount a small filesystem to fill (not root). DATA_DIR, DIST_DIR, PORT, HOST as for main.ts.
import { join, resolve } from 'node:path';
import { startServer } from '../app';
import { openSqliteStore } from '../store/sqlite';
import { failWhileFull } from './fullDisk';

const dataDir = resolve(process.env.DATA_DIR ?? 'data');
const host = process.env.HOST ?? '127.0.0.1';
const server = await startServer({
  port: Number(process.env.PORT ?? 0),
  host,
  dataDir,
  distDir: resolve(process.env.DIST_DIR ?? 'dist'),
  store: failWhileFull(openSqliteStore(join(dataDir, 'touchpoint.sqlite')), process.env.FULL_FLAG ?? join(dataDir, 'full')),
});
console.log(`Touchpoint is running at http://${host}:${server.port}/`);
process.on('SIGTERM', () => {
  server.shutdown().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
