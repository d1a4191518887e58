// The local cluster (what `npm run cluster` and the fault tests run on): three instances over a
// private PostgreSQL and Redis behind the round-robin proxy. A map made through the proxy is there on
// every instance; an instance killed with SIGKILL costs the proxy's clients nothing, and it comes
// back on its own port.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from './cluster';

let cluster: Cluster;
beforeAll(async () => {
  cluster = await startCluster({ heartbeatMs: 200 });
}, 60_000);
afterAll(() => cluster?.stop(), 30_000);

/** A GET on a new connection each time (as a fresh browser tab would), so that every request goes
 * through the proxy's choice of instance. */
function get(base: string, path: string, key?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((done, fail) => {
    const req = request(`${base}${path}`, { agent: false, headers: key ? { authorization: `Bearer ${key}` } : {} }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => done({ status: res.statusCode!, body: text ? JSON.parse(text) : {} }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end();
  });
}

async function createMap(base: string): Promise<{ id: string; editKey: string }> {
  const res = await fetch(`${base}/api/maps`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ template: 'currentJourney' }) });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; editKey: string };
}

/** The map as an instance reads it from the store (the export loads the document). */
async function journeyOn(base: string, map: { id: string; editKey: string }): Promise<{ meta: { title: string } }> {
  const res = await get(base, `/api/maps/${map.id}/export.json`, map.editKey);
  expect(res.status, `export from ${base}`).toBe(200);
  return res.body.journey as { meta: { title: string } };
}

describe('a local cluster of three instances', () => {
  it('a map created through the proxy is read by every instance from the shared store', async () => {
    const map = await createMap(cluster.proxyUrl);
    const journeys = [];
    for (const instance of cluster.instances) {
      expect((await get(instance.url, `/api/maps/${map.id}`, map.editKey)).body.role, `instance ${instance.name}`).toBe('edit');
      journeys.push(await journeyOn(instance.url, map));
    }
    expect(journeys[0]!.meta.title).toBeTruthy();
    for (const journey of journeys.slice(1)) expect(journey).toEqual(journeys[0]);
  });

  it('an instance killed with SIGKILL: the proxy sends its requests to the others, and it restarts on its own port', async () => {
    const map = await createMap(cluster.proxyUrl);
    const victim = cluster.instances[0]!;
    const { port, pid } = victim;
    await victim.kill();
    expect(victim.pid).toBeNull();
    await expect(get(victim.url, '/readyz')).rejects.toThrow(/ECONNREFUSED/);

    // Six new connections: two rounds of the proxy, each passing the dead instance once.
    const started = Date.now();
    for (let i = 0; i < 6; i++) expect((await get(cluster.proxyUrl, `/api/maps/${map.id}`, map.editKey)).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(5_000);

    await victim.start();
    expect(victim.port).toBe(port);
    expect(victim.pid).not.toBe(pid);
    expect((await get(victim.url, '/readyz')).body.ready).toBe(true);
    expect((await get(victim.url, `/api/maps/${map.id}`, map.editKey)).status).toBe(200);
    expect(victim.output).toContain('started again');
  });
});
