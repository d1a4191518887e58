// The web app's files and odd requests: the built app is served from its folder and nothing outside
// it, and requests with a malformed address are answered instead of taking the server down.
import { mkdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, removeTempDirs, startTestServer, tempDir, type TestServer } from './testing/harness';

let server: TestServer;
let dist: string;

beforeAll(async () => {
  const parent = tempDir('touchpoint-static-');
  dist = join(parent, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>the app</title>');
  writeFileSync(join(dist, 'assets', 'main-abc123.js'), 'console.log(1)');
  writeFileSync(join(dist, 'sw.js'), 'self');
  // A sibling folder whose name starts like the app's: it must stay private.
  mkdirSync(join(parent, 'dist-private'));
  writeFileSync(join(parent, 'dist-private', 'secret.txt'), 'SECRET');
  writeFileSync(join(parent, 'secret.txt'), 'SECRET');
  server = await startTestServer({ distDir: dist });
});
afterAll(async () => {
  await server.shutdown();
  removeTempDirs();
});

/** Sends a request exactly as written (no client fixing up the address) and returns the status line. */
function rawRequest(target: string): Promise<string> {
  return new Promise((done, fail) => {
    const socket = connect(server.port, '127.0.0.1', () => socket.write(`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`));
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString()));
    socket.on('close', () => done(data.split('\r\n')[0] ?? ''));
    socket.on('error', fail);
  });
}

describe('the web app', () => {
  it('serves index.html for any route, hashed assets cached for good and the rest revalidated', async () => {
    const route = await fetch(`${server.http}/map/abc`);
    expect(route.status).toBe(200);
    expect(route.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(route.headers.get('cache-control')).toBe('no-cache');
    expect(await route.text()).toContain('the app');

    const asset = await fetch(`${server.http}/assets/main-abc123.js`);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await asset.text()).toBe('console.log(1)');

    const sw = await fetch(`${server.http}/sw.js`);
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    const head = await fetch(`${server.http}/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2Fsecret.txt',
    '/%2F..%2Fdist-private%2Fsecret.txt',
    '/..%2Fdist-private%2Fsecret.txt',
  ])('never serves a file outside the app folder (%s)', async (target) => {
    const status = await rawRequest(target);
    expect(status).toBe('HTTP/1.1 200 OK');
    const res = await fetch(`${server.http}${target}`);
    expect(await res.text()).not.toContain('SECRET');
  });
});

describe('malformed requests', () => {
  it('a malformed escape in the path is answered, and the server keeps running', async () => {
    expect(await rawRequest('/%zz')).toBe('HTTP/1.1 200 OK');
    expect(await rawRequest('/assets/%E0%A4%A')).toBe('HTTP/1.1 200 OK');
    expect((await api(server.http, '/healthz')).status).toBe(200);
  });

  it('a request target that is not a URL gets 400, and the server keeps running', async () => {
    expect(await rawRequest('//[')).toBe('HTTP/1.1 400 Bad Request');
    expect((await api(server.http, '/healthz')).status).toBe(200);
  });
});
