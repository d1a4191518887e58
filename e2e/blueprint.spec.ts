// The service blueprint's lines: drawn and labelled between the right lanes on the canvas and in the
// SVG picture, and kept whole when lanes are moved or added.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import { exportFile, openNewMap } from './fixtures';

const laneList = (page: Page) => page.getByRole('list', { name: 'Lanes' });
const laneNames = (page: Page) => laneList(page).getByRole('button', { name: /^Lane name: / });
const laneHeader = (page: Page, name: string) => laneList(page).getByRole('listitem').filter({ has: page.getByRole('button', { name: `Lane name: ${name}`, exact: true }) });
const box = async (l: Locator) => (await l.boundingBox())!;
const BLUEPRINT_LANES = ['Customer actions', 'Touchpoints & channels', 'Front stage', 'Back stage', 'Support processes'];

/** The label of a line on the canvas, found by what a screen reader hears: its name and the lanes it lies between. */
const lineLabel = (page: Page, line: string) => page.getByRole('region', { name: 'Journey map' }).getByText(new RegExp(`^${line}, between `));
/** The line itself, drawn in the map (found by which line it is). */
const lineStroke = (page: Page, line: string) => page.locator(`.bp-line[data-lines="${line}"]`);

async function headerTool(header: Locator, name: string): Promise<void> {
  await header.hover();
  await header.getByRole('button', { name, exact: true }).click();
}

/** Checks a line lies on the border between two lane headers, across the map, with its label at the left of the map. */
async function expectLineBetween(page: Page, label: string, line: string, above: string, below: string): Promise<void> {
  const text = lineLabel(page, label);
  await expect(text).toHaveText(`${label}, between “${above}” and “${below}”`);
  await expect(text).toBeVisible();
  const [a, b, l, s, canvas] = await Promise.all([box(laneHeader(page, above)), box(laneHeader(page, below)), box(text), box(lineStroke(page, line)), box(page.getByRole('region', { name: 'Journey map' }))]);
  const border = b.y;
  expect(Math.abs(a.y + a.height - border), `${above} ends where ${below} starts`).toBeLessThanOrEqual(1.5);
  expect(Math.abs(l.y + l.height / 2 - border), `the label of the ${label} sits on the border`).toBeLessThanOrEqual(2);
  expect(Math.abs(s.y + s.height / 2 - border), `the ${label} is drawn on the border`).toBeLessThanOrEqual(2);
  // Across the map (four stages), and labelled at its left edge, beside the lane headers.
  expect(s.width).toBeGreaterThan(4 * 248 * 0.5);
  const mapLeft = Math.max(a.x + a.width, s.x);
  expect(l.x).toBeGreaterThanOrEqual(mapLeft);
  expect(l.x).toBeLessThan(mapLeft + 32);
  expect(l.x + l.width).toBeLessThan(canvas.x + canvas.width);
}

test('the service blueprint shows its three lines between the right lanes, labelled, at any zoom, and in its SVG picture', async ({ page }) => {
  await openNewMap(page, /Service blueprint/);
  await expect(laneNames(page)).toHaveText(BLUEPRINT_LANES);
  await expectLineBetween(page, 'Line of interaction', 'interaction', 'Touchpoints & channels', 'Front stage');
  await expectLineBetween(page, 'Line of visibility', 'visibility', 'Front stage', 'Back stage');
  await expectLineBetween(page, 'Line of internal interaction', 'internalInteraction', 'Back stage', 'Support processes');
  await page.screenshot({ path: '/tmp/blueprint-screen.png' });

  // Zoomed out, the labels keep their size and stay on their lines.
  const before = await box(lineLabel(page, 'Line of visibility'));
  await page.getByRole('button', { name: 'Zoom out' }).click();
  await page.getByRole('button', { name: 'Zoom out' }).click();
  await expect.poll(async () => (await box(laneHeader(page, 'Back stage'))).height).toBeLessThan(150);
  await expectLineBetween(page, 'Line of visibility', 'visibility', 'Front stage', 'Back stage');
  expect((await box(lineLabel(page, 'Line of visibility'))).height).toBeCloseTo(before.height, 0);
  await page.screenshot({ path: '/tmp/blueprint-screen-far.png' });

  // The SVG picture draws them too, in order, between the same lanes.
  const svg = (await exportFile(page, 'Picture (SVG)')).body.toString('utf8');
  const drawn = [...svg.matchAll(/<g class="blueprint-line" data-lines="([^"]+)">.*?<text[^>]*>([^<]*)<\/text>/g)].map((m) => [m[1], m[2]]);
  expect(drawn).toEqual([
    ['interaction', 'LINE OF INTERACTION'],
    ['visibility', 'LINE OF VISIBILITY'],
    ['internalInteraction', 'LINE OF INTERNAL INTERACTION'],
  ]);
  const png = await exportFile(page, 'Picture (PNG) 1x');
  await writeFile('/tmp/blueprint-picture.png', png.body);

  // Printed: the same lines, on the border between the printed lanes' headers.
  await page.evaluate(() => {
    window.print = () => undefined;
  });
  await page.getByRole('toolbar', { name: 'Map tools' }).getByRole('button', { name: 'Export', exact: true }).click();
  await page.getByRole('menu', { name: 'Export and print' }).getByRole('menuitem', { name: /Print A4: whole map on one page$/ }).click();
  const printed = page.locator('.print-host .print-page').first();
  await expect(printed.locator('.bp-label')).toHaveText(['Line of interaction', 'Line of visibility', 'Line of internal interaction']);
  const printedLane = (name: string) => printed.locator('.poster-lane').filter({ hasText: name });
  for (const [label, below] of [
    ['Line of interaction', 'Front stage'],
    ['Line of visibility', 'Back stage'],
    ['Line of internal interaction', 'Support processes'],
  ] as const) {
    const [l, lane] = await Promise.all([box(printed.locator('.bp-label').filter({ hasText: label })), box(printedLane(below))]);
    expect(Math.abs(l.y + l.height / 2 - lane.y), `${label} printed above ${below}`).toBeLessThanOrEqual(2);
  }
  await page.emulateMedia({ media: 'print' });
  await printed.screenshot({ path: '/tmp/blueprint-print.png' });
  await page.emulateMedia({ media: 'screen' });
});

