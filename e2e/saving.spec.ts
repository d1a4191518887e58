// "All changes saved" only on the server's word. The sync socket goes through the test: it lets the
// real server's messages through, and plays a server that cannot save (a full disk) by saying so
// (message 101) and holding back its durable confirmations (message 100) until it saves again, as
// the real server does (server/saving.test.ts tests that server on a real full disk).
import { expect, test, type WebSocketRoute } from '@playwright/test';
import { addCard, card, createMap } from './fixtures';

test('the badge says all changes are saved once the server stored them; while it cannot save the tab says so, and closing it asks first', async ({ page, request }) => {
  let cannotSave = false;
  const routes: { ws: WebSocketRoute; held: Buffer[] }[] = [];
  await page.routeWebSocket(/\/sync\//, (ws) => {
    const server = ws.connectToServer();
    const route = { ws, held: [] as Buffer[] };
    routes.push(route);
    ws.onMessage((m) => server.send(m));
    server.onMessage((m) => {
      if (typeof m !== 'string' && cannotSave && m[0] === 100) return void route.held.push(m);
      ws.send(m);
    });
  });
  const say = (failing: boolean) => routes.forEach((r) => r.ws.send(Buffer.from([101, failing ? 1 : 0])));

  await createMap(page, /Current-state journey/);
  const status = page.getByRole('status').filter({ hasText: /Connected|Reconnecting|Offline/ });
  await expect(status).toHaveText(/Connected · All changes saved/);
  await page.getByRole('button', { name: 'Share' }).click();
  const link = new URL(await page.getByRole('textbox', { name: 'Edit link' }).inputValue());
  await page.keyboard.press('Escape');
  const [, id, key] = /^#\/map\/([\w-]+)\?key=([\w-]+)$/.exec(link.hash)!;
  const stored = async () => {
    const res = await request.get(`/api/maps/${id}/export.json`, { headers: { authorization: `Bearer ${key}` } });
    return ((await res.json()) as { journey: { cards: { text: string }[] } }).journey.cards.map((c) => c.text);
  };

  // Typed, then told saved: and it is on the server by then.
  await addCard(page, 'Awareness · Customer actions', 'Stored for real');
  await expect(status).toHaveText(/Connected · All changes saved/);
  expect(await stored()).toContain('Stored for real');

  // The server cannot save: everyone on the map is told in plain words, the badge stays at
  // "Saving…", and closing the tab asks first.
  cannotSave = true;
  say(true);
  const alert = page.getByRole('alert');
  await expect(alert).toHaveText('The server cannot save right now; your changes are kept in this browser.');
  await addCard(page, 'Awareness · Customer actions', 'Kept in this browser');
  await expect(status).toHaveText(/Connected · Saving…/);
  await page.waitForTimeout(500);
  await expect(status).toHaveText(/Connected · Saving…/);
  const asked = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true });
  const dialog = await asked;
  expect(dialog.type()).toBe('beforeunload');
  await dialog.dismiss();
  expect(page.isClosed()).toBe(false);

  // It saves again: the confirmations it held come, the notice goes, and the tab closes without a word.
  cannotSave = false;
  say(false);
  for (const r of routes) for (const m of r.held.splice(0)) r.ws.send(m);
  await expect(alert).toHaveCount(0);
  await expect(status).toHaveText(/Connected · All changes saved/);
  expect(await stored()).toContain('Kept in this browser');
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.accept();
  });
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => page.isClosed()).toBe(true);
  expect(dialogs).toBe(0);
});

test('refused for now with 4507 (the server holds all the unsaved changes it may), the tab says why, keeps its changes and sends them once let in', async ({ page, browser }) => {
  let refuse = false;
  const sockets: WebSocketRoute[] = [];
  await page.routeWebSocket(/\/sync\//, (ws) => {
    if (refuse) return ws.close({ code: 4507, reason: 'the server cannot save: try again later' });
    ws.connectToServer();
    sockets.push(ws);
  });
  await createMap(page, /Current-state journey/);
  const status = page.getByRole('status').filter({ hasText: /Connected|Reconnecting|Offline|No access|Not syncing/ });
  await expect(status).toHaveText(/Connected · All changes saved/);

  refuse = true;
  for (const ws of sockets.splice(0)) await ws.close({ code: 4507, reason: 'the server cannot save: try again later' });
  await expect(page.getByRole('alert')).toHaveText(/cannot save right now.*kept in this browser.*tries again on its own/);
  await addCard(page, 'Awareness · Customer actions', 'Written while refused');
  await expect(status).toHaveText(/Reconnecting… · changes not sent yet/);
  await expect(status).not.toHaveText(/No access|Not syncing/);

  refuse = false;
  await expect(status).toHaveText(/Connected · All changes saved/, { timeout: 20_000 });
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.getByRole('button', { name: 'Share' }).click();
  const editLink = await page.getByRole('textbox', { name: 'Edit link' }).inputValue();
  const other = await browser.newPage();
  try {
    await other.goto(editLink);
    await expect(card(other, ': Written while refused')).toBeVisible();
  } finally {
    await other.close();
  }
});
