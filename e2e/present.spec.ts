// Presentation mode in a meeting room: an editor, or a stakeholder with the view link, presents the
// map stage by stage on a 1280 x 720 projector. The stage is zoomed so its card text reads (14 px or
// more), its name whole; no editing tool shows and nothing can be changed; the arrow keys and a
// clicker's PageUp / PageDown move between stages; Escape goes back to exactly the view one had.
// Headless Chromium may grant full screen or refuse it: nothing here depends on which.
import { expect, test, type Page } from '@playwright/test';
import { card, createMap } from './fixtures';

const STORE_VISIT = 'Touchpoint, Moment of truth: Store visit with a sales advisor';
const PROJECTOR = { width: 1280, height: 720 };
const LONG_NAME = 'Acquisto in negozio e portabilità del numero';

const panel = (page: Page) => page.getByRole('complementary', { name: 'Presentation' });
const progress = (page: Page, n: number, total = 6) => page.getByRole('progressbar', { name: `Stage ${n} of ${total}` });
const toolbar = (page: Page) => page.getByRole('toolbar', { name: 'Map tools' });
const viewportTransform = (page: Page) => page.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);

/** The view once it has come to rest (zooming and keeping the selected card in view both glide):
 * its transform, unchanged over ten animation frames. */
const settledTransform = (page: Page) =>
  page.locator('.react-flow__viewport').evaluate(
    (el) =>
      new Promise<string>((done) => {
        let last = (el as HTMLElement).style.transform;
        let still = 0;
        const frame = () => {
          const now = (el as HTMLElement).style.transform;
          still = now === last ? still + 1 : 0;
          last = now;
          if (still >= 10) done(now);
          else requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }),
  );

/** Waits until the presented stage has glided in: its column right after the lane headers (196 px, and 20 px of room). */
async function stageInPlace(page: Page): Promise<void> {
  const left = () => page.evaluate(() => document.querySelector('.stage-header.is-presenting')!.getBoundingClientRect().left - document.querySelector('.canvas')!.getBoundingClientRect().left);
  await expect.poll(async () => Math.round(await left())).toBe(216);
}

/** Presents with the toolbar's Present button. */
async function present(page: Page): Promise<void> {
  await toolbar(page).getByRole('button', { name: 'Present', exact: true }).click();
  await expect(panel(page)).toBeVisible();
}

/** The rendered size of every card text in the presented stage's column: computed font size times the canvas zoom. */
async function cardTextSizes(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const viewport = document.querySelector<HTMLElement>('.react-flow__viewport')!;
    const zoom = new DOMMatrix(getComputedStyle(viewport).transform).a;
    const column = document.querySelector('.stage-header.is-presenting')!.getBoundingClientRect();
    const pane = document.querySelector('.canvas')!.getBoundingClientRect();
    return [...document.querySelectorAll<HTMLElement>('.card-text')]
      .filter((el) => {
        const box = el.getBoundingClientRect();
        const x = box.left + box.width / 2;
        return x > column.left && x < column.right && box.bottom > column.bottom && box.top < pane.bottom;
      })
      .map((el) => parseFloat(getComputedStyle(el).fontSize) * zoom);
  });
}

/** The presented stage's name in its header: its text, and whether any of it is cut. */
async function presentedHeader(page: Page) {
  return page.locator('.stage-header.is-presenting .stage-name').evaluate((el) => {
    const name = el.getBoundingClientRect();
    const header = el.closest('.stage-header')!.getBoundingClientRect();
    return {
      text: el.textContent,
      cut: el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight || name.bottom > header.bottom + 0.5 || name.right > header.right + 0.5,
    };
  });
}

test('an editor starts the presentation from a stage header with the mouse', async ({ page }) => {
  await createMap(page, /Current-state journey/);
  const header = page.getByRole('list', { name: 'Stages' }).getByRole('listitem').filter({ hasText: 'Purchase' });
  await header.hover();
  const start = page.getByRole('button', { name: 'Present from stage Purchase' });
  await expect(start).toBeVisible();
  // A short wait for the button to take the click: it must not be covered by the header's tools.
  await start.click({ timeout: 10_000 });
  await expect(progress(page, 3)).toBeVisible();
  await expect(panel(page).getByRole('heading', { level: 2 })).toHaveText(/Purchase$/);
  await page.getByRole('button', { name: 'End presentation' }).click();
  await expect(panel(page)).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => document.fullscreenElement)).toBeNull();
  await expect(toolbar(page)).toBeVisible();
});

