// A local cluster: several server instances over one PostgreSQL and one Redis, behind a round-robin
// proxy (proxy.ts), what a deployment with a load balancer looks like (docs/deploy.md). The fault
// tests of issue 16 run on it, and `npm run cluster` (scripts/cluster.ts) starts one for trying.
// Each instance is its own process (instance.ts, through tsx, no wrapper between) on a port it keeps
// across restarts, so that a test can kill -9 it and start it again where its clients look for it.
// PostgreSQL and Redis are private ones (server/testing/) unless URLs are given. Every child dies
// with the process that started it: killed on its exit, and an instance also stops when its stdin,
// a pipe from here, ends (this process was killed outright).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Limits } from '../limits';
import { startPrivatePostgres, type PrivatePostgres } from '../testing/postgres';
import { startTestRedis, type TestRedis } from '../testing/redis';
import { OPTIONS_VARIABLE, type InstanceOptions } from './instanceOptions';
import { startProxy, type Proxy } from './proxy';

export interface ClusterOptions {
  /** Instances behind the proxy; default 3. */
  instances?: number;
  /** Else a private PostgreSQL is started, with a fresh database. */
  postgresUrl?: string;
  /** Else a private Redis is started. */
  redisUrl?: string;
  /** The built app; default: a temporary folder with a minimal index.html (tests need no app). */
  distDir?: string;
  /** Given to every instance. */
  limits?: Partial<Limits>;
  /** The Redis bus heartbeat of every instance (tests use ~200 ms to see a dead one sooner). */
  heartbeatMs?: number;
  /** Show what the instances print, each line prefixed "[a] ", "[b] "…; else it is only kept in
   * memory (`ClusterInstance.output`). */
  log?: boolean;
  /** The proxy's port; default: a free one. */
  proxyPort?: number;
}

export interface ClusterInstance {
  /** 'a', 'b', 'c', … */
  readonly name: string;
  /** Fixed for its life, also across restarts. */
  readonly port: number;
  /** http://127.0.0.1:port */
  readonly url: string;
  /** Null while stopped. */
  readonly pid: number | null;
  /** What it printed (stdout and stderr, every run, the last 200,000 characters), for a failing
   * test's message. */
  readonly output: string;
  /** Default SIGKILL; resolves when the process has exited (at once if it is stopped). */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** (Re)starts it on the same port; resolves when /readyz answers 200, rejects with its output if
   * it exits first. */
  start(): Promise<void>;
}

export interface Cluster {
  /** http://127.0.0.1:port, round robin over `instances`. */
  readonly proxyUrl: string;
  /** The instances behind the proxy (not those of addInstance). */
  readonly instances: ClusterInstance[];
  readonly postgresUrl: string;
  readonly redisUrl: string;
  /** The private PostgreSQL (to stop and restart it in fault tests); null if postgresUrl was given. */
  readonly postgres: PrivatePostgres | null;
  /** The private Redis; null if redisUrl was given. */
  readonly redis: TestRedis | null;
  /** Starts one more instance, not behind the proxy: a cold instance to read the store. */
  addInstance(): Promise<ClusterInstance>;
  /** Instances (SIGTERM, then SIGKILL after 5 s), proxy, private services, temporary folders. */
  stop(): Promise<void>;
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ENTRY = join(ROOT, 'server/cluster/instance.ts');
const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 30_000;
const TERM_GRACE_MS = 5_000;
const OUTPUT_KEPT = 200_000;

/** Every instance process of this process, killed when it exits. */
const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const work = mkdtempSync(join(tmpdir(), 'touchpoint-cluster-'));
  const [postgresStart, redisStart] = await Promise.allSettled([
    options.postgresUrl ? null : startPrivatePostgres(),
    options.redisUrl ? null : startTestRedis(),
  ]);
  const postgres = postgresStart.status === 'fulfilled' ? postgresStart.value : null;
  const redis = redisStart.status === 'fulfilled' ? redisStart.value : null;
  const instances: Instance[] = [];
  const added: Instance[] = [];
  let proxy: Proxy | null = null;
  let named = 0;

  const stop = async () => {
    await Promise.allSettled([...instances, ...added].map((instance) => instance.stop()));
    await proxy?.close();
    await Promise.allSettled([postgres?.stop(), redis?.stop()]);
    rmSync(work, { recursive: true, force: true });
  };

