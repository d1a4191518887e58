import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { startServer, type RunningServer } from '../server/app';
import { card } from './fixtures';

// This story restarts the server, so it runs its own (in this process) instead of the shared one.
let server: RunningServer;
let port: number;
const dataDir = mkdtempSync(join(tmpdir(), 'touchpoint-e2e-'));
const start = async (at = 0) => {
  server = await startServer({ port: at, host: '127.0.0.1', dataDir, distDir: resolve('dist') });
  port = server.port;
};
test.beforeAll(() => start());
test.afterAll(() => server.shutdown());

async function person(browser: Browser, name: string, url: string, onMap = true): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [{ origin: `http://127.0.0.1:${port}`, localStorage: [{ name: 'touchpoint.name', value: name }] }] } });
  const page = await context.newPage();
  await page.goto(url);
  if (onMap) await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
  return page;
}

test('a workshop edits one map together, a stakeholder watches, and the map survives a server restart', async ({ browser }) => {
  const ioana = await person(browser, 'Ioana Popescu', `http://127.0.0.1:${port}/`, false);
  await ioana.getByRole('button', { name: /Current-state journey/ }).click();
  await expect(ioana.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
  await ioana.getByRole('button', { name: 'Share' }).click();
  const editLink = await ioana.getByRole('textbox', { name: 'Edit link' }).inputValue();
  const viewLink = await ioana.getByRole('textbox', { name: 'View link' }).inputValue();
  // A QR code of each link, for a workshop room's screen.
  await expect(ioana.getByRole('img', { name: 'QR code of the Edit link' })).toBeVisible();
  await expect(ioana.getByRole('img', { name: 'QR code of the View link' })).toBeVisible();
  await ioana.getByRole('button', { name: 'Close' }).click();
  expect(editLink).not.toBe(viewLink);

  const marco = await person(browser, 'Marco Rossi', editLink);
  await expect(card(marco, 'Store visit with a sales advisor')).toBeVisible();
  // Each sees the other in the header.
  await expect(ioana.getByRole('button', { name: 'Follow Marco Rossi’s view' })).toBeVisible();
  await expect(marco.getByRole('button', { name: 'Follow Ioana Popescu’s view' })).toBeVisible();

  // Marco's cursor shows on Ioana's canvas, with his name.
  await marco.mouse.move(600, 420);
  await marco.mouse.move(640, 440, { steps: 4 });
  await expect(ioana.locator('.cursor').filter({ hasText: 'Marco Rossi' })).toBeVisible();

  // Marco follows Ioana's view: when she pans the map, his follows.
  await marco.getByRole('button', { name: 'Follow Ioana Popescu’s view' }).click();
  const header = (page: Page) => page.getByRole('listitem').filter({ hasText: 'Onboarding' }).first();
  const before = (await header(marco).boundingBox())!.x;
  await ioana.mouse.move(700, 500);
  await ioana.mouse.wheel(600, 0);
  await expect.poll(async () => (await header(marco).boundingBox())!.x).toBeLessThan(before - 200);
  await marco.getByRole('button', { name: 'Stop following Ioana Popescu' }).click();
  await ioana.mouse.wheel(-600, 0);
  await expect.poll(async () => (await header(ioana).boundingBox())!.x).toBeGreaterThan(before - 100);

  // Ioana adds a card and types: Marco sees it appear, and sees who is typing, letter by letter.
  await ioana.getByRole('button', { name: 'Add a card: Awareness · Customer actions' }).click();
  await ioana.keyboard.type('Întreabă colegii');
  await expect(card(marco, 'Note: Întreabă colegii')).toBeVisible();
  await expect(marco.locator('.peer-tag').filter({ hasText: 'Ioana Popescu is editing' })).toBeVisible();
  await ioana.keyboard.type(' – perché');
  await expect(card(marco, 'Note: Întreabă colegii – perché')).toBeVisible();
  await ioana.keyboard.press('Escape');

  // Marco selects a card: Ioana sees it outlined with his name.
  await card(marco, 'Store visit with a sales advisor').click();
  await expect(card(ioana, 'Store visit with a sales advisor').locator('.peer-tag')).toHaveText('Marco Rossi');

  // A stakeholder opens the view link: sees edits live, has no way to edit.
  const boss = await person(browser, 'Stakeholder', viewLink);
  await expect(boss.getByText('View only')).toBeVisible();
  await expect(boss.getByRole('button', { name: /Add a card/ })).toHaveCount(0);
  await expect(boss.getByRole('button', { name: 'Undo' })).toHaveCount(0);
  await marco.getByRole('button', { name: 'Add a card: Purchase · Thoughts & quotes' }).click();
  await marco.keyboard.type('Prea multe acte');
  await marco.keyboard.press('Escape');
  await expect(card(boss, 'Note: Prea multe acte')).toBeVisible();
  const viewerCard = card(boss, 'Note: Prea multe acte');
  await viewerCard.focus();
  await boss.keyboard.press('Delete');
  await viewerCard.dblclick();
  await expect(boss.getByRole('textbox', { name: 'Card text' })).toHaveCount(0);
  await expect(card(ioana, 'Note: Prea multe acte')).toBeVisible();

  // The server restarts: everyone reconnects and the map is intact.
  await server.shutdown();
  await expect(ioana.getByRole('status').filter({ hasText: /Reconnecting|Offline/ })).toBeVisible();
  await start(port);
  for (const page of [ioana, marco, boss]) await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible({ timeout: 20_000 });
  const fresh = await person(browser, 'Late joiner', editLink);
  await expect(card(fresh, 'Note: Întreabă colegii – perché')).toBeVisible();
  await expect(card(fresh, 'Note: Prea multe acte')).toBeVisible();
  await expect(card(fresh, 'Store visit with a sales advisor')).toBeVisible();
});

test('share links made on a page opened at 127.0.0.1 use the address the room can reach, or say that there is none', async ({ browser }) => {
  const ioana = await person(browser, 'Ioana Popescu', `http://127.0.0.1:${port}/`, false);
  await ioana.getByRole('button', { name: /Current-state journey/ }).click();
  await expect(ioana.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
  const share = ioana.getByRole('dialog', { name: 'Share this map' });

  // This server listens on 127.0.0.1 only: the links work on this computer, and the dialog says how to open it to the room.
  await ioana.getByRole('button', { name: 'Share' }).click();
  await expect(share.getByRole('textbox', { name: 'Edit link' })).toHaveValue(new RegExp(`^http://127\\.0\\.0\\.1:${port}/#/map/`));
  await expect(share.getByRole('note')).toHaveText(/only on this computer.*HOST=0\.0\.0\.0 npm start/);
  await share.getByRole('button', { name: 'Close' }).click();

  // A server that listens on every interface answers with its network address: the links and QR codes use it.
  await ioana.route('**/api/origin', (route) => route.fulfill({ json: { origin: 'http://192.0.2.7:8080' } }));
  await ioana.getByRole('button', { name: 'Share' }).click();
  await expect(share.getByRole('textbox', { name: 'Edit link' })).toHaveValue(/^http:\/\/192\.0\.2\.7:8080\/#\/map\/[\w-]+\?key=/);
  await expect(share.getByRole('textbox', { name: 'View link' })).toHaveValue(/^http:\/\/192\.0\.2\.7:8080\/#\/map\/[\w-]+\?key=/);
  await expect(share.getByRole('img', { name: 'QR code of the View link' })).toBeVisible();
  await expect(share.getByRole('note')).toHaveCount(0);
  await ioana.context().close();
});

test('people on a map wear different colours, and one changes their display name from their own avatar', async ({ browser }) => {
  const RED = 'rgb(225, 29, 72)'; // the palette's first colour
  const AMBER = 'rgb(217, 119, 6)'; // its second
  const colour = (button: Locator) => button.evaluate((e) => getComputedStyle(e).backgroundColor);
  const self = (page: Page, name: string) => page.getByRole('button', { name: `You (${name}): change your display name` });

  const ioana = await person(browser, 'Ioana Popescu', `http://127.0.0.1:${port}/`, false);
  await ioana.getByRole('button', { name: /Current-state journey/ }).click();
  // Alone on the map: the first colour.
  await expect.poll(() => colour(self(ioana, 'Ioana Popescu'))).toBe(RED);
  await ioana.getByRole('button', { name: 'Share' }).click();
  const editLink = await ioana.getByRole('textbox', { name: 'Edit link' }).inputValue();
  await ioana.getByRole('button', { name: 'Close' }).click();

  // Marco joins: the first colour nobody here wears, the same on both screens; Ioana keeps hers.
  const marco = await person(browser, 'Marco Rossi', editLink);
  await expect.poll(() => colour(self(marco, 'Marco Rossi'))).toBe(AMBER);
  await expect.poll(() => colour(ioana.getByRole('button', { name: 'Follow Marco Rossi’s view' }))).toBe(AMBER);
  await expect.poll(() => colour(marco.getByRole('button', { name: 'Follow Ioana Popescu’s view' }))).toBe(RED);
  await expect.poll(() => colour(self(ioana, 'Ioana Popescu'))).toBe(RED);

  // Marco changes his name from his own avatar; Cancel keeps the old one.
  const dialog = marco.getByRole('dialog', { name: 'Change your display name' });
  await self(marco, 'Marco Rossi').click();
  await expect(dialog.getByRole('textbox', { name: 'Display name' })).toHaveValue('Marco Rossi');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await self(marco, 'Marco Rossi').click();
  await dialog.getByRole('textbox', { name: 'Display name' }).fill('Marco R.');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(self(marco, 'Marco R.')).toBeVisible();
  await expect(ioana.getByRole('button', { name: 'Follow Marco R.’s view' })).toBeVisible();

  // Remembered: after a reload he is Marco R. at once, and still not in Ioana's colour.
  await marco.reload();
  await expect(self(marco, 'Marco R.')).toBeVisible();
  await expect(marco.getByRole('dialog')).toHaveCount(0);
  await expect.poll(() => colour(self(marco, 'Marco R.'))).toBe(AMBER);
  await ioana.context().close();
  await marco.context().close();
});
