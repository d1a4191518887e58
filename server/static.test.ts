// The web app on the wire: each file sent as the build compressed it (brotli or gzip, by the
// request's Accept-Encoding and its q-values), hashed assets cached for good and the page and
// service worker revalidated, source maps not served unless the setting says so, only GET and HEAD,
// and the page's security headers (a strict Content-Security-Policy, no framing, no referrer, no
// sniffing). A real server on port 0 serving a small app folder with .br/.gz files beside it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appCsp, chooseEncoding } from './http/static';
import { tempDir, testResources, type TestServer } from './testing/harness';

const PAGE = '<!doctype html><title>the app</title><script type="module" src="/assets/main-abc123.js"></script>';
const SCRIPT = `console.log(${JSON.stringify('x'.repeat(5000))});\n`;
const STYLE = 'body { color: red; }\n'.repeat(200);

const { serve, finish } = testResources();
let server: TestServer;

function app(): string {
  const dist = join(tempDir('touchpoint-wire-'), 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  const put = (file: string, text: string, compressed: boolean) => {
    writeFileSync(join(dist, file), text);
    if (!compressed) return;
    writeFileSync(join(dist, `${file}.br`), brotliCompressSync(text));
    writeFileSync(join(dist, `${file}.gz`), gzipSync(text, { level: 9 }));
  };
  put('index.html', PAGE, true);
  put('sw.js', 'self.addEventListener("fetch", () => {});\n', true);
  put('assets/main-abc123.js', SCRIPT, true);
  put('assets/main-abc123.js.map', '{"version":3,"sources":["src/main.tsx"],"mappings":""}', false);
  put('assets/main-def456.css', STYLE, true);
  // A file the build did not compress (too small, or not text): sent as it is, whatever is asked.
  put('assets/tiny-123abc.js', 'export{};', false);
  return dist;
}

beforeAll(async () => {
  const dist = app();
  server = await serve({ distDir: dist });
});
afterAll(finish);

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A request with exactly these headers (fetch would add its own Accept-Encoding and decode). */
function raw(base: string, path: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<Raw> {
  return new Promise((done, fail) => {
    const req = request(`${base}${path}`, { method: options.method ?? 'GET', headers: options.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
    req.end();
  });
}

const decode = (r: Raw) =>
  (r.headers['content-encoding'] === 'br' ? brotliDecompressSync(r.body) : r.headers['content-encoding'] === 'gzip' ? gunzipSync(r.body) : r.body).toString();

describe('compression', () => {
  it.each([
    ['gzip, deflate, br', 'br'],
    ['br;q=1.0, gzip;q=0.8, *;q=0.1', 'br'],
    ['gzip, deflate', 'gzip'],
    ['gzip;q=1, br;q=0.5', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['*', 'br'],
    ['*;q=0.5, br;q=0', 'gzip'],
    ['deflate', undefined],
    ['identity', undefined],
    ['br;q=0, gzip;q=0', undefined],
    ['', undefined],
  ])('Accept-Encoding "%s" gets %s, and the same bytes once decoded', async (accept, expected) => {
    for (const [path, text] of [
      ['/assets/main-abc123.js', SCRIPT],
      ['/assets/main-def456.css', STYLE],
      ['/', PAGE],
    ] as const) {
      const res = await raw(server.http, path, { headers: accept ? { 'accept-encoding': accept } : {} });
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBe(expected);
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      expect(Number(res.headers['content-length'])).toBe(res.body.length);
      expect(decode(res)).toBe(text);
    }
  });

  it('sends the file as it is when no Accept-Encoding is given, or when it has no compressed copy', async () => {
    const asked = await raw(server.http, '/assets/main-abc123.js', { headers: { 'accept-encoding': 'br, gzip' } });
    expect(asked.headers['content-encoding']).toBe('br');
    const res = await raw(server.http, '/assets/main-abc123.js');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.body.toString()).toBe(SCRIPT);
    const tiny = await raw(server.http, '/assets/tiny-123abc.js', { headers: { 'accept-encoding': 'br, gzip' } });
    expect(tiny.status).toBe(200);
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body.toString()).toBe('export{};');
  });

  it('the compressed answer is what a browser decodes (fetch) and is smaller on the wire', async () => {
    const res = await fetch(`${server.http}/assets/main-abc123.js`, { headers: { 'accept-encoding': 'gzip, br' } });
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(Number(res.headers.get('content-length'))).toBeLessThan(SCRIPT.length / 10);
    expect(await res.text()).toBe(SCRIPT);
  });

  it('chooseEncoding reads q-values, the wildcard and x-gzip', () => {
    expect(chooseEncoding(undefined, ['br', 'gzip'])).toBe('identity');
    expect(chooseEncoding('x-gzip', ['br', 'gzip'])).toBe('gzip');
    expect(chooseEncoding('gzip;q=0.3, identity;q=0.5', ['br', 'gzip'])).toBe('identity');
    expect(chooseEncoding('br', ['gzip'])).toBe('identity');
    expect(chooseEncoding('BR;Q=0.9, GZIP;Q=1', ['br', 'gzip'])).toBe('gzip');
    expect(chooseEncoding('br;q=0.001', ['br', 'gzip'])).toBe('br'); // identity, not weighed, comes last
    expect(chooseEncoding('br;q=0.5, identity', ['br', 'gzip'])).toBe('identity');
    expect(chooseEncoding('*;q=0', ['br', 'gzip'])).toBe('identity'); // nothing acceptable: sent as it is
  });
});

describe('caching', () => {
  it('hashed assets are immutable for a year, compressed or not; the page and the service worker are revalidated', async () => {
    for (const path of ['/assets/main-abc123.js', '/assets/main-def456.css']) {
      for (const encoding of ['gzip', 'br']) {
        const res = await raw(server.http, path, { headers: { 'accept-encoding': encoding } });
        expect(res.headers['content-encoding']).toBe(encoding);
        expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      }
    }
    for (const path of ['/', '/index.html', '/sw.js', '/some/route']) {
      const res = await raw(server.http, path, { headers: { 'accept-encoding': 'br' } });
      expect(res.headers['content-encoding']).toBe('br');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });
});

describe('source maps', () => {
  it('are not served unless the setting asks for them (SERVE_SOURCE_MAPS: the serveSourceMaps option)', async () => {
    const refused = await raw(server.http, '/assets/main-abc123.js.map');
    expect(refused.status).toBe(404);
    expect(refused.body.toString()).not.toContain('mappings');

    const { startServer } = await import('./app');
    const dist = app();
    const open = await startServer({ port: 0, host: '127.0.0.1', dataDir: tempDir(), distDir: dist, serveSourceMaps: true });
    try {
      const res = await raw(`http://127.0.0.1:${open.port}`, '/assets/main-abc123.js.map');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/json');
      expect(res.body.toString()).toContain('mappings');
    } finally {
      await open.shutdown();
    }
  });

  it('a missing script is a 404, not the page in its place', async () => {
    const res = await raw(server.http, '/assets/main-gone99.js');
    expect(res.status).toBe(404);
    expect(res.body.toString()).not.toContain('the app');
  });
});

describe('methods', () => {
  it.each(['POST', 'PUT', 'DELETE', 'PATCH'])('%s on the app is 405 with Allow: GET, HEAD', async (method) => {
    for (const path of ['/', '/index.html', '/assets/main-abc123.js', '/map/abc']) {
      const res = await raw(server.http, path, { method });
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe('GET, HEAD');
      expect(res.body.toString()).not.toContain('<title>');
    }
  });

  it('HEAD gives the headers of GET and no body', async () => {
    const get = await raw(server.http, '/assets/main-abc123.js', { headers: { 'accept-encoding': 'gzip' } });
    const head = await raw(server.http, '/assets/main-abc123.js', { method: 'HEAD', headers: { 'accept-encoding': 'gzip' } });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers['content-encoding']).toBe('gzip');
    for (const name of ['content-type', 'content-encoding', 'content-length', 'cache-control', 'vary']) expect(head.headers[name]).toBe(get.headers[name]);
  });
});

describe('security headers', () => {
  it('the page carries a strict Content-Security-Policy: no inline script or style, no framing', async () => {
    const res = await raw(server.http, '/', { headers: { host: 'maps.example.org:8080' } });
    const csp = String(res.headers['content-security-policy']);
    const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/) as [string, ...string[]]).map(([name, ...values]) => [name, values]));
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('style-src')).toEqual(["'self'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual(["'self'", 'ws://maps.example.org:8080', 'wss://maps.example.org:8080']);
    expect(directives.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
  });

  it('a Host header that is not a plain host never reaches the policy', () => {
    expect(appCsp('evil.example; script-src *')).toContain("connect-src 'self';");
    expect(appCsp('[::1]:8080')).toContain('ws://[::1]:8080');
  });

  it('every answer, of the app and of the API, says nosniff and no-referrer', async () => {
    for (const [path, method] of [
      ['/', 'GET'],
      ['/assets/main-abc123.js', 'GET'],
      ['/assets/main-abc123.js.map', 'GET'],
      ['/', 'POST'],
      ['/healthz', 'GET'],
      ['/api/time', 'GET'],
      ['/api/nothing', 'GET'],
      ['/api/maps/x', 'GET'],
    ] as const) {
      const res = await raw(server.http, path, { method });
      expect(res.headers['x-content-type-options'], `${method} ${path}`).toBe('nosniff');
      expect(res.headers['referrer-policy'], `${method} ${path}`).toBe('no-referrer');
    }
  });
});
