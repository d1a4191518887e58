// A tab whose app is older than the map's document: it stops syncing, turns read-only and asks for a
// reload, and nothing it does reaches the server. Each story runs its own server in this process (as
// collab.spec.ts does), so that it can restart it on the same port (the tab's origin, its IndexedDB
// copy) with a migration beyond this app's version (src/doc/testMigrations.ts).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import * as Y from 'yjs';
import type { Migration } from '../src/doc/migrations';
import { NEXT_MIGRATIONS } from '../src/doc/testMigrations';
import { SCHEMA_VERSION } from '../src/journey/types';
import { startServer, type RunningServer } from '../server/app';
import { cardTexts, holdsFor, readStored } from '../server/testing/harness';
import { card } from './fixtures';

const BANNER = 'This map now uses a newer version of Touchpoint. Reload to keep editing — your changes in this browser are kept.';

let server: RunningServer | null = null;
async function stop(): Promise<void> {
  await server?.shutdown();
  server = null;
}
test.afterEach(stop);

const dataDir = () => mkdtempSync(join(tmpdir(), 'touchpoint-e2e-versions-'));
async function start(dir: string, port = 0, migrations?: readonly Migration[]): Promise<number> {
  server = await startServer({ port, host: '127.0.0.1', dataDir: dir, distDir: resolve('dist'), migrations });
  return server.port;
}

/** A tab on a new map of a server of this app's version; the map's id once it is connected and saved. */
async function tabOnNewMap(browser: Browser, port: number): Promise<{ page: Page; id: string }> {
  const origin = `http://127.0.0.1:${port}`;
  const context = await browser.newContext({ storageState: { cookies: [], origins: [{ origin, localStorage: [{ name: 'touchpoint.name', value: 'Tester' }] }] } });
  const page = await context.newPage();
  await page.goto(`${origin}/`);
  await page.getByRole('button', { name: /Current-state journey/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toHaveText(/All changes saved/);
  const id = /^#\/map\/([\w-]+)/.exec(new URL(page.url()).hash)![1]!;
  return { page, id };
}

const connections = async (port: number) => ((await (await fetch(`http://127.0.0.1:${port}/readyz`)).json()) as { connections: number }).connections;

test('a tab connected while its map is migrated to a newer version: the reload banner, no editing, nothing sent', async ({ browser }) => {
  const dir = dataDir();
  const port = await start(dir);
  const { page, id } = await tabOnNewMap(browser, port);
  const status = page.getByRole('status').filter({ hasText: /Connected|Reconnecting|Update needed/ });

  // The server is upgraded on the same file and port; the tab reconnects on its own and is told 4426.
  await stop();
  await start(dir, port, NEXT_MIGRATIONS);
  const banner = page.getByText(BANNER);
  await expect(banner).toBeVisible();
  await expect(status).toHaveText(/Update needed/);
  // Announced: it appears inside a live region that was there before it.
  await expect(page.locator('[aria-live="polite"]').filter({ hasText: BANNER })).toHaveCount(1);
  // The Reload button is reached with the keyboard.
  const reload = page.getByRole('button', { name: 'Reload' });
  await expect(reload).toBeEnabled();
  await reload.focus();
  await expect(reload).toBeFocused();

  // Every editing control is off, as with a view link, and what it tries changes nothing.
  await expect(page.getByRole('button', { name: /Add a card/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Undo' })).toHaveCount(0);
  const target = card(page, 'Store visit with a sales advisor');
  await target.click();
  await page.keyboard.press('Delete');
  await target.dblclick();
  await expect(page.getByRole('textbox', { name: 'Card text' })).toHaveCount(0);
  await expect(target).toBeVisible();

  // Nothing of it reached the server: the tab is not connected, the stored map is the migrated one.
  const stored = readStored(dir, id);
  expect(stored.doc.getMap('meta').get('schemaVersion')).toBe(SCHEMA_VERSION + 1);
  await expect.poll(() => connections(port)).toBe(0);
  expect(await holdsFor(async () => (await connections(port)) === 0, 1000)).toBe(true);
  await stop();
  const after = readStored(dir, id);
  expect(after.updates).toBe(stored.updates);
  expect([...cardTexts(after.doc).values()]).toContain('Store visit with a sales advisor');
});

test('a tab whose browser copy already says a newer version turns read-only without connecting', async ({ browser }) => {
  const dir = dataDir();
  const port = await start(dir);
  const { page, id } = await tabOnNewMap(browser, port);

  // This browser's copy gets what a newer app would have stored: the document at the next version.
  const doc = readStored(dir, id).doc;
  const known = Y.encodeStateVector(doc);
  doc.getMap('meta').set('schemaVersion', SCHEMA_VERSION + 1);
  const update = Array.from(Y.encodeStateAsUpdate(doc, known));
  await page.evaluate(
    ([name, bytes]) =>
      new Promise<void>((done, fail) => {
        const open = indexedDB.open(name as string);
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('updates', 'readwrite');
          tx.objectStore('updates').add(new Uint8Array(bytes as number[]));
          tx.oncomplete = () => (open.result.close(), done());
          tx.onerror = () => fail(tx.error);
        };
      }),
    [`touchpoint-map-${id}`, update] as const,
  );

  await page.reload();
  await expect(page.getByText(BANNER)).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Update needed' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Add a card/ })).toHaveCount(0);
  // It never connected: the server still has the map at this app's version, and no one on it.
  await expect.poll(() => connections(port)).toBe(0);
  expect(await holdsFor(async () => (await connections(port)) === 0, 1000)).toBe(true);
  expect(readStored(dir, id).doc.getMap('meta').get('schemaVersion')).toBe(SCHEMA_VERSION);
});
