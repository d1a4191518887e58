import { expect, test, type Locator, type Page } from '@playwright/test';
import { addCard, card, createMap, openNewMap, panToCard } from './fixtures';

const box = async (l: Locator) => (await l.boundingBox())!;
const stageList = (page: Page) => page.getByRole('list', { name: 'Stages' });
const laneList = (page: Page) => page.getByRole('list', { name: 'Lanes' });
const stageNames = (page: Page) => stageList(page).getByRole('button', { name: /^Stage name: / });
const laneNames = (page: Page) => laneList(page).getByRole('button', { name: /^Lane name: / });
const stageHeader = (page: Page, name: string) => stageList(page).getByRole('listitem').filter({ has: page.getByRole('button', { name: `Stage name: ${name}`, exact: true }) });
const laneHeader = (page: Page, name: string) => laneList(page).getByRole('listitem').filter({ has: page.getByRole('button', { name: `Lane name: ${name}`, exact: true }) });

/** Clicks one of a header's tool buttons, which show when the pointer is over the header. */
async function headerTool(header: Locator, name: string): Promise<void> {
  await header.hover();
  await header.getByRole('button', { name, exact: true }).click();
}

test('stages: add, rename, move, and delete one that holds cards (asks first; undo restores)', async ({ page }) => {
  await openNewMap(page, /Blank map/);
  await expect(stageNames(page)).toHaveText(['Stage 1', 'Stage 2', 'Stage 3']);

  await page.getByRole('button', { name: '+ Add stage', exact: true }).click();
  await expect(stageNames(page)).toHaveText(['Stage 1', 'Stage 2', 'Stage 3', 'New stage']);

  // Rename: click the name, type, Enter.
  await page.getByRole('button', { name: 'Stage name: New stage' }).click();
  const input = page.getByRole('textbox', { name: 'Stage name' });
  await expect(input).toBeFocused();
  await input.fill('Renewal');
  await input.press('Enter');
  await expect(stageNames(page)).toHaveText(['Stage 1', 'Stage 2', 'Stage 3', 'Renewal']);
  await expect(page.getByRole('button', { name: 'Add a card: Renewal · Customer actions' })).toBeAttached();

  // Move it left twice and right once; the first stage cannot go further left.
  await headerTool(stageHeader(page, 'Renewal'), 'Move stage Renewal left');
  await expect(stageNames(page)).toHaveText(['Stage 1', 'Stage 2', 'Renewal', 'Stage 3']);
  await headerTool(stageHeader(page, 'Renewal'), 'Move stage Renewal left');
  await expect(stageNames(page)).toHaveText(['Stage 1', 'Renewal', 'Stage 2', 'Stage 3']);
  await headerTool(stageHeader(page, 'Renewal'), 'Move stage Renewal right');
  await expect(stageNames(page)).toHaveText(['Stage 1', 'Stage 2', 'Renewal', 'Stage 3']);
  await expect(page.getByRole('button', { name: 'Move stage Stage 1 left' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Move stage Stage 3 right' })).toBeDisabled();
  // The stage's column moved with its header: its "+" is now the third column.
  const renewalAdd = await box(page.getByRole('button', { name: 'Add a card: Renewal · Customer actions' }));
  const stage2Add = await box(page.getByRole('button', { name: 'Add a card: Stage 2 · Customer actions' }));
  const stage3Add = await box(page.getByRole('button', { name: 'Add a card: Stage 3 · Customer actions' }));
  expect(stage2Add.x).toBeLessThan(renewalAdd.x);
  expect(renewalAdd.x).toBeLessThan(stage3Add.x);

  // A stage that holds cards asks before it goes.
  const first = await addCard(page, 'Renewal · Customer actions', 'Renews the contract online');
  const second = await addCard(page, 'Renewal · Pain points & gaps', 'Loyalty discount is not offered');
  await headerTool(stageHeader(page, 'Renewal'), 'Delete stage Renewal');
  const dialog = page.getByRole('dialog', { name: 'Delete this stage?' });
  await expect(dialog).toContainText('Stage “Renewal” holds 2 cards. They will be deleted with the stage.');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(stageNames(page)).toHaveText(['Stage 1', 'Stage 2', 'Renewal', 'Stage 3']);
  await expect(first).toBeVisible();

  await headerTool(stageHeader(page, 'Renewal'), 'Delete stage Renewal');
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(dialog).toHaveCount(0);
  await expect(stageNames(page)).toHaveText(['Stage 1', 'Stage 2', 'Stage 3']);
  await expect(first).toHaveCount(0);
  await expect(second).toHaveCount(0);

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(stageNames(page)).toHaveText(['Stage 1', 'Stage 2', 'Renewal', 'Stage 3']);
  await expect(first).toBeVisible();
  await expect(second).toBeVisible();

  // An empty stage goes without a question.
  await headerTool(stageHeader(page, 'Stage 3'), 'Delete stage Stage 3');
  await expect(stageNames(page)).toHaveText(['Stage 1', 'Stage 2', 'Renewal']);
  await expect(dialog).toHaveCount(0);
});

const LANE_KINDS = ['Customer actions', 'Touchpoints & channels', 'Thoughts & quotes', 'Emotional curve', 'Pain points & gaps', 'Opportunities & ideas', 'Front stage', 'Back stage', 'Support processes', 'Metrics'];
const BLANK_LANES = LANE_KINDS.slice(0, 6);

/** The element is on screen and nothing (another element, a clipping parent) hides its centre. */
async function expectReachable(l: Locator): Promise<void> {
  await expect(l).toBeInViewport();
  const hit = await l.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const at = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    return !!at && el.contains(at);
  });
  expect(hit, `${await l.textContent()} can be clicked where it is drawn`).toBe(true);
}

test('lanes: add from the menu, rename, move, delete with a question, undo', async ({ page }) => {
  await openNewMap(page, /Blank map/);
  await expect(laneNames(page)).toHaveText(BLANK_LANES);

  // Pan the bottom of the map (where "Add lane" is) up into view, then open the menu.
  await page.mouse.move(700, 500);
  await page.mouse.wheel(0, 1000);
  const addLane = page.getByRole('button', { name: '+ Add lane', exact: true });
  await expect.poll(async () => (await box(addLane)).y).toBeLessThan(500);
  await expectReachable(addLane);
  await addLane.click();
  await expect(addLane).toHaveAttribute('aria-expanded', 'true');
  const menu = page.getByRole('menu', { name: 'Add lane' });
  await expect(menu.getByRole('menuitem')).toHaveCount(LANE_KINDS.length);
  for (const [i, kind] of LANE_KINDS.entries()) {
    await expect(menu.getByRole('menuitem').nth(i)).toHaveAccessibleName(kind);
    await expectReachable(menu.getByRole('menuitem').nth(i));
  }
  await menu.getByRole('menuitem', { name: 'Metrics' }).click();
  await expect(menu).toHaveCount(0);
  await expect(laneNames(page)).toHaveText([...BLANK_LANES, 'Metrics']);
  await addLane.click();
  await expectReachable(menu.getByRole('menuitem', { name: 'Back stage' }));
  await menu.getByRole('menuitem', { name: 'Back stage' }).click();
  await expect(laneNames(page)).toHaveText([...BLANK_LANES, 'Metrics', 'Back stage']);

  // Back to the top of the map.
  await page.mouse.move(700, 500);
  await page.mouse.wheel(0, -1000);
  await expect.poll(async () => (await box(laneHeader(page, 'Customer actions'))).y).toBeGreaterThan((await box(stageList(page))).y);

  // Rename the first lane.
  await page.getByRole('button', { name: 'Lane name: Customer actions' }).click();
  const input = page.getByRole('textbox', { name: 'Lane name' });
  await input.fill('What Ana does');
  await input.press('Enter');
  await expect(laneNames(page).first()).toHaveText('What Ana does');
  await expect(laneHeader(page, 'What Ana does')).toContainText('Customer actions'); // its kind stays shown

  // Move it down and up again.
  await headerTool(laneHeader(page, 'What Ana does'), 'Move lane What Ana does down');
  await expect(laneNames(page)).toHaveText(['Touchpoints & channels', 'What Ana does', ...BLANK_LANES.slice(2), 'Metrics', 'Back stage']);
  await headerTool(laneHeader(page, 'What Ana does'), 'Move lane What Ana does up');
  await expect(laneNames(page)).toHaveText(['What Ana does', ...BLANK_LANES.slice(1), 'Metrics', 'Back stage']);
  await expect(page.getByRole('button', { name: 'Move lane What Ana does up' })).toBeDisabled();

  // A lane with cards asks first; Cancel keeps it, Delete removes it and its cards; undo restores.
  const a = await addCard(page, 'Stage 1 · What Ana does', 'Opens the app');
  const b = await addCard(page, 'Stage 2 · What Ana does', 'Calls the hotline');
  await headerTool(laneHeader(page, 'What Ana does'), 'Delete lane What Ana does');
  const dialog = page.getByRole('dialog', { name: 'Delete this lane?' });
  await expect(dialog).toContainText('Lane “What Ana does” holds 2 cards. They will be deleted with the lane.');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(a).toBeVisible();
  await headerTool(laneHeader(page, 'What Ana does'), 'Delete lane What Ana does');
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(laneNames(page)).toHaveText([...BLANK_LANES.slice(1), 'Metrics', 'Back stage']);
  await expect(a).toHaveCount(0);
  await expect(b).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(laneNames(page)).toHaveText(['What Ana does', ...BLANK_LANES.slice(1), 'Metrics', 'Back stage']);
  await expect(a).toBeVisible();
  await expect(b).toBeVisible();
});

test('frozen headers stay in view while the map pans, and follow their columns and rows', async ({ page }) => {
  await createMap(page, /Current-state journey/);
  const canvas = await box(page.getByRole('region', { name: 'Journey map' }));
  const purchase = stageHeader(page, 'Purchase');
  const actions = laneHeader(page, 'Customer actions');
  const purchaseCard = card(page, 'Note: Goes to a store to sign up and move the number');
  const h0 = await box(purchase);
  const c0 = await box(purchaseCard);
  const l0 = await box(actions);
  expect(h0.y).toBeCloseTo(canvas.y, 0);
  expect(l0.x).toBeCloseTo(canvas.x, 0);

  // Scroll sideways: the map moves left; the stage headers stay on top and move with their
  // columns; the lane headers stay at the left edge.
  await page.mouse.move(canvas.x + 700, canvas.y + 400);
  await page.mouse.wheel(300, 0);
  await expect.poll(async () => (await box(purchaseCard)).x).toBeLessThan(c0.x - 100);
  const c1 = await box(purchaseCard);
  const h1 = await box(purchase);
  expect(h1.x - c1.x).toBeCloseTo(h0.x - c0.x, 0);
  expect(h1.y).toBeCloseTo(canvas.y, 0);
  await expect(purchase).toBeInViewport();
  const l1 = await box(actions);
  expect(l1.x).toBeCloseTo(canvas.x, 0);
  expect(l1.y).toBeCloseTo(l0.y, 0);
  await expect(actions).toBeInViewport();
  // What is drawn at the header's place is the header itself, not a card scrolled under it.
  const hit = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('[role="listitem"]')?.textContent ?? '', { x: l1.x + 60, y: l1.y + 20 });
  expect(hit).toContain('Customer actions');
  await expectHeadersBesideRows(page);

  // Scroll down: the stage headers stay at the top, the lane headers move with their rows.
  const touchpoints = laneHeader(page, 'Touchpoints & channels');
  const storeVisit = card(page, 'Touchpoint, Moment of truth: Store visit with a sales advisor');
  const t1 = await box(storeVisit);
  const tl1 = await box(touchpoints);
  await page.mouse.wheel(0, 300);
  await expect.poll(async () => (await box(storeVisit)).y).toBeLessThan(t1.y - 100);
  const t2 = await box(storeVisit);
  expect((await box(purchase)).y).toBeCloseTo(canvas.y, 0);
  expect((await box(purchase)).x - t2.x).toBeCloseTo(h0.x - c0.x, 0);
  expect((await box(touchpoints)).y - t2.y).toBeCloseTo(tl1.y - t1.y, 0);
  expect((await box(touchpoints)).x).toBeCloseTo(canvas.x, 0);
  await expect(touchpoints).toBeInViewport();
  await expect(purchase).toBeInViewport();
  await expectHeadersBesideRows(page);
});

