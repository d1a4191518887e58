// Scale-out configuration: both URLs or neither; the embedded default as before when neither is set.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigurationError, redactUrl, scaleOutFromEnv } from './scaleOut';

describe('scale-out configuration', () => {
  it('runs the embedded default when neither DATABASE_URL nor REDIS_URL is set (empty counts as unset)', async () => {
    expect(await scaleOutFromEnv({})).toBeNull();
    expect(await scaleOutFromEnv({ DATABASE_URL: ' ', REDIS_URL: '' })).toBeNull();
  });

  it('refuses one without the other, naming what is missing', async () => {
    await expect(scaleOutFromEnv({ DATABASE_URL: 'postgres://db/touchpoint' })).rejects.toThrow(/DATABASE_URL is set but REDIS_URL is not/);
    await expect(scaleOutFromEnv({ REDIS_URL: 'redis://cache:6379' })).rejects.toThrow(/REDIS_URL is set but DATABASE_URL is not/);
    await expect(scaleOutFromEnv({ REDIS_URL: 'redis://cache:6379' })).rejects.toBeInstanceOf(ConfigurationError);
  });

  it('refuses a URL of the wrong kind without printing its password', async () => {
    const error = await scaleOutFromEnv({ DATABASE_URL: 'mysql://admin:s3cret@db/touchpoint', REDIS_URL: 'redis://cache' }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error!.message).toMatch(/DATABASE_URL must be a postgres:\/\/… or postgresql:\/\/… URL/);
    expect(error!.message).not.toContain('s3cret');
    await expect(scaleOutFromEnv({ DATABASE_URL: 'postgres://db/t', REDIS_URL: 'not a url' })).rejects.toThrow(/REDIS_URL must be a redis:\/\/… or rediss:\/\/… URL/);
    expect(redactUrl('postgres://tp:pw@db:5432/touchpoint')).toBe('postgres://tp:***@db:5432/touchpoint');
  });

  it('the embedded default never loads the PostgreSQL or Redis modules; scale-out mode does', () => {
    const dist = mkdtempSync(join(tmpdir(), 'tp-dist-'));
    const data = mkdtempSync(join(tmpdir(), 'tp-data-'));
    try {
      writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Touchpoint</title>');
      // A server started as main.ts starts it (neither URL set), then the modules Node loaded.
      const loaded = (extra: string) => {
        const script = `
          const { createRequire } = await import('node:module');
          const { scaleOutFromEnv } = await import('./server/scaleOut.ts');
          const { startServer } = await import('./server/app.ts');
          if (await scaleOutFromEnv({})) throw new Error('not the default');
          const server = await startServer({ port: 0, host: '127.0.0.1', dataDir: ${JSON.stringify(data)}, distDir: ${JSON.stringify(dist)} });
          ${extra}
          await server.shutdown();
          const cache = createRequire(import.meta.url)('module')._cache;
          console.log(JSON.stringify(Object.keys(cache).filter((path) => /node_modules[/](pg|pg-pool|redis|@redis)[/]/.test(path)).length));`;
        const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
        if (run.status !== 0) throw new Error(run.stderr);
        return Number(run.stdout.trim().split('\n').pop());
      };
      expect(loaded('')).toBe(0);
      // The same check sees them once the scale-out modules are imported.
      expect(loaded("await import('./server/store/postgres/store.ts'); await import('./server/bus/redis.ts');")).toBeGreaterThan(0);
    } finally {
      rmSync(dist, { recursive: true, force: true });
      rmSync(data, { recursive: true, force: true });
    }
  }, 120_000);

  it('the server refuses to start half configured, with the message and exit code 1', () => {
    const dist = mkdtempSync(join(tmpdir(), 'tp-dist-'));
    const data = mkdtempSync(join(tmpdir(), 'tp-data-'));
    try {
      writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Touchpoint</title>');
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
        env: { ...process.env, DATABASE_URL: 'postgres://localhost/touchpoint', REDIS_URL: '', PORT: '0', DIST_DIR: dist, DATA_DIR: data },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(run.stderr).toMatch(/DATABASE_URL is set but REDIS_URL is not/);
      expect(run.status).toBe(1);
    } finally {
      rmSync(dist, { recursive: true, force: true });
      rmSync(data, { recursive: true, force: true });
    }
  });
});
