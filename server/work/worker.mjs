// A worker thread of server/work/pool.ts. Plain JavaScript, so that it starts the same way wherever
// the server runs (under tsx as `npm start` runs it, under Vitest, under a bare node): it loads the
// TypeScript of its tasks through tsx's own API, which does not depend on how the parent was started.
import { tsImport } from 'tsx/esm/api';

await tsImport('./tasks.ts', import.meta.url);
