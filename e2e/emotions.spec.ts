import { expect, test } from '@playwright/test';
import { createMap, emotionPoint, openNewMap } from './fixtures';

const ANA = 'Ana, 34, project manager';

test('an emotion point is a slider: arrow keys and the mouse set its score', async ({ page }) => {
  await createMap(page, /Current-state journey/);
  const consideration = emotionPoint(page, 'Consideration');
  await expect(consideration).toHaveAttribute('aria-valuenow', '0');
  await expect(consideration).toHaveAttribute('aria-valuemin', '-2');
  await expect(consideration).toHaveAttribute('aria-valuemax', '2');

  await consideration.focus();
  await page.keyboard.press('ArrowUp');
  await expect(consideration).toHaveAttribute('aria-valuenow', '1');
  await expect(consideration).toHaveAttribute('aria-valuetext', /\+1 positive/);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(consideration).toHaveAttribute('aria-valuenow', '-1');
  await expect(consideration).toBeFocused();

  // Drag the Awareness point (+1) down by two steps of the scale: it lands on -1.
  const awareness = emotionPoint(page, 'Awareness');
  await expect(awareness).toHaveAttribute('aria-valuenow', '1');
  // The point's disc, not the circle of the face icon drawn on it.
  const face = (point: typeof awareness) => point.locator(':scope > circle');
  const plusOne = (await face(awareness).boundingBox())!;
  const minusOne = (await face(consideration).boundingBox())!; // Consideration is now at -1: two steps below +1
  const step = (minusOne.y - plusOne.y) / 2;
  expect(step).toBeGreaterThan(10);
  const x = plusOne.x + plusOne.width / 2;
  const y = plusOne.y + plusOne.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x, y + step, { steps: 5 });
  await page.mouse.move(x, y + 2 * step, { steps: 5 });
  await page.mouse.up();
  await expect(awareness).toHaveAttribute('aria-valuenow', '-1');
  await expect.poll(async () => Math.abs((await face(awareness).boundingBox())!.y - minusOne.y)).toBeLessThan(3);

  // Undo puts it back where it was.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(awareness).toHaveAttribute('aria-valuenow', '1');
});

test('a ghost "+" sets a point on a blank map, and its note shows on the curve', async ({ page }) => {
  await openNewMap(page, /Blank map/);
  await expect(page.getByRole('slider')).toHaveCount(0);
  const ghost = page.getByRole('button', { name: 'Set the emotion at Stage 2' });
  await ghost.click();
  const point = emotionPoint(page, 'Stage 2');
  await expect(point).toHaveAttribute('aria-valuenow', '0');
  await expect(ghost).toHaveCount(0);
  await expect(page.getByRole('slider')).toHaveCount(1);

  // Enter opens the point in the inspector; the note is saved when the field is left.
  await point.focus();
  await page.keyboard.press('Enter');
  const inspector = page.getByRole('complementary', { name: 'Details' });
  await expect(inspector).toBeVisible();
  await expect(inspector).toContainText('Emotion · Stage 2');
  const note = inspector.getByLabel('Why (note)');
  await note.fill('Queue at the desk');
  await note.press('Tab');
  // Drawn whole on the curve, and the point's description for a screen reader.
  await expect(page.locator('.emotion-note-box', { hasText: 'Queue at the desk' })).toBeVisible();
  await expect(point).toHaveAccessibleDescription('Queue at the desk');

  // The score picker in the inspector moves the point too.
  await inspector.getByRole('radio', { name: /very positive/ }).check();
  await expect(point).toHaveAttribute('aria-valuenow', '2');
  await expect(point).toHaveAccessibleDescription('Queue at the desk');
});

test('two personas: two curves and a legend naming both', async ({ page }) => {
  await createMap(page, /Current-state journey/);
  const curve = page.getByRole('group', { name: 'Emotional curve' });
  await expect(curve.getByRole('slider')).toHaveCount(6);
  const legend = page.getByRole('list', { name: 'Curves by persona' });
  await expect(legend).toHaveCount(0); // one persona: no legend needed

  await page.getByRole('toolbar', { name: 'Map tools' }).getByRole('button', { name: 'Personas' }).click();
  const panel = page.getByRole('complementary', { name: 'Personas' });
  await panel.getByRole('button', { name: 'Add persona' }).click();
  await expect(panel.getByRole('region', { name: 'New persona' })).toBeVisible();

  // The new persona's curve starts empty: one "+" per stage, labelled with the persona.
  await expect(curve.getByRole('button', { name: /^Set the emotion at .* \(New persona\)$/ })).toHaveCount(6);
  await curve.getByRole('button', { name: 'Set the emotion at Awareness (New persona)' }).click();
  await curve.getByRole('button', { name: 'Set the emotion at Consideration (New persona)' }).click();
  const newPoint = emotionPoint(page, 'Consideration', 'New persona');
  await newPoint.focus();
  await page.keyboard.press('ArrowDown');
  await expect(newPoint).toHaveAttribute('aria-valuenow', '-1');
  await expect(emotionPoint(page, 'Consideration', ANA)).toHaveAttribute('aria-valuenow', '0');
  await expect(curve.getByRole('slider')).toHaveCount(8);

  // Two drawn lines, and a legend with both names.
  const lines = curve.locator('path.emotion-line');
  await expect(lines).toHaveCount(2);
  for (const line of await lines.all()) await expect(line).toHaveAttribute('d', /C/);
  await expect(legend).toBeVisible();
  await expect(legend.getByRole('listitem')).toHaveCount(2);
  await expect(legend.getByRole('listitem').filter({ hasText: ANA })).toHaveCount(1);
  await expect(legend.getByRole('listitem').filter({ hasText: 'New persona' })).toHaveCount(1);
});
