// `npm run dev`: the sync server and API on port 8081, and Vite with hot reload on 5173 (or PORT),
// which forwards /api and /sync to it.
import { resolve } from 'node:path';
import { createServer as createVite } from 'vite';
import { startServer } from './app';

const api = await startServer({ port: 8081, host: '127.0.0.1', dataDir: resolve(process.env.DATA_DIR ?? 'data'), distDir: resolve('dist') });
const vite = await createVite({
  server: {
    port: Number(process.env.PORT ?? 5173),
    host: process.env.HOST ?? '127.0.0.1',
    proxy: {
      '/api': `http://127.0.0.1:${api.port}`,
      '/sync': { target: `ws://127.0.0.1:${api.port}`, ws: true },
    },
  },
});
await vite.listen();
vite.printUrls();
const stop = () => void Promise.all([vite.close(), api.shutdown()]).then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
