// Serves the built web app from dist/: hashed assets cached for good, everything else revalidated,
// and any other path answered with index.html (the app routes in the URL fragment). Each file goes
// out as the build compressed it (a `.br` or `.gz` beside it, vite.config.ts), chosen by the
// request's Accept-Encoding; source maps only when asked for (SERVE_SOURCE_MAPS=1). Only GET and HEAD.
import { createReadStream, statSync, type Stats } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};

export type Encoding = 'br' | 'gzip' | 'identity';
const SIBLING: Record<Exclude<Encoding, 'identity'>, string> = { br: '.br', gzip: '.gz' };
/** Ours, smallest first: the tie-break between encodings the client likes equally. */
const PREFERENCE: Encoding[] = ['br', 'gzip', 'identity'];

/**
 * The encoding to send, given the request's Accept-Encoding and the encodings a file exists in:
 * the one with the highest q-value (q=0: not acceptable; `*` stands for those not named; identity,
 * if not weighed, after every other), ties going to the smaller. No header, or nothing acceptable
 * on offer: identity.
 */
export function chooseEncoding(header: string | undefined, available: readonly Encoding[]): Encoding {
  if (!header) return 'identity';
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    let value = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([\d.]+)\s*$/.exec(p);
      if (m) value = Math.min(1, Number(m[1]) || 0);
    }
    q.set(name === 'x-gzip' ? 'gzip' : name, value);
  }
  const wildcard = q.get('*');
  // Identity is acceptable unless refused ("identity;q=0", or "*;q=0" without it), but when the
  // header does not weigh it, any acceptable compression goes first.
  const weight = (e: Encoding) => q.get(e) ?? wildcard ?? (e === 'identity' ? Number.MIN_VALUE : 0);
  let best: Encoding = 'identity';
  let bestQ = 0;
  for (const e of PREFERENCE) {
    if (e !== 'identity' && !available.includes(e)) continue;
    const w = weight(e);
    if (w > bestQ) [best, bestQ] = [e, w];
  }
  return best;
}

/**
 * The app page's Content-Security-Policy: its own scripts and styles only (no inline script or
 * style element; React sets styles through the DOM, which CSP allows), pictures also from data: and
 * blob: URLs (the picture export, the QR code, persona photos), the picture worker from a blob:,
 * the sync socket to this host, and no framing by anyone.
 */
export function appCsp(host: string | undefined): string {
  // Only a plain host[:port] goes into the header (a Host header is the client's to write).
  const sockets = host && /^(?:[\w.-]+|\[[\da-fA-F:.]+\])(?::\d{1,5})?$/.test(host) ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${sockets}`,
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function fileStat(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

export function serveStatic(root: string, options: { sourceMaps?: boolean } = {}) {
  const assets = join(root, 'assets');
  const notFound = (res: ServerResponse) => {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    res.end('Not found.\n');
  };
  return (req: IncomingMessage, res: ServerResponse, pathname: string): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      res.end('Method not allowed: the app is only read (GET, HEAD).\n');
      return;
    }
    let decoded = '/';
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      // A malformed escape ("/%zz") is just an unknown path: never an exception that stops the server.
    }
    let file = normalize(join(root, decoded));
    // Resolve inside the app folder only: "/../" never leaves it, not even for a sibling folder whose
    // name starts with the same letters (dist-old/ next to dist/).
    const inside = file.startsWith(root + sep);
    if (inside && extname(file) === '.map' && !options.sourceMaps) return notFound(res);
    let stat = inside ? fileStat(file) : undefined;
    if (!stat || stat.isDirectory()) {
      // A missing script or style (an old build's) is a 404, not the page in its place.
      if (inside && file.startsWith(assets + sep)) return notFound(res);
      file = join(root, 'index.html');
      stat = fileStat(file);
      if (!stat) return notFound(res);
    }
    const available = (['br', 'gzip'] as const).filter((e) => fileStat(file + SIBLING[e])?.isFile());
    const encoding = chooseEncoding(req.headers['accept-encoding'], available);
    const sent = encoding === 'identity' ? file : file + SIBLING[encoding];
    const size = encoding === 'identity' ? stat.size : fileStat(sent)?.size;
    const headers: Record<string, string | number> = {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': file.startsWith(assets + sep) ? 'public, max-age=31536000, immutable' : 'no-cache',
      vary: 'Accept-Encoding',
      'content-security-policy': appCsp(req.headers.host),
    };
    if (encoding !== 'identity') headers['content-encoding'] = encoding;
    if (size !== undefined) headers['content-length'] = size;
    res.writeHead(200, headers);
    if (req.method === 'HEAD') res.end();
    // A file removed meanwhile (a rebuild) ends this response, not the server.
    else createReadStream(sent).on('error', () => res.destroy()).pipe(res);
  };
}
