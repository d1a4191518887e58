import { expect, test, type Locator } from '@playwright/test';
import { addCard, card, createMap } from './fixtures';

const A1 = 'Note: Sees a friend’s post about better coverage';
const A2 = 'Touchpoint: Social media ad';
const A3 = 'Note: “My bill keeps going up and the signal at home is weak.”';
const C1 = 'Note: Compares plans and prices online';
const C2 = 'Touchpoint: Operator website: plan comparison';
const P1 = 'Note: Goes to a store to sign up and move the number';

const box = async (l: Locator) => (await l.boundingBox())!;
const selected = (l: Locator) => expect(l).toHaveAttribute('data-selected', 'true');
const notSelected = (l: Locator) => expect(l).toHaveAttribute('data-selected', 'false');

test('click and shift+click select cards; Delete removes them together; undo restores cards and selection', async ({ page }) => {
  await createMap(page, /Current-state journey/);
  const [a1, a2, c1, p1] = [card(page, A1), card(page, A2), card(page, C1), card(page, P1)];

  await a1.click();
  await selected(a1);
  await a2.click({ modifiers: ['Shift'] });
  await c1.click({ modifiers: ['Shift'] });
  await selected(a1);
  await selected(a2);
  await selected(c1);
  await notSelected(p1);

  // A plain click starts a new selection; shift+click on a selected card takes it out.
  await p1.click();
  await selected(p1);
  await notSelected(a1);
  await a1.click();
  await a2.click({ modifiers: ['Shift'] });
  await c1.click({ modifiers: ['Shift'] });
  await c1.click({ modifiers: ['Shift'] });
  await notSelected(c1);
  await c1.click({ modifiers: ['Shift'] });
  await expect(page.locator('.card[data-selected="true"]')).toHaveCount(3);

  await page.keyboard.press('Delete');
  await expect(a1).toHaveCount(0);
  await expect(a2).toHaveCount(0);
  await expect(c1).toHaveCount(0);
  await expect(p1).toBeVisible();

  await page.keyboard.press('Control+z');
  await expect(a1).toBeVisible();
  await expect(a2).toBeVisible();
  await expect(c1).toBeVisible();
  await selected(a1);
  await selected(a2);
  await selected(c1);
  await notSelected(p1);
});