/** Beside each lane header on screen, the map shows that lane's row (checked in the first column). */
async function expectHeadersBesideRows(page: Page): Promise<void> {
  const canvas = await box(page.getByRole('region', { name: 'Journey map' }));
  let checked = 0;
  for (const name of ['Customer actions', 'Touchpoints & channels', 'Pain points & gaps', 'Opportunities & ideas', 'Metrics']) {
    const header = laneHeader(page, name);
    const r = await box(header);
    const middle = r.y + Math.min(r.height, 60) / 2;
    if (middle < canvas.y + 64 || middle > canvas.y + canvas.height) continue; // not on screen now
    // The cell under that point (under any card there): its "+" names its stage and lane.
    const beside = await page.evaluate(
      ({ x, y }) => document.elementsFromPoint(x, y).find((el) => el.classList.contains('cell'))?.querySelector('.cell-add')?.getAttribute('aria-label') ?? 'no cell',
      { x: r.x + r.width + 40, y: middle },
    );
    checked++;
    expect(beside, `the row beside the "${name}" header`).toMatch(new RegExp(`· ${name.replace('&', '\\&')}$`));
  }
  expect(checked).toBeGreaterThan(1);
}

test('tabbing to a lane header that is out of view keeps the lane headers beside their rows', async ({ page }) => {
  await createMap(page, /Current-state journey/);
  const metrics = laneHeader(page, 'Metrics');
  const canvas = await box(page.getByRole('region', { name: 'Journey map' }));
  expect((await box(metrics)).y).toBeGreaterThan(canvas.y + canvas.height); // below the fold
  await expectHeadersBesideRows(page);

  // Tab through the map until the Metrics lane's name has the focus, as a keyboard user would.
  let reached = false;
  for (let i = 0; i < 250 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') === 'Lane name: Metrics');
  }
  expect(reached).toBe(true);

  // The focused header is in view, and the row drawn beside each visible lane header is its own.
  await expect(metrics).toBeInViewport();
  await expectHeadersBesideRows(page);
});