test('moving a lane across a blueprint line is refused and said; a new lane goes into its zone', async ({ page }) => {
  await openNewMap(page, /Service blueprint/);
  const status = page.getByRole('region', { name: 'Journey map' }).getByRole('status');

  // Front stage up, over the line of interaction: it stays, and says why, beside the lane.
  await headerTool(laneHeader(page, 'Front stage'), 'Move lane Front stage up');
  await expect(status).toHaveText('“Front stage” can’t cross the line of interaction: a service blueprint keeps each zone’s lanes together, in order.');
  await expect(page.locator('.bp-notice')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Move lane Front stage up' })).toBeFocused();
  await expect(laneNames(page)).toHaveText(BLUEPRINT_LANES);
  await page.screenshot({ path: '/tmp/blueprint-refused.png' });
  // The lines' labels and the note read well to axe too (contrast, names, roles).
  const serious = (await new AxeBuilder({ page }).include('.canvas').analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  // Back stage down, over the line of internal interaction: the same.
  await headerTool(laneHeader(page, 'Back stage'), 'Move lane Back stage down');
  await expect(status).toContainText('“Back stage” can’t cross the line of internal interaction');
  await expect(laneNames(page)).toHaveText(BLUEPRINT_LANES);

  // Within the customer's zone, lanes move as before.
  await headerTool(laneHeader(page, 'Customer actions'), 'Move lane Customer actions down');
  await expect(laneNames(page)).toHaveText(['Touchpoints & channels', 'Customer actions', 'Front stage', 'Back stage', 'Support processes']);
  await expect(lineLabel(page, 'Line of interaction')).toHaveText('Line of interaction, between “Customer actions” and “Front stage”');

  // A new customer's lane goes at the end of the customer's lanes, above the line of interaction,
  // not under the support processes.
  await page.getByRole('button', { name: '+ Add lane', exact: true }).click();
  await page.getByRole('menu', { name: 'Add lane' }).getByRole('menuitem', { name: 'Metrics' }).click();
  await expect(laneNames(page)).toHaveText(['Touchpoints & channels', 'Customer actions', 'Metrics', 'Front stage', 'Back stage', 'Support processes']);
  await expectLineBetween(page, 'Line of interaction', 'interaction', 'Metrics', 'Front stage');
  await expectLineBetween(page, 'Line of visibility', 'visibility', 'Front stage', 'Back stage');
});

test('a map without blueprint lanes draws no line; adding one draws the line it brings', async ({ page }) => {
  await openNewMap(page, /Blank map/);
  await expect(page.locator('.bp-line')).toHaveCount(0);
  await page.mouse.move(700, 500);
  await page.mouse.wheel(0, 1000);
  await page.getByRole('button', { name: '+ Add lane', exact: true }).click();
  await page.getByRole('menu', { name: 'Add lane' }).getByRole('menuitem', { name: 'Back stage' }).click();
  // The customer's lanes meet the back stage: the customer sees none of it, both lines are there.
  await expect(page.getByRole('region', { name: 'Journey map' }).getByText(/^Line of interaction · Line of visibility, between “Opportunities & ideas” and “Back stage”$/)).toBeVisible();
});
