// The department lens: a moment of truth that no department owns is flagged on its card with a
// warning icon and words (never colour alone); the legend lists "No department" with its count
// and the unowned moments of truth, says which hand-offs it cannot count, and never covers a card.
import { expect, test, type Page } from '@playwright/test';
import { card, createMap } from './fixtures';

const tools = (page: Page) => page.getByRole('toolbar', { name: 'Map tools' });
const legend = (page: Page) => page.getByRole('region', { name: 'Departments and hand-offs' });

async function clearDepartment(page: Page, text: string): Promise<void> {
  await tools(page).getByRole('button', { name: 'Details' }).click();
  const inspector = page.getByRole('complementary', { name: 'Details' });
  await card(page, text).click();
  const department = inspector.getByLabel('Owning department');
  await department.fill('');
  await department.press('Enter');
  await tools(page).getByRole('button', { name: 'Details' }).click();
  await expect(inspector).toHaveCount(0);
}

/** The cards drawn on the canvas whose boxes meet the legend's box. */
async function cardsUnderLegend(page: Page): Promise<string[]> {
  const box = (await legend(page).boundingBox())!;
  return page.locator('.card').evaluateAll(
    (els, l) =>
      els
        .filter((el) => {
          const b = el.getBoundingClientRect();
          return b.width > 0 && b.left < l.x + l.width && b.right > l.x && b.top < l.y + l.height && b.bottom > l.y;
        })
        .map((el) => el.getAttribute('aria-label') ?? ''),
    box,
  );
}

test('the lens flags a moment of truth with no department, lists "No department" and the unowned moments, and keeps the hand-offs honest', async ({ page }) => {
  await createMap(page, /Current-state journey/);
  await tools(page).getByRole('button', { name: 'Department lens' }).click();
  await expect(legend(page)).toBeVisible();
  // Every touchpoint of the template has a department: nothing flagged; Marketing → Sales → Operations → IT → Customer Service.
  await expect(page.locator('.lens-unowned')).toHaveCount(0);
  await expect(legend(page)).toContainText('Sales 3');
  await expect(legend(page)).toContainText('No department 1'); // a gap nobody owns
  await expect(legend(page)).toContainText('4 hand-offs between departments along the customer’s path');
  await expect(legend(page)).not.toContainText('not counted');
  await expect(legend(page)).not.toContainText('moment of truth');

  await clearDepartment(page, ': Store visit with a sales advisor');
  const store = card(page, ': Store visit with a sales advisor');
  const flag = store.locator('.lens-unowned');
  await expect(flag).toHaveText('No department');
  await expect(flag).toHaveAttribute('title', 'Moment of truth with no department');
  await expect(flag.locator('svg')).toHaveCount(1); // the warning icon beside the words
  await expect(store).toHaveClass(/lens-none/);
  // The other moment of truth keeps its department's tag, unflagged.
  await expect(card(page, ': Call centre').locator('.lens-tag')).toHaveText('Customer Service');

  await expect(legend(page)).toContainText('Sales 2');
  await expect(legend(page)).toContainText('No department 2'); // the store visit, and the gap nobody owns
  await expect(legend(page)).toContainText('1 moment of truth has no department: Store visit with a sales advisor');
  // Marketing → Sales → Operations became Marketing → Operations: one hand-off fewer, and the legend says why.
  await expect(legend(page)).toContainText('3 hand-offs between departments along the customer’s path (1 touchpoint has no department: hand-offs there are not counted)');
  // The unowned moment of truth in the legend shows its card.
  await legend(page).getByRole('button', { name: 'Store visit with a sales advisor' }).click();
  await expect(store).toBeFocused();
});

for (const [width, height] of [
  [1440, 900],
  [1280, 720],
] as const) {
  test(`the lens legend covers no card at ${width}x${height}, as the map opens and zoomed to fit`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await createMap(page, /Current-state journey/);
    await clearDepartment(page, ': Store visit with a sales advisor');
    await tools(page).getByRole('button', { name: 'Department lens' }).click();
    await expect(legend(page)).toBeVisible();
    await expect(page.locator('.card').first()).toBeVisible();
    expect(await cardsUnderLegend(page)).toEqual([]);
    // It sits above the canvas, not over it.
    const canvas = (await page.getByRole('region', { name: 'Journey map' }).boundingBox())!;
    const bar = (await legend(page).boundingBox())!;
    expect(bar.y + bar.height).toBeLessThanOrEqual(canvas.y + 0.5);
    await page.mouse.move(width - 5, height - 5);
    await page.screenshot({ path: test.info().outputPath(`lens-${width}.png`) });

    await page.getByRole('button', { name: 'Fit the whole map' }).click();
    await expect(page.locator('.card')).toHaveCount(23);
    expect(await cardsUnderLegend(page)).toEqual([]);
  });
}