test('inspector: a touchpoint’s channel, department and moment of truth; a pain point’s severity, owner and status', async ({ page }) => {
  await createMap(page, /Current-state journey/);
  await page.getByRole('toolbar', { name: 'Map tools' }).getByRole('button', { name: 'Details' }).click();
  const inspector = page.getByRole('complementary', { name: 'Details' });
  await expect(inspector).toContainText('Select a card');

  const touchpoint = card(page, ': Social media ad');
  await touchpoint.click();
  await expect(inspector).toContainText('Touchpoint · Awareness · Touchpoints & channels');
  await inspector.getByLabel('Channel').selectOption({ label: 'Phone' });
  const channel = touchpoint.locator('.badge-channel');
  await expect(channel).toHaveText(/Phone/);
  await expect(channel).not.toHaveText(/Social/);
  const department = inspector.getByLabel('Owning department');
  await department.fill('Customer Service');
  await department.press('Enter');
  await expect(touchpoint).toContainText('Customer Service');
  await expect(touchpoint).not.toContainText('Marketing');
  await expect(touchpoint).not.toContainText('Moment of truth');
  await inspector.getByRole('checkbox', { name: /Moment of truth/ }).check();
  await expect(touchpoint).toContainText('Moment of truth');
  await expect(touchpoint).toHaveAccessibleName('Touchpoint, Moment of truth: Social media ad — Awareness, Touchpoints & channels');

  const gap = card(page, ': Plan prices are hard to compare');
  await expect(gap).toHaveAccessibleName(/^Pain point, Medium severity: /);
  await panToCard(page, gap);
  await gap.click();
  await expect(inspector).toContainText('Pain point · Consideration · Pain points & gaps');
  await inspector.getByLabel('Severity').selectOption({ label: 'High severity' });
  await expect(gap).toContainText('High');
  await expect(gap).toHaveAccessibleName(/^Pain point, High severity: Plan prices/);
  const owner = inspector.getByLabel('Owner (department)');
  await owner.fill('Billing');
  await owner.press('Enter');
  await inspector.getByLabel('Status').selectOption({ label: 'In progress' });
  await expect(gap).toContainText('Billing');
  await expect(gap).toContainText('In progress');
  await expect(gap).not.toContainText('Product');

  // The changes are on the map, not only in the panel: they stay after the selection moves on.
  await page.getByRole('toolbar', { name: 'Map tools' }).getByRole('button', { name: 'Details' }).click();
  await expect(inspector).toHaveCount(0);
  await expect(touchpoint).toContainText('Phone');
  await expect(touchpoint).toContainText('Customer Service');
  await expect(gap).toContainText('High');
});
