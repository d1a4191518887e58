// Starts Touchpoint: `npm start` (after the web app is built). PORT (8080), HOST (127.0.0.1;
// 0.0.0.0 opens it to a room of laptops), DATA_DIR (./data, one SQLite file); or, for several
// instances behind a load balancer, DATABASE_URL and REDIS_URL (scaleOut.ts, docs/deploy.md).
import { existsSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join, resolve } from 'node:path';
import { startServer } from './app';
import { stopOnSignals } from './shutdown';
import { limitsFromEnv } from './limits';
import { ConfigurationError, scaleOutFromEnv, type ScaleOut } from './scaleOut';

const distDir = resolve(process.env.DIST_DIR ?? 'dist');
if (!existsSync(join(distDir, 'index.html'))) {
  console.error(`No built app in ${distDir}: run "npm run build" first (npm start does this).`);
  process.exit(1);
}

const host = process.env.HOST ?? '127.0.0.1';
const on = (name: string) => ['1', 'true', 'yes'].includes((process.env[name] ?? '').toLowerCase());
let limits;
try {
  // MAPS_PER_MINUTE_PER_ADDRESS, MAX_MAPS (README, "Run it"); VERSION_QUIET_MS, VERSION_EVERY_MS (docs/api.md, "Versions").
  limits = limitsFromEnv(process.env);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
let scaleOut: ScaleOut | null;
try {
  scaleOut = await scaleOutFromEnv(process.env);
} catch (error) {
  console.error(error instanceof ConfigurationError ? error.message : `Cannot start: ${(error as Error).message}`);
  process.exit(1);
}
if (scaleOut) console.log(`Scale-out mode: ${scaleOut.describe}`);
const server = await startServer({
  port: Number(process.env.PORT ?? 8080),
  host,
  dataDir: resolve(process.env.DATA_DIR ?? 'data'),
  distDir,
  limits,
  serveSourceMaps: on('SERVE_SOURCE_MAPS'),
  trustProxy: on('TRUST_PROXY'),
  ...(scaleOut && { store: scaleOut.store, bus: scaleOut.bus }),
});
const everywhere = host === '0.0.0.0' || host === '::';
const urlHost = everywhere ? 'localhost' : host.includes(':') ? `[${host}]` : host;
console.log(`Touchpoint is running at http://${urlHost}:${server.port}/`);
if (everywhere) {
  // What the others in the workshop type in: this machine's addresses on the room's network.
  const addresses = Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .filter((a) => a.family === 'IPv4' && !a.internal)
    .map((a) => a.address);
  if (addresses.length) {
    console.log('Other laptops and phones in the room open:');
    for (const address of addresses) console.log(`  http://${address}:${server.port}/`);
  } else {
    console.log(`No network address yet: once this computer joins the room's network, others open http://<its address>:${server.port}/`);
  }
} else if (host === 'localhost' || host === '::1' || host.startsWith('127.')) {
  console.log('Only this computer can open it; `HOST=0.0.0.0 npm start` opens it to the other laptops and phones in the room.');
}

stopOnSignals(server);
