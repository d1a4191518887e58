import { expect, test, type WebSocketRoute } from '@playwright/test';
import { addCard, card, createMap, exportFile } from './fixtures';

test('a map opens and reloads with no server at all, and keeps edits made offline', async ({ page, context }) => {
  await createMap(page, /Current-state journey/);
  // The app is cached by its service worker once it controls the page.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  });

  await context.setOffline(true);
  await page.reload();
  await expect(card(page, 'Store visit with a sales advisor')).toBeVisible();

  await page.getByRole('button', { name: 'Add a card: Awareness · Customer actions' }).click();
  await page.getByRole('textbox', { name: 'Card text' }).fill('Întreabă colegii – perché è così?');
  await page.keyboard.press('Escape');
  await page.reload();
  await expect(card(page, 'Întreabă colegii – perché è così?')).toBeVisible();

  // The picture export's code is loaded on demand, and was never used online: it was cached anyway.
  const picture = await exportFile(page, 'Picture (PNG) 1x');
  expect(picture.name).toMatch(/\.png$/);
  expect(picture.body.subarray(1, 4).toString()).toBe('PNG');
});

test('an undo made while the connection is down counts as a change not sent yet, and closing the tab asks first', async ({ page, browser }) => {
  // The sync socket goes through here, so the test can cut it (and refuse reconnections) at will.
  let down = false;
  const sockets: WebSocketRoute[] = [];
  await page.routeWebSocket(/\/sync\//, (ws) => {
    if (down) return ws.close({ code: 1012, reason: 'down' });
    ws.connectToServer();
    sockets.push(ws);
  });
  await createMap(page, /Current-state journey/);
  const status = page.getByRole('status').filter({ hasText: /Connected|Reconnecting|Offline/ });
  await expect(status).toHaveText(/Connected/);
  await addCard(page, 'Awareness · Customer actions', 'Undone offline');
  // Synced: closing now would lose nothing.
  await expect(status).not.toContainText('changes not sent yet');

  down = true;
  for (const ws of sockets) await ws.close({ code: 1012, reason: 'down' });
  await expect(status).not.toHaveText(/Connected/);
  await page.keyboard.press('Control+z');
  await expect(card(page, ': Undone offline')).toHaveCount(0);
  await expect(status).toContainText('changes not sent yet');
  const asked = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true });
  const dialog = await asked;
  expect(dialog.type()).toBe('beforeunload');
  await dialog.dismiss();
  expect(page.isClosed()).toBe(false);

  // Back online: the undo reaches the server, and the note goes away.
  down = false;
  await expect(status).toHaveText(/Connected/, { timeout: 20_000 });
  await expect(status).not.toContainText('changes not sent yet');
  await page.getByRole('button', { name: 'Share' }).click();
  const editLink = await page.getByRole('textbox', { name: 'Edit link' }).inputValue();
  const other = await browser.newPage();
  try {
    await other.goto(editLink);
    await expect(card(other, 'Store visit with a sales advisor')).toBeVisible();
    await expect(card(other, ': Undone offline')).toHaveCount(0);
  } finally {
    await other.close();
  }
});

test('each reason the server gives for closing the connection is told in plain words', async ({ page }) => {
  // The server's closes are played by the test: the socket is refused with `refuse`, else let through.
  let refuse: number | null = null;
  const sockets: WebSocketRoute[] = [];
  await page.routeWebSocket(/\/sync\//, (ws) => {
    if (refuse !== null) return ws.close({ code: refuse, reason: 'test' });
    ws.connectToServer();
    sockets.push(ws);
  });
  await createMap(page, /Current-state journey/);
  const status = page.getByRole('status').filter({ hasText: /Connected|Reconnecting|Offline|No access|Not syncing/ });
  const alert = page.getByRole('alert');
  await expect(status).toHaveText(/Connected/);

  // 4503: the client keeps retrying, and says why until the map is served again.
  refuse = 4503;
  for (const ws of sockets.splice(0)) await ws.close({ code: 4503, reason: 'test' });
  await expect(alert).toHaveText(/cannot open this map right now.*keeps trying/);
  await expect(status).not.toHaveText(/No access|Not syncing/);
  refuse = null;
  await expect(status).toHaveText(/Connected/, { timeout: 20_000 });
  await expect(alert).toHaveCount(0);

  // The closes the client stops on, each with its own message.
  const stops: [number, RegExp, RegExp][] = [
    [4400, /could not read what this tab sent.*Reload the page/, /Not syncing/],
    [4401, /does not accept this link’s key/, /No access/],
    [4404, /deleted from the server/, /No access/],
    [4413, /too large to send.*Undo the last import or paste/, /Not syncing/],
  ];
  for (const [code, message, state] of stops) {
    await expect(status).toHaveText(/Connected/, { timeout: 20_000 });
    for (const ws of sockets.splice(0)) await ws.close({ code, reason: 'test' });
    await expect(alert, String(code)).toHaveText(message);
    await expect(status, String(code)).toHaveText(state);
    await page.reload();
  }
});
