// What a panel asks the canvas to do once (src/store/events.ts): show a card from the Open loops
// panel, every time it is asked, even for the same card twice; and the facilitator's "Bring
// everyone to my view", which only the facilitator's own canvas knows how to answer.
import { expect, test } from '@playwright/test';
import { createMap } from './fixtures';
import { join, person, shareNewMap } from './workshop';

test('a click in Open loops brings the card into view and focuses it, and so does a second click on it', async ({ page }) => {
  await createMap(page, /Current-state journey/);
  const toolbar = page.getByRole('toolbar', { name: 'Map tools' });
  const canvas = page.getByRole('region', { name: 'Journey map' });
  await toolbar.getByRole('button', { name: 'Open loops' }).click();
  const item = page.getByRole('complementary', { name: 'Open loops' }).locator('.loop-item').first();

  // The map panned far away first: no card is on screen.
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(6000, 3000);
  await expect(page.locator('.card')).toHaveCount(0);

  await item.click();
  const focused = page.locator('.card:focus');
  await expect(focused).toHaveCount(1);
  const id = await focused.getAttribute('data-card-id');
  // Off screen, the card is not drawn at all (React Flow renders only what is visible).
  const inView = async () => {
    const shown = page.locator(`[data-card-id="${id}"]`);
    if (!(await shown.count())) return false;
    const [c, b] = [(await canvas.boundingBox())!, await shown.boundingBox()];
    return !!b && b.x >= c.x && b.y >= c.y && b.x + b.width <= c.x + c.width && b.y + b.height <= c.y + c.height;
  };
  await expect.poll(inView).toBe(true);

  // Focus elsewhere and the map panned away again: asking for the same card again shows it again.
  await toolbar.getByRole('button', { name: 'Details' }).click();
  await expect(page.getByRole('complementary', { name: 'Details' })).toContainText('Pain point');
  await toolbar.getByRole('button', { name: 'Open loops' }).click();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(6000, 3000);
  await expect.poll(inView).toBe(false);
  await item.click();
  await expect(page.locator(`[data-card-id="${id}"]`)).toBeFocused();
  await expect.poll(inView).toBe(true);
});

test('the facilitator brings everyone to their view, twice', async ({ browser }) => {
  const baseURL = test.info().project.use.baseURL!;
  const ana = await person(browser, 'Ana', baseURL);
  const marco = await person(browser, 'Marco', baseURL);
  try {
    const map = await shareNewMap(ana, /Current-state journey/);
    await join(marco, map.editLink);
    await ana.getByRole('button', { name: 'Workshop', exact: true }).click();
    const panel = ana.getByRole('complementary', { name: 'Workshop' });
    await panel.getByRole('button', { name: 'Take the facilitator role' }).click();
    const bar = marco.getByRole('region', { name: 'Workshop now' });
    await expect(bar).toContainText('Facilitator: Ana');

    await panel.getByRole('button', { name: 'Bring everyone to my view' }).click();
    await expect(bar).toContainText('Ana brought everyone to their view');
    await panel.getByRole('button', { name: 'End the spotlight' }).click();
    await expect(bar).not.toContainText('brought everyone');
    // A second ask is a new event, not a field still set from the first.
    await panel.getByRole('button', { name: 'Bring everyone to my view' }).click();
    await expect(bar).toContainText('Ana brought everyone to their view');
  } finally {
    await ana.context().close();
    await marco.context().close();
  }
});
