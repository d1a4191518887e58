import { expect, test, type Page } from '@playwright/test';
import { card, createMap } from './fixtures';

/** Presses Tab until the focused element's accessible name matches, at most `max` times. */
async function tabTo(page: Page, name: RegExp, max = 60): Promise<string> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const label = await page.evaluate(() => {
      const el = document.activeElement;
      return el ? el.getAttribute('aria-label') || el.textContent?.trim() || '' : '';
    });
    if (name.test(label)) return label;
  }
  throw new Error(`No element named ${name} within ${max} presses of Tab`);
}

test('create, edit, move, delete and restore a card with the keyboard alone', async ({ page }) => {
  await createMap(page, /Current-state journey/);

  const label = await tabTo(page, /^Add a card: .* · Customer actions$/);
  expect(label).toBe('Add a card: Awareness · Customer actions');
  await page.keyboard.press('Enter');
  const editor = page.getByRole('textbox', { name: 'Card text' });
  await expect(editor).toBeFocused();

  // Enter inside the text is a new line; Escape leaves editing and gives the card the focus.
  await page.keyboard.type('Line one');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Line two');
  await expect(editor).toHaveValue('Line one\nLine two');
  await page.keyboard.press('Escape');
  await expect(editor).toHaveCount(0);
  const mine = card(page, /^Note: Line one\s+Line two/);
  await expect(mine).toBeFocused();
  await expect(mine).toContainText('Line one');
  await expect(mine).toContainText('Line two');

  // Enter edits again (caret at the end); Ctrl+Enter leaves too.
  await page.keyboard.press('Enter');
  await expect(editor).toBeFocused();
  await page.keyboard.type(' (edited)');
  await page.keyboard.press('Control+Enter');
  await expect(editor).toHaveCount(0);
  await expect(mine).toBeFocused();
  await expect(mine).toContainText('Line two (edited)');

  // Arrows walk the cards: up and down the stage's column, left and right to the next stage.
  const aboveMine = card(page, 'Note: Sees a friend’s post about better coverage');
  await page.keyboard.press('ArrowUp');
  await expect(aboveMine).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(mine).toBeFocused();
  const considerationAction = card(page, 'Note: Compares plans and prices online');
  await page.keyboard.press('ArrowRight');
  await expect(considerationAction).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(card(page, 'Touchpoint: Operator website: plan comparison')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowLeft');
  await expect(aboveMine).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(mine).toBeFocused();

  // Alt+ArrowRight moves the card into the next stage (same lane); it keeps the focus.
  const column = (await considerationAction.boundingBox())!;
  const before = (await mine.boundingBox())!;
  expect(before.x).toBeLessThan(column.x - 50);
  await page.keyboard.press('Alt+ArrowRight');
  await expect.poll(async () => Math.abs((await mine.boundingBox())!.x - column.x)).toBeLessThan(2);
  await expect(mine).toBeFocused();

  // Delete removes it; Ctrl+Z brings it back where it was.
  await page.keyboard.press('Delete');
  await expect(mine).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(mine).toBeVisible();
  await expect(mine).toContainText('Line two (edited)');
  await expect.poll(async () => Math.abs((await mine.boundingBox())!.x - column.x)).toBeLessThan(2);
});

test('"?" opens the keyboard shortcuts and Escape closes them', async ({ page }) => {
  await createMap(page, /Current-state journey/);
  await card(page, 'Note: Compares plans and prices online').focus();
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Move the card to the next stage');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  // Focus goes back where it was.
  await expect(card(page, 'Note: Compares plans and prices online')).toBeFocused();

  // The toolbar button opens it too.
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
});

test('every button of the editor has an accessible name', async ({ page }) => {
  await createMap(page, /Current-state journey/);
  // Open both side panels' worth of controls, one after the other, and check each time.
  const unnamed = () =>
    page.locator('button, [role="button"], [role="slider"], [role="menuitem"]').evaluateAll((els) =>
      els.filter((el) => !(el.getAttribute('aria-label') || el.textContent || '').trim()).map((el) => el.outerHTML.slice(0, 120)),
    );
  expect(await page.locator('button').count()).toBeGreaterThan(30);
  expect(await unnamed()).toEqual([]);

  await page.getByRole('toolbar', { name: 'Map tools' }).getByRole('button', { name: 'Personas' }).click();
  await expect(page.getByRole('complementary', { name: 'Personas' })).toBeVisible();
  expect(await unnamed()).toEqual([]);

  await card(page, 'Touchpoint, Moment of truth: Store visit with a sales advisor').click();
  await page.getByRole('toolbar', { name: 'Map tools' }).getByRole('button', { name: 'Details' }).click();
  await expect(page.getByRole('complementary', { name: 'Details' })).toBeVisible();
  await page.getByRole('button', { name: 'Add lane' }).click();
  await expect(page.getByRole('menu', { name: 'Add lane' })).toBeVisible();
  expect(await unnamed()).toEqual([]);
});
