// A benchmark's server in a process of its own (bench/lib/serverProcess.ts starts it): ours
// (startOurs: the real server with SQLite) or the reference relay, as `argv[2]` says. It tells its
// parent the port, then creates maps on request over the IPC channel, so the benchmark's clients and
// the server never share an event loop, as in production.
import { startOurs, startReference } from './servers';

type Request = { id: number; state: string };

const kind = process.argv[2];
if (kind !== 'ours' && kind !== 'reference') throw new Error(`serverChild: unknown server "${kind}"`);
const send = (message: unknown) => process.send!(message);

if (kind === 'ours') {
  const server = await startOurs();
  process.on('message', (request: Request) => {
    void server.createMap(Buffer.from(request.state, 'base64')).then((map) =>
      send({ id: request.id, room: map.id, protocols: server.protocols(map) }),
    );
  });
  process.on('disconnect', () => void server.shutdown().then(() => process.exit(0)));
  send({ ready: true, wsBase: server.wsBase });
} else {
  const relay = await startReference();
  let rooms = 0;
  process.on('message', (request: Request) => {
    const room = `bench-${++rooms}`;
    relay.preload(room, Buffer.from(request.state, 'base64'));
    send({ id: request.id, room, protocols: [] });
  });
  process.on('disconnect', () => void relay.close().then(() => process.exit(0)));
  send({ ready: true, wsBase: relay.wsBase });
}
