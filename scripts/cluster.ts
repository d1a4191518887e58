// `npm run cluster`: Touchpoint as several servers would run it, on this machine, for trying it
// (docs/deploy.md): a private PostgreSQL and Redis from the machine's own packages, three instances
// of the server over them, and a round-robin proxy in front on PORT (8080) standing in for the load
// balancer. The maps live in a temporary folder and go when it stops (Ctrl+C). It builds nothing:
// the web app must be built already (npm run build).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startCluster } from '../server/cluster/cluster';

const distDir = resolve('dist');
if (!existsSync(join(distDir, 'index.html'))) {
  console.error(`No built app in ${distDir}: run "npm run build" first.`);
  process.exit(1);
}
const port = Number(process.env.PORT ?? 8080);

console.log('Starting PostgreSQL, Redis and three Touchpoint instances…');
const cluster = await startCluster({ distDir, log: true, proxyPort: port }).catch((error: unknown) => {
  console.error(`The cluster did not start: ${(error as Error).message}`);
  process.exit(1);
});
console.log(`
Touchpoint runs on three instances behind a round-robin proxy: open ${cluster.proxyUrl}/
${cluster.instances.map((instance) => `  instance ${instance.name}: ${instance.url}/  (readiness: ${instance.url}/readyz, pid ${instance.pid})`).join('\n')}
  PostgreSQL: ${cluster.postgresUrl}
  Redis:      ${cluster.redisUrl}
The maps are kept in a temporary folder and are gone when this stops. Ctrl+C stops everything.
`);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping the instances, the proxy, Redis and PostgreSQL…`);
  cluster.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error('stopping failed:', error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
