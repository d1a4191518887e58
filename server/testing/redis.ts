// A private Redis for the tests of the Redis bus and of the cluster: the machine's own redis-server
// on a free local port, in a temporary folder, nothing saved, never a system-wide instance. The fault
// tests stop it and start it again on the same port mid-edit, as an operator's restart would. It is
// killed when the test process exits, even if a test forgot to stop it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestRedis {
  url: string;
  port: number;
  /** Kills the server (SIGKILL: a crash, nothing said to the clients) and removes its folder. */
  stop(): Promise<void>;
  /** Starts it again on the same port if it is stopped; resolves when it answers. */
  start(): Promise<void>;
  restart(): Promise<void>;
  /** Suspends the server (SIGSTOP): connections stay open and nothing answers, as with a hung Redis
   * or a lost route. stop() ends it. */
  freeze(): void;
}

const STARTUP_MS = 10_000;

export async function startTestRedis(): Promise<TestRedis> {
  if (spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).error) {
    throw new Error('redis-server is not installed: the Redis tests need it (Debian: "apt-get install redis-server"; npm test installs it when run as root).');
  }
  const port = await freePort();
  let running: { child: ChildProcess; dir: string } | undefined;
  const killOnExit = () => {
    running?.child.kill('SIGKILL');
    if (running) rmSync(running.dir, { recursive: true, force: true });
  };
  process.once('exit', killOnExit);

  const start = async () => {
    if (!running) running = await launch(port);
  };
  const stop = async () => {
    if (!running) return;
    const { child, dir } = running;
    running = undefined;
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGKILL');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    start,
    stop,
    restart: async () => (await stop(), await start()),
    freeze: () => void running?.child.kill('SIGSTOP'),
  };
}

async function launch(port: number): Promise<{ child: ChildProcess; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'touchpoint-redis-'));
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + STARTUP_MS;
  while (!(await answersPing(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`the test Redis did not start on port ${port}:\n${output}`);
    }
    await new Promise((done) => setTimeout(done, 20));
  }
  return { child, dir };
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
