import { expect, test, type Page } from '@playwright/test';
import { card, openNewMap } from './fixtures';

const CURRENT = 'Switching mobile operator: today';

const backHome = async (page: Page) => {
  await page.getByRole('toolbar', { name: 'Map tools' }).getByRole('button', { name: 'Maps' }).click();
  await expect(page.getByRole('heading', { name: 'Your maps' })).toBeVisible();
};
const mapList = (page: Page) => page.getByRole('region', { name: 'Your maps' }).getByRole('listitem');
const mapItem = (page: Page, title: string) => mapList(page).filter({ has: page.getByRole('link', { name: `Open ${title}`, exact: true }) });
const stageNames = (page: Page) => page.getByRole('list', { name: 'Stages' }).getByRole('button', { name: /^Stage name: / });
const laneNames = (page: Page) => page.getByRole('list', { name: 'Lanes' }).getByRole('button', { name: /^Lane name: / });

test('a new map from each template, all listed on the home page', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByText('No maps yet in this browser.')).toBeVisible();

  await openNewMap(page, /Blank map/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('New journey map');
  await expect(stageNames(page)).toHaveText(['Stage 1', 'Stage 2', 'Stage 3']);
  await expect(page.locator('.card')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^State: Current state/ })).toBeVisible();

  await openNewMap(page, /Current-state journey/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(CURRENT);
  await expect(stageNames(page)).toHaveText(['Awareness', 'Consideration', 'Purchase', 'Onboarding', 'Use', 'Support']);
  await expect(card(page, 'Touchpoint, Moment of truth: Store visit with a sales advisor')).toBeVisible();
  await expect(page.getByRole('slider')).toHaveCount(6);

  await openNewMap(page, /Service blueprint/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Switching mobile operator: service blueprint');
  await expect(laneNames(page)).toHaveText(['Customer actions', 'Touchpoints & channels', 'Front stage', 'Back stage', 'Support processes']);
  await expect(card(page, 'Note: Credit check; contract printed')).toBeVisible();

  await openNewMap(page, /Future-state journey/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Switching mobile operator: future state');
  const badge = page.getByRole('button', { name: /^State: Future state/ });
  await expect(badge).toBeVisible();
  await expect(badge).toHaveText(/Future state/);
  await expect(card(page, 'Touchpoint, Moment of truth: Signs up in the app in 10 minutes')).toBeVisible();

  await backHome(page);
  await expect(mapList(page)).toHaveCount(4);
  for (const title of ['New journey map', CURRENT, 'Switching mobile operator: service blueprint', 'Switching mobile operator: future state']) {
    await expect(page.getByRole('link', { name: `Open ${title}`, exact: true })).toBeVisible();
  }
  // The most recent first.
  await expect(mapList(page).first()).toContainText('Switching mobile operator: future state');
});

test('rename from the list, make a future-state copy, delete with confirmation', async ({ page }) => {
  await openNewMap(page, /Current-state journey/);
  await backHome(page);

  // Rename from the list (its Rename button, or a click on the title): the map itself carries the new title.
  await page.getByRole('button', { name: `Rename ${CURRENT}`, exact: true }).click();
  const input = page.getByRole('textbox', { name: 'Rename map' });
  await expect(input).toBeFocused();
  await input.press('Escape');
  await expect(input).toHaveCount(0);
  await page.getByRole('button', { name: `Rename map: ${CURRENT}` }).click();
  await input.fill('Operator switch – Bucharest');
  await input.press('Enter');
  await expect(mapItem(page, 'Operator switch – Bucharest')).toHaveCount(1);
  await expect(mapItem(page, CURRENT)).toHaveCount(0);
  await mapItem(page, 'Operator switch – Bucharest').getByRole('link', { name: 'Open', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Operator switch – Bucharest');
  const labels = await page.locator('.card').evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')));
  expect(labels.length).toBeGreaterThan(10);
  await backHome(page);

  // A future-state copy: a second entry, opening on the same cards, marked as future state.
  await mapItem(page, 'Operator switch – Bucharest').getByRole('button', { name: 'Make a future-state copy' }).click();
  const copyTitle = 'Operator switch – Bucharest (future state)';
  await expect(mapList(page)).toHaveCount(2);
  await expect(mapItem(page, copyTitle)).toContainText('Future state');
  await expect(mapItem(page, 'Operator switch – Bucharest')).toContainText('Current state');
  await page.getByRole('link', { name: `Open ${copyTitle}`, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(copyTitle);
  await expect(page.getByRole('button', { name: /^State: Future state/ })).toBeVisible();
  await expect(page.locator('.card').first()).toBeVisible();
  await expect.poll(() => page.locator('.card').evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')))).toEqual(labels);
  await backHome(page);

  // Delete asks first: Cancel keeps the map, Delete removes it.
  await page.getByRole('button', { name: `Delete ${copyTitle}` }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete this map?' });
  await expect(dialog).toContainText(copyTitle);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(mapList(page)).toHaveCount(2);

  await page.getByRole('button', { name: `Delete ${copyTitle}` }).click();
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(dialog).toHaveCount(0);
  await expect(mapItem(page, copyTitle)).toHaveCount(0);
  await expect(mapList(page)).toHaveCount(1);

  // Still gone after a reload; the original is untouched.
  await page.reload();
  await expect(mapList(page)).toHaveCount(1);
  await expect(mapItem(page, 'Operator switch – Bucharest')).toHaveCount(1);
});

test('the interface language is Romanian or Italian on request, and stays so after a reload', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Your maps' })).toBeVisible();

  await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: 'Română' });
  await expect(page.getByRole('heading', { name: 'Hărțile tale' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Hartă nouă' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Your maps' })).toHaveCount(0);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ro');

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Hărțile tale' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ro');
  // A new map is made in Romanian too.
  await page.getByRole('button', { name: /Hartă goală/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hartă nouă a călătoriei clientului');
  await expect(page.getByRole('button', { name: '+ Adaugă o etapă', exact: true })).toBeVisible();

  // Switch to Italian from the editor's toolbar.
  await page.getByRole('combobox', { name: 'Limbă' }).selectOption({ label: 'Italiano' });
  await expect(page.getByRole('button', { name: '+ Aggiungi una fase', exact: true })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: '+ Aggiungi una fase', exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'it');
  await page.getByRole('toolbar').getByRole('button', { name: 'Mappe' }).click();
  await expect(page.getByRole('heading', { name: 'Le tue mappe' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Nuova mappa' })).toBeVisible();
});
