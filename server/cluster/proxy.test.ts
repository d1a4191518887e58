// The cluster's round-robin proxy, with real sockets: connections spread in turn, a dead backend is
// skipped at once, and closing the proxy (or either side of a pair) ends the pair.
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../testing/harness';
import { startProxy, type Backend, type Proxy } from './proxy';

const HOST = '127.0.0.1';
const servers: Server[] = [];
const accepted: Socket[] = [];
let proxy: Proxy | undefined;

afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
  for (const socket of accepted.splice(0)) socket.destroy();
  for (const server of servers.splice(0)) await new Promise((done) => server.close(done));
});

/** A backend that runs `onConnection` for each socket; resolves with its address. */
async function backend(onConnection: (socket: Socket) => void): Promise<Backend & { sockets: Socket[] }> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => {
    sockets.push(socket);
    accepted.push(socket);
    socket.on('error', () => {});
    onConnection(socket);
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, HOST, done));
  return { host: HOST, port: (server.address() as { port: number }).port, sockets };
}

/** A backend that says its name and ends the connection. */
const naming = (name: string) => backend((socket) => socket.end(name));

/** A port where nothing listens (taken and given back). */
async function deadPort(): Promise<Backend> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, HOST, done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return { host: HOST, port };
}

/** Connects through the proxy and resolves with everything received until the connection ends. */
function receive(port: number): Promise<string> {
  return new Promise((done, fail) => {
    const socket = connect({ host: HOST, port });
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
    socket.on('error', fail);
    socket.on('close', () => done(text));
  });
}

const closed = (socket: Socket) => (socket.destroyed ? Promise.resolve() : new Promise<void>((done) => socket.once('close', () => done())));

describe('round-robin proxy', () => {
  it('sends each new connection to the next backend in turn', async () => {
    const backends = [await naming('a'), await naming('b'), await naming('c')];
    proxy = await startProxy(backends);
    const answers: string[] = [];
    for (let i = 0; i < 7; i++) answers.push(await receive(proxy.port));
    expect(answers).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'a']);
  });

  it('skips a backend that refuses the connection, at once', async () => {
    const backends = [await naming('a'), await deadPort(), await naming('c')];
    proxy = await startProxy(() => backends);
    const started = Date.now();
    const answers: string[] = [];
    for (let i = 0; i < 6; i++) answers.push(await receive(proxy.port));
    expect(answers).toEqual(['a', 'c', 'c', 'a', 'c', 'c']);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('reads the backends anew for each connection, and ends a client no backend takes', async () => {
    const backends: Backend[] = [await deadPort()];
    proxy = await startProxy(() => backends);
    expect(await receive(proxy.port)).toBe('');
    backends.push(await naming('b'));
    expect(await receive(proxy.port)).toBe('b');
  });

  it('carries both ways, sends the first bytes, and ends the pair when either side ends', async () => {
    const echo = await backend((socket) => socket.pipe(socket));
    proxy = await startProxy([echo]);
    const client = connect({ host: HOST, port: proxy.port });
    client.write('hello'); // before the backend is even connected
    const echoed = await new Promise<string>((done) => client.once('data', (b: Buffer) => done(b.toString())));
    expect(echoed).toBe('hello');
    client.end();
    await Promise.all([closed(client), closed(echo.sockets[0]!)]);

    const second = connect({ host: HOST, port: proxy.port });
    second.on('error', () => {});
    await new Promise((done) => second.once('connect', done));
    await waitFor(() => echo.sockets.length === 2, 'the backend to take the second connection');
    echo.sockets[1]!.destroy(); // the backend's side fails
    await closed(second);
  });

  it('close() ends every piped socket, on both sides', async () => {
    const echo = await backend((socket) => socket.pipe(socket));
    proxy = await startProxy([echo]);
    const clients = [0, 1, 2].map(() => connect({ host: HOST, port: proxy!.port }).on('error', () => {}));
    for (const client of clients) {
      client.write('x');
      await new Promise((done) => client.once('data', done));
    }
    await proxy.close();
    proxy = undefined;
    await Promise.all([...clients, ...echo.sockets].map(closed));
  });
});
