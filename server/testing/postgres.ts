// A private PostgreSQL for tests: its own data directory under the system's temporary folder, its
// own free port on 127.0.0.1, its socket in that folder, never a system-wide instance. One per test
// file (initdb takes about a second); each test file or suite takes a fresh database of it
// (`createDatabase`). Fault tests take the server down and bring it back on the same port and data
// (`stopServer`, `startServer`). fsync is off: a test's data need not survive a power cut.
//
// PostgreSQL refuses to run as root: when the tests run as root (CI), initdb and postgres run as the
// `postgres` system user, which owns the folder.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface PrivatePostgres {
  /** The URL of its `postgres` database (each test makes its own with createDatabase). */
  url: string;
  port: number;
  /** Makes a new empty database; resolves with its URL. */
  createDatabase(name: string): Promise<string>;
  /** Takes the server down: 'fast' as an operator stops it, 'immediate' as if it crashed (no
   * checkpoint, recovery at the next start). Resolves once it has exited. */
  stopServer(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Starts it again on the same port and data; resolves once it takes connections. */
  startServer(): Promise<void>;
  /** Stops it and removes its folder. */
  stop(): Promise<void>;
}

const INSTALL_HINT =
  'PostgreSQL server programs (initdb, postgres) were not found. Install them: `apt-get install postgresql` (Debian, Ubuntu), ' +
  '`dnf install postgresql-server` (Fedora), `brew install postgresql` (macOS); or put the folder that holds them in PG_BIN.';

/** The folder of initdb and postgres: PG_BIN, pg_config's answer, or Debian's versioned folders. */
function binDir(): string {
  const candidates: string[] = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim());
  } catch {
    // no pg_config on the PATH
  }
  for (const version of ['17', '16', '15', '14', '13']) candidates.push(`/usr/lib/postgresql/${version}/bin`);
  const found = candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres')));
  if (!found) throw new Error(INSTALL_HINT);
  return found;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Who runs the server programs: the `postgres` user when this process is root. */
function runAs(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: 'pipe' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error('The tests run as root, and PostgreSQL refuses to: a `postgres` system user is needed (the postgresql package makes one).');
  }
}

/** Polls until a connection succeeds (the server is ready), or fails after the deadline. */
async function ready(url: string, child: ChildProcess, log: () => string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`PostgreSQL exited at its start:\n${log()}`);
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => {});
    }
    if (Date.now() > deadline) throw new Error(`PostgreSQL did not take connections within ${timeoutMs} ms:\n${log()}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = binDir();
  const owner = runAs();
  const dir = mkdtempSync(join(tmpdir(), 'touchpoint-pg-'));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = join(dir, 'data');
  const user = owner ? 'postgres' : userInfo().username;
  const env = { ...process.env, LC_ALL: 'C', LANG: 'C' };
  execFileSync(join(bin, 'initdb'), ['-D', data, '-U', user, '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'], {
    env,
    stdio: 'pipe',
    ...(owner ?? {}),
  });
  const port = await freePort();
  const url = `postgresql://${encodeURIComponent(user)}@127.0.0.1:${port}/postgres`;

  let child: ChildProcess | null = null;
  let output = '';
  // A test process that ends without stop() (a crash) takes its server with it.
  const orphan = () => child?.kill('SIGQUIT');
  process.once('exit', orphan);

  const startServer = async () => {
    output = '';
    const server = spawn(
      join(bin, 'postgres'),
      ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200'],
      { env, stdio: ['ignore', 'pipe', 'pipe'], ...(owner ?? {}) },
    );
    server.stdout!.on('data', (b: Buffer) => (output += b.toString()));
    server.stderr!.on('data', (b: Buffer) => (output += b.toString()));
    child = server;
    await ready(url, server, () => output);
  };

  const stopServer = async (mode: 'fast' | 'immediate' = 'fast') => {
    const server = child;
    if (!server || server.exitCode !== null) return;
    const exited = new Promise<void>((done) => server.once('exit', () => done()));
    server.kill(mode === 'fast' ? 'SIGINT' : 'SIGQUIT');
    await exited;
    child = null;
  };

  await startServer();
  return {
    url,
    port,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
      } finally {
        await client.end();
      }
      return url.replace(/\/postgres$/, `/${encodeURIComponent(name)}`);
    },
    stopServer,
    startServer,
    async stop() {
      await stopServer('fast');
      process.off('exit', orphan);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
