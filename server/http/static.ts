// Serves the built web app from dist/: hashed assets cached for good, everything else revalidated,
// and any other path answered with index.html (the app routes in the URL fragment).
import { createReadStream, existsSync, statSync } from 'node:fs';
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

export function serveStatic(root: string) {
  const assets = join(root, 'assets');
  return (req: IncomingMessage, res: ServerResponse, pathname: string): void => {
    let decoded = '/';
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      // A malformed escape ("/%zz") is just an unknown path: never an exception that stops the server.
    }
    let file = normalize(join(root, decoded));
    // Resolve inside the app folder only: "/../" never leaves it, not even for a sibling folder whose
    // name starts with the same letters (dist-old/ next to dist/).
    if (!file.startsWith(root + sep) || !existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': file.startsWith(assets) ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
    if (req.method === 'HEAD') res.end();
    // A file removed meanwhile (a rebuild) ends this response, not the server.
    else createReadStream(file).on('error', () => res.destroy()).pipe(res);
  };
}
