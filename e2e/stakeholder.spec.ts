// A stakeholder opens the view link: reads the map, filters it, and walks through it stage by stage
// in presentation mode, without any way to change it. An editor who opens their own view link sees
// the same, and keeps their edit key.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { addCard, card, createMap } from './fixtures';

const STORE_VISIT = 'Touchpoint, Moment of truth: Store visit with a sales advisor';
const CALL_CENTRE = 'Touchpoint, Moment of truth: Call centre';

const toolbar = (page: Page) => page.getByRole('toolbar', { name: 'Map tools' });
const connected = (page: Page) => expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();

/** Opens `url` in a browser of its own, as `name`. */
async function stakeholder(browser: Browser, url: string, name: string): Promise<Page> {
  const origin = new URL(url).origin;
  const context = await browser.newContext({ storageState: { cookies: [], origins: [{ origin, localStorage: [{ name: 'touchpoint.name', value: name }] }] } });
  const page = await context.newPage();
  await page.goto(url);
  await connected(page);
  return page;
}

/** An editor makes a map from the current-state template and hands out its view link. */
async function viewLinkOfNewMap(page: Page): Promise<string> {
  await createMap(page, /Current-state journey/);
  await connected(page);
  await toolbar(page).getByRole('button', { name: 'Share' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this map' });
  const viewLink = await dialog.getByRole('textbox', { name: 'View link' }).inputValue();
  const editLink = await dialog.getByRole('textbox', { name: 'Edit link' }).inputValue();
  expect(viewLink).toMatch(/^http/);
  expect(viewLink).not.toBe(editLink);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
  return viewLink;
}

test('a stakeholder on the view link reads the map without any way to change it, and filters it for themself', async ({ page, browser }) => {
  const viewLink = await viewLinkOfNewMap(page);
  const boss = await stakeholder(browser, viewLink, 'Elena Ionescu');
  try {
    await expect(boss.getByText('View only')).toBeVisible();
    await expect(boss.getByRole('heading', { level: 1 })).toHaveText('Switching mobile operator: today');
    await expect(card(boss, STORE_VISIT)).toBeVisible();
    // Nothing to edit with.
    await expect(boss.getByRole('button', { name: /^Add a card/ })).toHaveCount(0);
    await expect(toolbar(boss).getByRole('button', { name: 'Undo' })).toHaveCount(0);
    await expect(toolbar(boss).getByRole('button', { name: 'Redo' })).toHaveCount(0);
    await expect(toolbar(boss).getByRole('button', { name: 'Import', exact: true })).toHaveCount(0);
    await expect(boss.getByRole('button', { name: /^Delete stage/ })).toHaveCount(0);
    // Reading tools are there.
    await expect(toolbar(boss).getByRole('button', { name: 'Export', exact: true })).toBeVisible();

    const everything = await boss.locator('.card').count();
    expect(everything).toBeGreaterThan(2);

    // Moments of truth only: the two of them, and a chip that says so.
    await toolbar(boss).getByRole('button', { name: 'Filter', exact: true }).click();
    const filter = boss.getByRole('dialog', { name: 'Show only' });
    await expect(filter.getByRole('checkbox', { name: 'Customer actions' })).toBeChecked();
    await filter.getByRole('checkbox', { name: 'Moments of truth only' }).check();
    await expect(boss.locator('.card')).toHaveCount(2);
    await expect(card(boss, STORE_VISIT)).toBeVisible();
    await expect(card(boss, CALL_CENTRE)).toBeVisible();
    const chip = toolbar(boss).getByRole('button', { name: 'Filtered: 2 of 23 cards shown. Show everything' });
    await expect(chip).toHaveText(/^2 of 23 cards/);
    await expect(toolbar(boss).getByRole('button', { name: 'Filter', exact: true })).toHaveAttribute('aria-pressed', 'true');

    // The filter is this reader's alone: the editor still sees every card.
    await expect(page.locator('.card')).not.toHaveCount(2);
    await expect(card(page, 'Note: Sees a friend’s post about better coverage')).toBeVisible();
    await expect(toolbar(page).getByRole('button', { name: /^Filtered:/ })).toHaveCount(0);

    // Show everything brings every card back.
    await filter.getByRole('button', { name: 'Show everything' }).click();
    await expect(boss.locator('.card')).toHaveCount(everything);
    await expect(chip).toHaveCount(0);
    await expect(filter.getByRole('checkbox', { name: 'Moments of truth only' })).not.toBeChecked();
    await filter.getByRole('button', { name: 'Close' }).click();
    await expect(filter).toHaveCount(0);

    // The map's state is a label, not a switch that does nothing; a card's details are text to
    // read, not disabled fields that look editable.
    await expect(boss.getByRole('button', { name: /Switch between current and future state/ })).toHaveCount(0);
    await expect(boss.getByRole('banner').filter({ hasText: 'Switching mobile operator' })).toContainText('Current state');
    await toolbar(boss).getByRole('button', { name: 'Details' }).click();
    await card(boss, STORE_VISIT).click();
    const details = boss.getByRole('complementary', { name: 'Details' });
    await expect(details).toContainText(/Text\s*Store visit with a sales advisor/);
    await expect(details).toContainText(/Channel\s*Store/);
    await expect(details).toContainText(/Owning department\s*Sales/);
    await expect(details).toContainText(/Moment of truth\s*Yes/);
    for (const role of ['textbox', 'combobox', 'checkbox', 'spinbutton'] as const) await expect(details.getByRole(role), role).toHaveCount(0);
    await expect(details.getByRole('button', { name: /Duplicate|Delete/ })).toHaveCount(0);
  } finally {
    await boss.context().close();
  }
});

test('a stakeholder presents the map stage by stage with the arrow keys, and from a stage header', async ({ page, browser }) => {
  const viewLink = await viewLinkOfNewMap(page);
  const boss = await stakeholder(browser, viewLink, 'Elena Ionescu');
  try {
    const panel = boss.getByRole('complementary', { name: 'Presentation' });
    const stageHeading = panel.getByRole('heading', { level: 2 });
    await expect(panel).toHaveCount(0);

    await toolbar(boss).getByRole('button', { name: 'Present' }).click();
    await expect(panel).toBeVisible();
    await expect(panel).toContainText('Stage 1 of 6');
    await expect(stageHeading).toHaveText(/Awareness$/);
    await expect(panel.getByRole('button', { name: 'Previous stage' })).toBeDisabled();

    await boss.keyboard.press('ArrowRight');
    await expect(panel).toContainText('Stage 2 of 6');
    await expect(stageHeading).toHaveText(/Consideration$/);
    await expect(panel).toContainText('Plan prices are hard to compare: fees hidden in small print');

    await boss.keyboard.press('ArrowLeft');
    await expect(panel).toContainText('Stage 1 of 6');
    await expect(stageHeading).toHaveText(/Awareness$/);
    // Not before the first stage.
    await boss.keyboard.press('ArrowLeft');
    await expect(panel).toContainText('Stage 1 of 6');

    await boss.keyboard.press('Escape');
    await expect(panel).toHaveCount(0);

    // From the Purchase stage's header: its moment of truth, its pain points, its emotion.
    await boss.getByRole('button', { name: 'Present from stage Purchase' }).click();
    await expect(panel).toContainText('Stage 3 of 6');
    await expect(stageHeading).toHaveText(/Purchase$/);
    const section = (name: string) => panel.getByRole('region', { name, exact: true });
    // Its touchpoints, the moment of truth first and marked so; its pain points; its emotion.
    await expect(section('Touchpoints').getByRole('listitem').first()).toContainText('Moment of truth');
    await expect(section('Touchpoints').getByRole('listitem').first()).toContainText('Store visit with a sales advisor');
    await expect(section('Pain points').getByRole('listitem')).toHaveText([/Waits 40 minutes in the store; the contract needs 3 signatures/]);
    await expect(section('Pain points')).toContainText('High');
    await expect(panel.getByRole('list', { name: 'How the customer feels' })).toContainText('Long wait in the store');
    await expect(section('Opportunities')).toContainText('Online sign-up with video ID check');

    await boss.keyboard.press('ArrowRight');
    await expect(panel).toContainText('Stage 4 of 6');
    await expect(stageHeading).toHaveText(/Onboarding$/);
    await expect(section('Touchpoints')).not.toContainText('Moment of truth');

    await boss.keyboard.press('Escape');
    await expect(panel).toHaveCount(0);
    await expect(toolbar(boss).getByRole('button', { name: 'Present' })).toHaveAttribute('aria-pressed', 'false');
  } finally {
    await boss.context().close();
  }
});

test('an editor who opens their own view link gets a read-only tab, and the map from the list still edits with both links', async ({ page }) => {
  const viewLink = await viewLinkOfNewMap(page);
  const title = 'Switching mobile operator: today';
  // An index written more than a minute ago that does not know the view key yet: the server is
  // asked what the key opens, and the answer must not replace the edit key.
  await page.evaluate(() => {
    const maps = JSON.parse(localStorage.getItem('touchpoint.maps')!) as { viewKey?: string; updatedAt: number }[];
    delete maps[0]!.viewKey;
    maps[0]!.updatedAt -= 5 * 60_000;
    localStorage.setItem('touchpoint.maps', JSON.stringify(maps));
  });

  // The view link in another tab of the same browser: read-only, as the link promises, also after a reload.
  const tab = await page.context().newPage();
  await tab.goto(viewLink);
  await connected(tab);
  for (const step of ['opened', 'reloaded']) {
    await expect(tab.getByText('View only'), step).toBeVisible();
    await expect(tab.getByRole('button', { name: /^Add a card/ }), step).toHaveCount(0);
    await expect(toolbar(tab).getByRole('button', { name: 'Undo' }), step).toHaveCount(0);
    if (step === 'opened') {
      await tab.reload();
      await connected(tab);
    }
  }
  await toolbar(tab).getByRole('button', { name: 'Share' }).click();
  const tabShare = tab.getByRole('dialog', { name: 'Share this map' });
  await expect(tabShare.getByRole('textbox', { name: 'View link' })).toHaveValue(viewLink);
  await expect(tabShare.getByRole('textbox', { name: 'Edit link' })).toHaveCount(0);
  await tabShare.getByRole('button', { name: 'Close' }).click();

  // Home, and the map opened normally from the list: the edit key is still there.
  await toolbar(tab).getByRole('button', { name: 'Maps' }).click();
  await tab.getByRole('link', { name: `Open ${title}`, exact: true }).click();
  await connected(tab);
  await expect(tab.getByText('View only')).toHaveCount(0);
  await addCard(tab, 'Awareness · Customer actions', 'Still an editor');
  await expect(card(page, 'Note: Still an editor')).toBeVisible();
  await toolbar(tab).getByRole('button', { name: 'Share' }).click();
  const share = tab.getByRole('dialog', { name: 'Share this map' });
  await expect(share.getByRole('textbox', { name: 'View link' })).toHaveValue(viewLink);
  await expect(share.getByRole('textbox', { name: 'Edit link' })).toHaveValue(/key=/);
  expect(await share.getByRole('textbox', { name: 'Edit link' }).inputValue()).not.toBe(viewLink);
  await tab.close();
});
