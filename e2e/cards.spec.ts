import { expect, test } from '@playwright/test';
import { card, createMap } from './fixtures';

test('create a map from a template, add, edit, move and delete a card, undo and redo', async ({ page }) => {
  await createMap(page, /Current-state journey/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Switching mobile operator');
  await expect(page.getByRole('listitem').filter({ hasText: 'Awareness' }).first()).toBeVisible();

  // Add a card with the cell's "+" and type into it.
  await page.getByRole('button', { name: 'Add a card: Awareness · Customer actions' }).click();
  const editor = page.getByRole('textbox', { name: 'Card text' });
  await expect(editor).toBeFocused();
  await editor.fill('Asks colleagues which operator they use');
  await editor.press('Escape');
  const added = card(page, 'Note: Asks colleagues which operator they use');
  await expect(added).toBeVisible();

  // Undo removes the text and then the card; redo brings them back.
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(added).toHaveCount(0);
  await page.keyboard.press('Control+Shift+Z');
  await page.keyboard.press('Control+y');
  await expect(added).toBeVisible();

  // Drag the card into the next stage.
  const target = page.getByRole('button', { name: 'Add a card: Consideration · Customer actions' });
  const from = await added.boundingBox();
  const to = await target.boundingBox();
  await page.mouse.move(from!.x + 40, from!.y + 40);
  await page.mouse.down();
  await page.mouse.move(to!.x + 40, to!.y - 10, { steps: 12 });
  await page.mouse.up();
  await expect.poll(async () => (await added.boundingBox())!.x).toBeGreaterThan(from!.x + 100);

  // Delete it with the keyboard.
  await added.focus();
  await page.keyboard.press('Delete');
  await expect(added).toHaveCount(0);
});
