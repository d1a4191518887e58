// Presentation mode in a workshop: an editor presents the map they are working on, starting from a
// stage header or from the selected card's stage, and can still fix a card's text while presenting.
import { expect, test, type Page } from '@playwright/test';
import { card, createMap } from './fixtures';

const STORE_VISIT = 'Touchpoint, Moment of truth: Store visit with a sales advisor';
const panel = (page: Page) => page.getByRole('complementary', { name: 'Presentation' });

test('an editor starts the presentation from a stage header with the mouse', async ({ page }) => {
  await createMap(page, /Current-state journey/);
  const header = page.getByRole('list', { name: 'Stages' }).getByRole('listitem').filter({ hasText: 'Purchase' });
  await header.hover();
  const present = page.getByRole('button', { name: 'Present from stage Purchase' });
  await expect(present).toBeVisible();
  // A short wait for the button to take the click: it must not be covered by the header's tools.
  await present.click({ timeout: 10_000 });
  await expect(panel(page)).toContainText('Stage 3 of 6');
  await expect(panel(page).getByRole('heading', { level: 2 })).toHaveText(/Purchase$/);
});

test('while presenting, the arrow keys and Escape in a card’s text editor edit the text, not the presentation', async ({ page }) => {
  await createMap(page, /Current-state journey/);
  // With a card selected, Present starts at that card's stage.
  await card(page, STORE_VISIT).click();
  await page.getByRole('toolbar', { name: 'Map tools' }).getByRole('button', { name: 'Present', exact: true }).click();
  await expect(panel(page)).toContainText('Stage 3 of 6');

  await card(page, STORE_VISIT).dblclick();
  const editor = page.getByRole('textbox', { name: 'Card text' });
  await expect(editor).toBeFocused();
  await editor.press('End');
  await editor.press('ArrowLeft');
  await editor.press('ArrowLeft');
  await editor.press('X');
  await expect(editor).toHaveValue('Store visit with a sales advisXor');
  await expect(panel(page)).toContainText('Stage 3 of 6');

  // Escape leaves the editor; the presentation goes on until the next Escape.
  await editor.press('Escape');
  await expect(editor).toHaveCount(0);
  await expect(card(page, 'Touchpoint, Moment of truth: Store visit with a sales advisXor')).toBeVisible();
  await expect(panel(page)).toContainText('Stage 3 of 6');
  await page.keyboard.press('Escape');
  await expect(panel(page)).toHaveCount(0);
});
