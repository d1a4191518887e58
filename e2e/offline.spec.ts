import { expect, test } from '@playwright/test';
import { card, createMap, exportFile } from './fixtures';

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
