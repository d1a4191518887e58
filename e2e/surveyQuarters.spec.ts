// Survey figures say which quarter they are from when it is not the map's newest, so figures from
// different quarters side by side never pass for one; and a future-state copy of a map does not show
// its source's current-state figures as its own (it gets neither the figures nor their answers).
import { expect, test, type Page } from '@playwright/test';
import { card, createMap, csvFile, importFile } from './fixtures';

const pad = (n: number) => String(n).padStart(2, '0');
const day = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const quarterOf = (d: Date) => `${d.getFullYear()}-Q${Math.floor(d.getMonth() / 3) + 1}`;
const TODAY = new Date();
const BEFORE = new Date(TODAY.getFullYear(), Math.floor(TODAY.getMonth() / 3) * 3 - 3, 10);
const THIS_QUARTER = quarterOf(TODAY);
const LAST_QUARTER = quarterOf(BEFORE);

/** The social media ad answered only in the quarter before; the store visit in this one. */
async function importSurvey(page: Page): Promise<void> {
  const rows = ['date;touchpoint;metric;score;comment'];
  for (const s of [9, 10, 7, 3]) rows.push(`${day(BEFORE)};Social media ad;NPS;${s};`);
  for (const s of [10, 9, 9, 8, 6, 2]) rows.push(`${day(TODAY)};Store visit with a sales advisor;NPS;${s};Score ${s}`);
  await importFile(page, 'Survey answers (CSV)', csvFile('survey.csv', `${rows.join('\n')}\n`));
  const dialog = page.getByRole('dialog', { name: 'Import survey answers from survey.csv' });
  await dialog.getByRole('button', { name: 'Import 10 answers' }).click();
  await expect(dialog).toHaveCount(0);
}

test('a badge from an older quarter than the map’s newest names its quarter, on its face and in its accessible name', async ({ page }) => {
  await createMap(page, /Current-state journey/);
  await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
  await importSurvey(page);

  const ad = card(page, ': Social media ad').getByRole('img', { name: /^NPS/ });
  await expect(ad).toHaveAccessibleName(`NPS +25, n = 4 (${LAST_QUARTER}) · small sample: read with care`);
  await expect(ad).toContainText(`n=4 ⚠ · ${LAST_QUARTER}`);
  // The newest quarter's figures need no date: they are the map's now.
  const store = card(page, ': Store visit with a sales advisor').getByRole('img', { name: /^NPS/ });
  await expect(store).toHaveAccessibleName(`NPS +17, n = 6 (${THIS_QUARTER}) · small sample: read with care`);
  await expect(store).toContainText('n=6');
  await expect(store).not.toContainText(THIS_QUARTER);
  await expect(store).not.toContainText(LAST_QUARTER);
});

test('a future-state copy does not show its source’s current-state figures: none on its cards, none in its heat; the source keeps them', async ({ page }) => {
  await createMap(page, /Current-state journey/);
  await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
  await importSurvey(page);
  await expect(page.locator('.card .voc-badge')).toHaveCount(2);
  // The source quotes its customers on the store visit.
  await card(page, ': Store visit with a sales advisor').click();
  await page.getByRole('toolbar', { name: 'Map tools' }).getByRole('button', { name: 'Details' }).click();
  await expect(page.getByRole('complementary', { name: 'Details' }).getByRole('region', { name: 'What customers said' })).toContainText('Score 10');
  await page.getByRole('toolbar', { name: 'Map tools' }).getByRole('button', { name: 'Details' }).click();
  await expect(page.getByRole('complementary', { name: 'Details' })).toHaveCount(0);

  await page.getByRole('toolbar', { name: 'Map tools' }).getByRole('button', { name: 'Maps' }).click();
  const list = page.getByRole('region', { name: 'Your maps' }).getByRole('listitem');
  await list.getByRole('button', { name: 'Make a future-state copy' }).click();
  const copyTitle = 'Switching mobile operator: today (future state)';
  await expect(list).toHaveCount(2);
  await page.getByRole('link', { name: `Open ${copyTitle}`, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(copyTitle);
  await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
  await expect(card(page, ': Store visit with a sales advisor')).toBeVisible();
  await expect(card(page, ': Social media ad')).toBeVisible();
  await expect(page.locator('.card .voc-badge')).toHaveCount(0);
  // Heat has nothing to paint, and the quarter's quotes are not the copy's either.
  await page.getByRole('toolbar', { name: 'Map tools' }).getByRole('button', { name: 'Heat' }).click();
  expect(await card(page, ': Store visit with a sales advisor').evaluate((el) => (el as HTMLElement).style.background)).toBe('');
  await card(page, ': Store visit with a sales advisor').click();
  await page.getByRole('toolbar', { name: 'Map tools' }).getByRole('button', { name: 'Details' }).click();
  const details = page.getByRole('complementary', { name: 'Details' });
  await expect(details).toContainText('Touchpoint · Purchase');
  await expect(details.getByRole('region', { name: 'What customers said' })).toHaveCount(0);

  // The source still has its figures.
  await page.getByRole('toolbar', { name: 'Map tools' }).getByRole('button', { name: 'Maps' }).click();
  await page.getByRole('link', { name: 'Open Switching mobile operator: today', exact: true }).click();
  await expect(card(page, ': Social media ad').getByRole('img', { name: /^NPS/ })).toBeVisible();
  await expect(page.locator('.card .voc-badge')).toHaveCount(2);
});
