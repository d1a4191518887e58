import { expect, test, type Page } from '@playwright/test';
import { card, createMap, emotionPoint } from './fixtures';

const TEXT = 'Plată cu cardul în magazin – perché è così';
const TITLE = 'Portare il numero – călătoria Anei';

/** Makes one change of each sort: a card with diacritics, the title, a stage, an emotion score. */
async function makeChanges(page: Page): Promise<void> {
  await createMap(page, /Current-state journey/);

  await page.getByRole('button', { name: 'Add a card: Purchase · Customer actions' }).click();
  const editor = page.getByRole('textbox', { name: 'Card text' });
  await editor.fill(TEXT);
  await editor.press('Escape');
  await expect(card(page, `Note: ${TEXT}`)).toBeVisible();

  await page.getByRole('button', { name: /^Map title: / }).click();
  const title = page.getByRole('textbox', { name: 'Map title' });
  await title.fill(TITLE);
  await title.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE);

  await page.getByRole('button', { name: 'Add stage' }).click();
  await expect(page.getByRole('button', { name: 'Stage name: New stage' })).toBeVisible();

  const onboarding = emotionPoint(page, 'Onboarding');
  await expect(onboarding).toHaveAttribute('aria-valuenow', '-2');
  await onboarding.focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(onboarding).toHaveAttribute('aria-valuenow', '1');
}

/** Everything makeChanges did is on the open map. */
async function expectChanges(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE);
  await expect(card(page, `Note: ${TEXT}`)).toBeVisible();
  await expect(card(page, `Note: ${TEXT}`)).toContainText(TEXT);
  await expect(page.getByRole('button', { name: 'Stage name: New stage' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Stages' }).getByRole('listitem').nth(6)).toContainText('New stage');
  await expect(emotionPoint(page, 'Onboarding')).toHaveAttribute('aria-valuenow', '1');
  // The template's content is still there too.
  await expect(card(page, 'Touchpoint, Moment of truth: Store visit with a sales advisor')).toBeVisible();
}

async function openFromHome(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Your maps' })).toBeVisible();
  await page.getByRole('link', { name: `Open ${TITLE}` }).click();
  await expect(page.getByRole('region', { name: 'Journey map' })).toBeVisible();
}

test('a reload finds every change, read back from the browser storage', async ({ page, context }) => {
  await makeChanges(page);
  const url = page.url();

  await page.reload();
  await expect(page).toHaveURL(url);
  await expectChanges(page);

  // A fresh load of the home page lists the renamed map; opening it finds everything.
  await page.goto('/');
  await openFromHome(page);
  await expectChanges(page);

  // Offline, the map still opens: the data is in this browser (IndexedDB), not on the server.
  await context.setOffline(true);
  await page.getByRole('button', { name: 'Maps' }).click();
  await openFromHome(page);
  await expectChanges(page);
  await context.setOffline(false);
});

test('a map survives closing its page and opening a new one', async ({ page, context }) => {
  await makeChanges(page);
  await page.close();

  const again = await context.newPage();
  await again.goto('/');
  await openFromHome(again);
  await expectChanges(again);
});
