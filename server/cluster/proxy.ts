// A round-robin TCP proxy in front of the instances of a local cluster (cluster.ts, `npm run
// cluster`): what a load balancer does in a deployment, small enough for tests. It works on bytes,
// not HTTP, so an API request and a sync websocket travel alike: each new client connection goes to
// the next backend in turn. A backend that refuses the connection (an instance killed or stopped) is
// skipped and the next one tried at once, so the clients of a dead instance, which reconnect, land on
// a live one within a second. A pair of sockets ends as one: an end, a close or an error on either
// side ends the other, and never throws.
import { connect, createServer, type Socket } from 'node:net';

export interface Backend {
  host: string;
  port: number;
}

export interface Proxy {
  url: string;
  port: number;
  /** Stops listening and ends every connection it carries. */
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

/** `backends` is read anew for every connection, so instances may come and go. */
export async function startProxy(backends: (() => readonly Backend[]) | readonly Backend[], port = 0): Promise<Proxy> {
  const list = typeof backends === 'function' ? backends : () => backends;
  const sockets = new Set<Socket>();
  let next = 0;

  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };

  /** Connects to the first backend that accepts, starting at the next in turn; null if none does. */
  const connectNext = async (): Promise<Socket | null> => {
    const candidates = list();
    const first = next++;
    for (let i = 0; i < candidates.length; i++) {
      const backend = candidates[(first + i) % candidates.length]!;
      const socket = await new Promise<Socket | null>((done) => {
        const attempt = connect({ host: backend.host, port: backend.port });
        attempt.once('connect', () => {
          attempt.off('error', refused);
          done(attempt);
        });
        const refused = () => {
          attempt.destroy();
          done(null);
        };
        attempt.once('error', refused);
      });
      if (socket) return socket;
    }
    return null;
  };

  // Paused until its backend is connected: nothing the client sends first is lost.
  const server = createServer({ pauseOnConnect: true }, (client) => {
    track(client);
    void connectNext().then((backend) => {
      if (!backend) return void client.destroy();
      track(backend);
      if (client.destroyed) return void backend.destroy();
      const pair = [client, backend] as const;
      for (const [from, to] of [pair, [backend, client] as const]) {
        from.pipe(to);
        from.on('error', () => to.destroy());
        // The other side is ended once everything read from this one is written to it.
        from.once('close', () => to.end());
      }
      client.resume();
    });
  });

  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, HOST, () => done());
  });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${HOST}:${bound}`,
    port: bound,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