test('shift+drag on empty space selects the cards inside the box; Ctrl+D duplicates the selection', async ({ page }) => {
  await createMap(page, /Current-state journey/);
  const [a1, a2, a3, c1, c2] = [card(page, A1), card(page, A2), card(page, A3), card(page, C1), card(page, C2)];
  const top = await box(a1);
  const bottom = await box(a2);

  // From the empty space below and right of the Awareness touchpoint, up past the first card.
  const start = { x: bottom.x + bottom.width + 8, y: bottom.y + bottom.height + 8 };
  await page.keyboard.down('Shift');
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x - 40, start.y - 40, { steps: 4 });
  await page.mouse.move(top.x - 10, top.y - 10, { steps: 8 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  await selected(a1);
  await selected(a2);
  await notSelected(a3);
  await notSelected(c1);
  await notSelected(c2);

  // Ctrl+D makes a copy of each selected card, next to it, and selects the copies. (Nothing has
  // the focus after a box selection: the shortcut must act on the selection all the same.)
  await page.keyboard.press('Control+d');
  await expect(card(page, A1)).toHaveCount(2);
  await expect(card(page, A2)).toHaveCount(2);
  await expect(card(page, A3)).toHaveCount(1);
  await expect(page.locator('.card[data-selected="true"]')).toHaveCount(2);
  await notSelected(card(page, A1).first());
  await selected(card(page, A1).last());
  // The copy sits under the original, in the same stage.
  const [original, copy] = [await box(card(page, A1).first()), await box(card(page, A1).last())];
  expect(Math.abs(copy.x - original.x)).toBeLessThan(1);
  expect(copy.y).toBeGreaterThan(original.y + original.height - 1);
});

test('Ctrl+D duplicates the cards selected with click and shift+click', async ({ page }) => {
  await createMap(page, /Current-state journey/);
  await card(page, A1).click();
  await card(page, C1).click({ modifiers: ['Shift'] });
  await page.keyboard.press('Control+d');
  await expect(card(page, A1)).toHaveCount(2);
  await expect(card(page, C1)).toHaveCount(2);
  await expect(card(page, A2)).toHaveCount(1);
  // The copies are selected, the originals no longer; each copy sits under its original.
  await expect(page.locator('.card[data-selected="true"]')).toHaveCount(2);
  await notSelected(card(page, A1).first());
  await selected(card(page, A1).last());
  await selected(card(page, C1).last());
  const [original, copy] = [await box(card(page, C1).first()), await box(card(page, C1).last())];
  expect(Math.abs(copy.x - original.x)).toBeLessThan(1);
  expect(copy.y).toBeGreaterThan(original.y + original.height - 1);
  // One undo step removes both copies.
  await page.keyboard.press('Control+z');
  await expect(card(page, A1)).toHaveCount(1);
  await expect(card(page, C1)).toHaveCount(1);
});

test('copy and paste cards within a map and into another map', async ({ page }) => {
  await createMap(page, /Current-state journey/);
  const mapA = page.url();
  const c1 = card(page, C1);

  // Within the map: copy a card, select another, paste: a copy appears, selected, with the same text.
  await card(page, A1).click();
  await page.keyboard.press('Control+c');
  await c1.click();
  await page.keyboard.press('Control+v');
  await expect(card(page, A1)).toHaveCount(2);
  await notSelected(card(page, A1).first());
  await selected(card(page, A1).last());
  await notSelected(c1);
  await expect(card(page, A1).last()).toContainText('Sees a friend’s post about better coverage');
  // Pasting again makes one more copy.
  await page.keyboard.press('Control+v');
  await expect(card(page, A1)).toHaveCount(3);

  // Into another map: copy two cards in map A, go home, make map B, select a card there, paste.
  await card(page, A2).click();
  await card(page, C2).click({ modifiers: ['Shift'] });
  await page.keyboard.press('Control+c');
  await page.getByRole('toolbar', { name: 'Map tools' }).getByRole('button', { name: 'Maps' }).click();
  await page.getByRole('button', { name: /Service blueprint/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Switching mobile operator: service blueprint');
  expect(page.url()).not.toBe(mapA);
  await expect(card(page, A2)).toHaveCount(0);
  await card(page, 'Note: Goes to a store to sign up and move the number').click();
  await page.keyboard.press('Control+v');
  await expect(card(page, A2)).toHaveCount(1);
  await expect(card(page, C2)).toHaveCount(1);
  await selected(card(page, A2));
  await selected(card(page, C2));
  // Their kind and fields came along.
  await expect(card(page, A2)).toContainText('Social');
  await expect(card(page, C2)).toContainText('Web');
});

test('dragging a card within its cell changes its place among the cell’s cards', async ({ page }) => {
  await createMap(page, /Current-state journey/);
  const first = card(page, A1);
  const second = await addCard(page, 'Awareness · Customer actions', 'Asks colleagues which operator they use');
  const third = await addCard(page, 'Awareness · Customer actions', 'Reads reviews on a forum');
  const y1 = (await box(first)).y;
  const y2 = (await box(second)).y;
  const y3 = (await box(third)).y;
  expect(y1).toBeLessThan(y2);
  expect(y2).toBeLessThan(y3);

  // Drag the third card to the top of the cell.
  const from = await box(third);
  await page.mouse.move(from.x + 60, from.y + 40);
  await page.mouse.down();
  await page.mouse.move(from.x + 60, from.y + 20, { steps: 4 });
  await page.mouse.move(from.x + 60, y1 + 30, { steps: 10 });
  await page.mouse.up();
  await expect.poll(async () => Math.round((await box(third)).y)).toBe(Math.round(y1));
  await expect.poll(async () => Math.round((await box(first)).y)).toBe(Math.round(y2));
  await expect.poll(async () => Math.round((await box(second)).y)).toBe(Math.round(y3));
  expect((await box(third)).x).toBeCloseTo(from.x, 0);
});

test('link two cards by dragging a handle; label the link; deleting a card removes its link', async ({ page }) => {
  await createMap(page, /Current-state journey/);
  const [a1, c1] = [card(page, A1), card(page, C1)];
  const edges = page.locator('.react-flow__edge');
  await expect(edges).toHaveCount(0);

  await a1.hover();
  const source = await box(a1.locator('.react-flow__handle.source'));
  const target = await box(c1.locator('.react-flow__handle.target'));
  await page.mouse.move(source.x + source.width / 2 - 2, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move(source.x + 40, source.y + 10, { steps: 4 });
  await page.mouse.move(target.x + target.width / 2 + 2, target.y + target.height / 2, { steps: 10 });
  await page.mouse.up();
  await expect(edges).toHaveCount(1);

  // Select the link (click on its line, half way) and give it a label in the inspector.
  const line = await box(edges.first().locator('path').first());
  await page.mouse.click(line.x + line.width / 2, line.y + line.height / 2);
  const inspector = page.getByRole('complementary', { name: 'Details' });
  await expect(inspector).toContainText('Link');
  const label = inspector.getByLabel('Label');
  await label.fill('then compares');
  await label.press('Enter');
  await expect(page.locator('.link-label')).toHaveText('then compares');

  // Deleting one of its cards removes the link; undo brings both back.
  await c1.click();
  await page.keyboard.press('Delete');
  await expect(c1).toHaveCount(0);
  await expect(edges).toHaveCount(0);
  await expect(page.locator('.link-label')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(c1).toBeVisible();
  await expect(edges).toHaveCount(1);
  await expect(page.locator('.link-label')).toHaveText('then compares');
});