  try {
    for (const start of [postgresStart, redisStart]) if (start.status === 'rejected') throw start.reason;
    const postgresUrl = options.postgresUrl ?? (await postgres!.createDatabase('touchpoint'));
    const redisUrl = options.redisUrl ?? redis!.url;
    const distDir = options.distDir ?? minimalApp(join(work, 'dist'));
    const settings: InstanceOptions = { ...(options.limits && { limits: options.limits }), ...(options.heartbeatMs !== undefined && { heartbeatMs: options.heartbeatMs }) };

    const make = (port: number) => {
      const name = String.fromCharCode(97 + named++);
      const dataDir = join(work, `data-${name}`);
      mkdirSync(dataDir);
      const env = {
        ...process.env,
        PORT: String(port),
        HOST,
        DATABASE_URL: postgresUrl,
        REDIS_URL: redisUrl,
        DIST_DIR: distDir,
        DATA_DIR: dataDir,
        [OPTIONS_VARIABLE]: JSON.stringify(settings),
      };
      return new Instance(name, port, env, options.log ?? false);
    };

    // All ports at once (each held until all are chosen, so no two are the same), then every
    // instance starts in parallel.
    for (const port of await freePorts(options.instances ?? 3)) instances.push(make(port));
    await Promise.all(instances.map((instance) => instance.start()));
    proxy = await startProxy(() => instances.map(({ port }) => ({ host: HOST, port })), options.proxyPort);
    return {
      proxyUrl: proxy.url,
      instances,
      postgresUrl,
      redisUrl,
      postgres,
      redis,
      async addInstance() {
        const instance = make((await freePorts(1))[0]!);
        added.push(instance);
        await instance.start();
        return instance;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

class Instance implements ClusterInstance {
  private child: ChildProcess | null = null;
  private printed = '';
  private runs = 0;

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
    private readonly echo: boolean,
  ) {}

  get url(): string {
    return `http://${HOST}:${this.port}`;
  }

  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  get output(): string {
    return this.printed;
  }

  async start(): Promise<void> {
    if (this.child) throw new Error(`instance ${this.name} is running already`);
    if (this.runs++ > 0) this.note('started again');
    // Its own process group: a Ctrl+C in the terminal reaches the cluster command, which stops the
    // instances before the database (they save every map as they stop).
    const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], { cwd: ROOT, env: this.env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    this.child = child;
    children.add(child);
    const exited = new Promise<void>((done) =>
      child.once('exit', (code, signal) => {
        children.delete(child);
        if (this.child === child) this.child = null;
        this.note(`exited (${signal ?? `code ${code}`})`);
        done();
      }),
    );
    child.on('error', (error) => this.record(`${error.message}\n`));
    child.stdin!.on('error', () => {}); // the pipe breaks when the instance is killed
    for (const [stream, out] of [
      [child.stdout!, process.stdout],
      [child.stderr!, process.stderr],
    ] as const) {
      const print = this.echo ? prefixLines(`[${this.name}] `, out) : null;
      stream.on('data', (chunk: Buffer) => {
        this.record(chunk.toString());
        print?.(chunk.toString());
      });
    }
    const deadline = Date.now() + READY_TIMEOUT_MS;
    let gone = false;
    void exited.then(() => (gone = true));
    while (!(await this.ready())) {
      if (gone) throw new Error(`instance ${this.name} exited before it was ready:\n${this.printed}`);
      if (Date.now() > deadline) throw new Error(`instance ${this.name} was not ready within ${READY_TIMEOUT_MS} ms:\n${this.printed}`);
      await new Promise((done) => setTimeout(done, 50));
    }
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill(signal);
    await exited;
  }

  /** Asks it to stop (it saves every map), and kills it if it has not within the grace time. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    const timer = setTimeout(() => child.kill('SIGKILL'), TERM_GRACE_MS);
    await this.kill('SIGTERM');
    clearTimeout(timer);
  }

  private async ready(): Promise<boolean> {
    try {
      const res = await fetch(`${this.url}/readyz`, { signal: AbortSignal.timeout(2_000) });
      await res.body?.cancel();
      return res.status === 200;
    } catch {
      return false;
    }
  }

  private record(text: string): void {
    this.printed = (this.printed + text).slice(-OUTPUT_KEPT);
  }

  /** A line of the cluster's own about this instance, kept with its output (and shown with it). */
  private note(what: string): void {
    const line = `--- instance ${this.name} ${what} ---\n`;
    this.record(line);
    if (this.echo) process.stdout.write(`[${this.name}] ${line}`);
  }
}

/** A stand-in for the built app: a folder holding an index.html. */
function minimalApp(dir: string): string {
  mkdirSync(dir);
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Touchpoint</title>');
  return dir;
}

/** `count` distinct free ports on 127.0.0.1. */
async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = createServer();
      servers.push(server);
      await new Promise<void>((done, fail) => {
        server.once('error', fail);
        server.listen(0, HOST, () => done());
      });
    }
    return servers.map((server) => (server.address() as { port: number }).port);
  } finally {
    await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
  }
}

/** Writes what an instance prints to `out`, every line starting with `prefix`. */
function prefixLines(prefix: string, out: NodeJS.WritableStream) {
  let midLine = false;
  return (text: string) => {
    out.write((midLine ? '' : prefix) + text.replace(/\n(?=[^])/g, `\n${prefix}`));
    midLine = !text.endsWith('\n');
  };
}
