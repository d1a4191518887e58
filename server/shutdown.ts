// How a server process ends (main.ts, and each instance of the local cluster): on SIGTERM or SIGINT
// (or another reason the caller names) it saves every map and closes its clients, then exits; it
// exits with 1 if that fails or takes more than 10 s.
import type { RunningServer } from './app';

/** Returns the stop function, for another reason to stop (the cluster's parent gone, say). */
export function stopOnSignals(server: RunningServer): (why: string) => void {
  let stopping = false;
  const stop = (why: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${why}: saving every map and closing…`);
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
  return stop;
}
