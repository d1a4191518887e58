// Starts Touchpoint: `npm start` (after the web app is built). PORT (8080), HOST (127.0.0.1;
// 0.0.0.0 opens it to a room of laptops), DATA_DIR (./data, one SQLite file).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startServer } from './app';

const distDir = resolve(process.env.DIST_DIR ?? 'dist');
if (!existsSync(join(distDir, 'index.html'))) {
  console.error(`No built app in ${distDir}: run "npm run build" first (npm start does this).`);
  process.exit(1);
}

const host = process.env.HOST ?? '127.0.0.1';
const server = await startServer({
  port: Number(process.env.PORT ?? 8080),
  host,
  dataDir: resolve(process.env.DATA_DIR ?? 'data'),
  distDir,
});
console.log(`Touchpoint is running at http://${host === '0.0.0.0' ? 'localhost' : host}:${server.port}/`);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: saving every map and closing…`);
  // Whatever happens, exit within 10 s.
  setTimeout(() => process.exit(1), 10_000).unref();
  server.shutdown().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error('shutdown failed:', error);
      process.exit(1);
    },
  );
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