test('on a 1280 x 720 projector the stage reads: card text of 14 px or more, its whole name, no editing tools', async ({ page }) => {
  await page.setViewportSize(PROJECTOR);
  await createMap(page, /Current-state journey/);
  // A stage name as long as Italian ones get: at the map's zoom it is cut in its header.
  await page.getByRole('button', { name: 'Stage name: Purchase' }).click();
  await page.getByRole('textbox', { name: 'Stage name' }).fill(LONG_NAME);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: `Stage name: ${LONG_NAME}` })).toBeVisible();
  await card(page, STORE_VISIT).click();
  await present(page);

  await expect(progress(page, 3)).toBeVisible();
  await expect(panel(page).getByRole('heading', { level: 2 })).toHaveText(new RegExp(`${LONG_NAME}$`));
  await expect.poll(() => presentedHeader(page)).toEqual({ text: LONG_NAME, cut: false });
  await expect(card(page, STORE_VISIT)).toBeVisible();
  await expect.poll(async () => (await cardTextSizes(page)).length).toBeGreaterThan(1);
  // Measured once the zoom has settled (the stage glides in).
  await expect.poll(async () => Math.min(...(await cardTextSizes(page)))).toBeGreaterThanOrEqual(14);

  // Nothing to edit with, nothing of the editor's chrome.
  await expect(toolbar(page)).toBeHidden();
  await expect(page.getByRole('complementary', { name: 'Details' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Add a card/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '+ Add stage' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Zoom in' })).toBeHidden();
  await expect(page.getByRole('button', { name: /^Stage name/ })).toHaveCount(0);
  await expect(page.locator('.card-handle:visible')).toHaveCount(0);
  // The summary beside the stage, readable from the back of the room.
  const summary = panel(page);
  await expect(summary.getByRole('region', { name: 'Touchpoints' })).toContainText('Moment of truth');
  await expect(summary.getByRole('region', { name: 'Pain points' })).toContainText('Waits 40 minutes in the store');
  expect(await summary.locator('.present-item-text').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(16);

  // Presenting is read-only: a double-click or Enter edits nothing, Delete deletes nothing.
  const storeVisit = (await card(page, STORE_VISIT).boundingBox())!;
  await page.mouse.dblclick(storeVisit.x + storeVisit.width / 2, storeVisit.y + storeVisit.height / 2);
  await card(page, STORE_VISIT).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Card text' })).toHaveCount(0);
  await page.keyboard.press('Delete');
  await page.keyboard.press('Escape');
  await expect(panel(page)).toHaveCount(0);
  await expect(card(page, STORE_VISIT)).toBeVisible();
});

test('arrows, PageUp / PageDown and Space move between stages, and the keys reach nothing else', async ({ page }) => {
  await page.setViewportSize(PROJECTOR);
  await createMap(page, /Current-state journey/);
  await card(page, STORE_VISIT).click();
  await present(page);
  await expect(progress(page, 3)).toBeVisible();
  // While presenting nothing is selected; a focused card would take the arrows to its neighbours if they leaked to it.
  await expect(page.locator('.card[data-selected="true"]')).toHaveCount(0);
  await card(page, STORE_VISIT).focus();
  await expect(card(page, STORE_VISIT)).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(progress(page, 4)).toBeVisible();
  await expect(card(page, STORE_VISIT)).toBeFocused();
  await expect(page.locator('.card[data-selected="true"]')).toHaveCount(0);
  await page.keyboard.press('ArrowLeft');
  await expect(progress(page, 3)).toBeVisible();

  await page.keyboard.press('PageDown');
  await expect(progress(page, 4)).toBeVisible();
  await expect(panel(page).getByRole('heading', { level: 2 })).toHaveText(/Onboarding$/);
  await expect(panel(page).getByText('Stage 4 of 6: Onboarding')).toHaveAttribute('aria-live', 'polite');
  await page.keyboard.press('ArrowRight');
  await expect(progress(page, 5)).toBeVisible();
  await page.keyboard.press('PageUp');
  await page.keyboard.press('ArrowLeft');
  await expect(progress(page, 3)).toBeVisible();
  await page.keyboard.press('Space');
  await expect(progress(page, 4)).toBeVisible();
  await page.keyboard.press('Shift+Space');
  await expect(progress(page, 3)).toBeVisible();
  await page.keyboard.press('End');
  await expect(progress(page, 6)).toBeVisible();
  await expect(panel(page).getByRole('button', { name: 'Next stage' })).toBeDisabled();
  await page.keyboard.press('PageDown');
  await expect(progress(page, 6)).toBeVisible();
  await page.keyboard.press('Home');
  await expect(progress(page, 1)).toBeVisible();
  await panel(page).getByRole('button', { name: 'Next stage' }).click();
  await expect(progress(page, 2)).toBeVisible();
  await panel(page).getByRole('button', { name: 'Previous stage' }).click();
  await expect(progress(page, 1)).toBeVisible();

  await page.keyboard.press('Escape');
  await expect(panel(page)).toHaveCount(0);
  // The card is where it was, and the one selected again, as before presenting.
  await expect(card(page, STORE_VISIT)).toHaveAttribute('data-selected', 'true');
  await expect(page.locator('.card[data-selected="true"]')).toHaveCount(1);
  const purchase = page.getByRole('list', { name: 'Stages' }).getByRole('listitem').filter({ hasText: 'Purchase' });
  const [column, storeVisit] = [await purchase.boundingBox(), await card(page, STORE_VISIT).boundingBox()];
  expect(storeVisit!.x).toBeGreaterThan(column!.x);
  expect(storeVisit!.x + storeVisit!.width).toBeLessThan(column!.x + column!.width);
});

test('Escape goes back to exactly the view, the selection and the panel one had', async ({ page }) => {
  await page.setViewportSize(PROJECTOR);
  await createMap(page, /Current-state journey/);
  // A view of one's own: zoomed in, panned down and right, a card selected, its details open.
  await page.getByRole('button', { name: 'Zoom in' }).click();
  const canvas = page.getByRole('region', { name: 'Journey map' });
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(-60, -40);
  await card(page, 'Note: Goes to a store to sign up and move the number').click();
  await toolbar(page).getByRole('button', { name: 'Details' }).click();
  await expect(page.getByRole('complementary', { name: 'Details' })).toBeVisible();
  await expect.poll(() => viewportTransform(page)).not.toBe('');
  const before = await settledTransform(page);

  await present(page);
  await expect.poll(() => viewportTransform(page)).not.toBe(before);
  await page.keyboard.press('ArrowRight');
  await expect(progress(page, 4)).toBeVisible();
  await stageInPlace(page);
  // A stage taller than the screen scrolls down with the wheel and the down arrow, and stays on its stage.
  const scrolledFrom = await viewportTransform(page);
  await page.mouse.move(box.x + 300, box.y + 400);
  await page.mouse.wheel(0, 300);
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => viewportTransform(page)).not.toBe(scrolledFrom);
  await expect(progress(page, 4)).toBeVisible();
  expect(await viewportTransform(page)).toContain(scrolledFrom.match(/translate\((-?[\d.]+)px/)![1]);

  await page.keyboard.press('Escape');
  await expect(panel(page)).toHaveCount(0);
  await expect.poll(() => viewportTransform(page)).toBe(before);
  await expect(page.getByRole('complementary', { name: 'Details' })).toBeVisible();
  await expect(card(page, 'Note: Goes to a store to sign up and move the number')).toHaveAttribute('data-selected', 'true');
  await expect(toolbar(page)).toBeVisible();
  await expect.poll(() => page.evaluate(() => document.fullscreenElement)).toBeNull();
});

test('a stakeholder with the view link presents the map too', async ({ page, browser }) => {
  await createMap(page, /Current-state journey/);
  await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
  await page.getByRole('button', { name: 'Share' }).click();
  const viewLink = await page.getByRole('textbox', { name: 'View link' }).inputValue();

  const context = await browser.newContext({ viewport: PROJECTOR, storageState: { cookies: [], origins: [{ origin: new URL(viewLink).origin, localStorage: [{ name: 'touchpoint.name', value: 'Director' }] }] } });
  const boss = await context.newPage();
  await boss.goto(viewLink);
  await expect(boss.getByText('View only')).toBeVisible();
  const before = await viewportTransform(boss);
  await present(boss);
  await expect(progress(boss, 1)).toBeVisible();
  await expect.poll(async () => Math.min(...(await cardTextSizes(boss)))).toBeGreaterThanOrEqual(14);
  await boss.keyboard.press('PageDown');
  await expect(progress(boss, 2)).toBeVisible();
  await expect(panel(boss).getByRole('heading', { level: 2 })).toHaveText(/Consideration$/);
  await expect.poll(async () => (await presentedHeader(boss)).cut).toBe(false);
  await boss.keyboard.press('Escape');
  await expect(panel(boss)).toHaveCount(0);
  await expect.poll(() => viewportTransform(boss)).toBe(before);
  await context.close();
});
