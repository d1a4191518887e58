// Evidence on a card, as a CX team uses it: say what a card rests on in Details, see assumptions
// stand out on the map (in words, not only colour), open the source, and filter to what still needs
// checking. The field was added through the card-kind registry (src/journey/cards).
import { expect, test } from '@playwright/test';
import { addCard, card, createMap } from './fixtures';

test('a card says what it rests on; assumptions stand out and can be shown alone', async ({ page }) => {
  await createMap(page, /Current-state journey/);
  const toolbar = page.getByRole('toolbar', { name: 'Map tools' });
  const guess = await addCard(page, 'Awareness · Customer actions', 'Reads reviews before switching');
  const measured = await addCard(page, 'Consideration · Customer actions', 'Compares three price plans');

  // Details of the first card: Evidence "Assumption".
  await guess.click();
  await toolbar.getByRole('button', { name: 'Details' }).click();
  const details = page.getByRole('complementary', { name: 'Details' });
  await expect(details).toContainText('Note');
  const evidence = details.getByLabel('Evidence', { exact: true });
  await expect(evidence).toHaveValue('');
  await evidence.selectOption({ label: 'Assumption' });
  await expect(guess).toHaveAccessibleName(/Evidence: Assumption/);
  await expect(guess.locator('.badge-assumption')).toHaveText('Assumption');

  // The second card: from a survey, with a link to it.
  await measured.click();
  await expect(details).toContainText('Consideration');
  await details.getByLabel('Evidence', { exact: true }).selectOption({ label: 'Survey' });
  const link = details.getByLabel('Source link');
  await link.fill('https://example.com/q3-survey');
  await link.press('Enter');
  await expect(details.getByRole('link', { name: 'Open the source' })).toHaveAttribute('href', 'https://example.com/q3-survey');
  await expect(measured.locator('.badge-evidence')).toHaveText('Survey');
  // The assumption's mark is drawn differently from evidence, not by colour alone: a dashed outline.
  const style = (l: typeof guess) => l.locator('.badge').last().evaluate((e) => getComputedStyle(e).borderStyle);
  expect(await style(guess)).toBe('dashed');
  expect(await style(measured)).not.toBe('dashed');

  // Filter: assumptions only.
  const everything = await page.locator('.card').count();
  await toolbar.getByRole('button', { name: 'Filter', exact: true }).click();
  const filter = page.getByRole('dialog', { name: 'Show only' });
  await filter.getByLabel('Evidence').selectOption({ label: 'Assumptions only' });
  await expect(page.locator('.card')).toHaveCount(1);
  await expect(card(page, 'Reads reviews before switching')).toBeVisible();
  await filter.getByLabel('Evidence').selectOption({ label: 'Backed by evidence' });
  await expect(page.locator('.card')).toHaveCount(1);
  await expect(card(page, 'Compares three price plans')).toBeVisible();
  await filter.getByRole('button', { name: 'Show everything' }).click();
  await expect(page.locator('.card')).toHaveCount(everything);

  // Clearing the evidence removes the mark; undo brings it back.
  await filter.getByRole('button', { name: 'Close' }).click();
  await guess.click();
  await details.getByLabel('Evidence', { exact: true }).selectOption({ label: 'Not stated' });
  await expect(guess.locator('.badge-assumption')).toHaveCount(0);
  await toolbar.getByRole('button', { name: 'Undo' }).click();
  await expect(guess.locator('.badge-assumption')).toHaveText('Assumption');
});
