import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { walSync } from './walSync';

const dirs: string[] = [];
const tempFile = (create: boolean) => {
  const dir = mkdtempSync(join(tmpdir(), 'walsync-'));
  dirs.push(dir);
  const path = join(dir, 'store.sqlite-wal');
  if (create) writeFileSync(path, 'log');
  return path;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('walSync', () => {
  it('resolves at once when the log does not exist yet (nothing written, nothing to lose)', async () => {
    const wal = walSync(tempFile(false));
    await expect(wal.sync()).resolves.toBeUndefined();
    await wal.close();
  });

  it('syncs a log made after the first request (SQLite makes it at its first write)', async () => {
    const path = tempFile(false);
    const wal = walSync(path);
    await wal.sync();
    writeFileSync(path, 'first write');
    await expect(wal.sync()).resolves.toBeUndefined();
    await wal.close();
  });

  it('shares one sync among the requests made while another runs: at most two in a row', async () => {
    const wal = walSync(tempFile(true));
    const first = wal.sync();
    const later = Array.from({ length: 20 }, () => wal.sync());
    // Every request made during the first sync gets the same second one.
    expect(new Set(later).size).toBe(1);
    expect(later[0]).not.toBe(first);
    await Promise.all([first, ...later]);
    // Once both are done, a new request starts a new sync.
    const again = wal.sync();
    expect(again).not.toBe(later[0]);
    await again;
    await wal.close();
  });

  it('close waits for the syncs under way', async () => {
    const wal = walSync(tempFile(true));
    let done = false;
    void wal.sync().then(() => (done = true));
    await wal.close();
    expect(done).toBe(true);
  });
});
