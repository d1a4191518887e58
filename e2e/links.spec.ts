// The customer's path: links made by dropping anywhere on a card and from the keyboard, routed so
// they can be seen, clicked near their line, labelled over the cards, deleted, and marked where
// they cross the line of visibility.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { card, createMap } from './fixtures';
import { join, person, shareNewMap, type SharedMap } from './workshop';

const A1 = 'Note: Sees a friend’s post about better coverage';
const C1 = 'Note: Compares plans and prices online';

const box = async (l: Locator) => (await l.boundingBox())!;
const edges = (page: Page) => page.locator('.react-flow__edge');

/** A point on the link's line (a share of the way along it) and the line's direction there, in page pixels. */
async function pointOnLine(edge: Locator, share: number) {
  return edge.locator('path.react-flow__edge-path').evaluate((path: SVGPathElement, at) => {
    const len = path.getTotalLength();
    const m = path.getScreenCTM()!;
    const screen = (p: DOMPoint) => ({ x: m.a * p.x + m.c * p.y + m.e, y: m.b * p.x + m.d * p.y + m.f });
    const p = screen(path.getPointAtLength(len * at));
    const q = screen(path.getPointAtLength(len * at + 2));
    const d = Math.hypot(q.x - p.x, q.y - p.y) || 1;
    return { x: p.x, y: p.y, nx: -(q.y - p.y) / d, ny: (q.x - p.x) / d };
  }, share);
}

/** Drags a link from a card's source handle and lets go over the middle of another card's body. */
async function dragLink(page: Page, from: Locator, to: Locator) {
  await from.hover();
  const source = await box(from.locator('.react-flow__handle.source'));
  const body = await box(to);
  await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move(source.x + 40, source.y + 20, { steps: 4 });
  await page.mouse.move(body.x + body.width / 2, body.y + body.height / 2, { steps: 10 });
  await page.mouse.up();
}

test('a link dropped on the middle of a card connects; a click 6 px off its line selects it; its label sits over the cards', async ({ page }) => {
  await createMap(page, /Current-state journey/);
  const [a1, c1] = [card(page, A1), card(page, C1)];
  await expect(edges(page)).toHaveCount(0);

  await dragLink(page, a1, c1);
  await expect(edges(page)).toHaveCount(1);
  // Its name says which cards it links (not their ids).
  await expect(edges(page).first()).toHaveAttribute('aria-label', 'Link from “Sees a friend’s post about better coverage” to “Compares plans and prices online”');
  // The route is not a stub: more than the 28 px between the two stages.
  const length = await edges(page).first().locator('path.react-flow__edge-path').evaluate((p: SVGPathElement) => p.getTotalLength());
  expect(length).toBeGreaterThan(55);

  // A click beside the line, not on it, selects the link.
  const p = await pointOnLine(edges(page).first(), 0.5);
  await page.mouse.click(p.x + 6 * p.nx, p.y + 6 * p.ny);
  const inspector = page.getByRole('complementary', { name: 'Details' });
  await expect(inspector).toContainText('Link');
  const label = inspector.getByLabel('Label');
  await label.fill('then compares');
  await label.press('Enter');
  const shown = page.locator('.link-label');
  await expect(shown).toHaveText('then compares');

  // The label is drawn over the cards: at its middle the page shows the label, not a card.
  const l = await box(shown);
  const top = await page.evaluate(([x, y]) => document.elementFromPoint(x!, y!)?.closest('.link-label, .card')?.className ?? '', [l.x + l.width / 2, l.y + l.height / 2]);
  expect(top).toContain('link-label');
  for (const c of [a1, c1]) {
    const b = await box(c);
    const overlap = Math.max(0, Math.min(l.x + l.width, b.x + b.width) - Math.max(l.x, b.x)) * Math.max(0, Math.min(l.y + l.height, b.y + b.height) - Math.max(l.y, b.y));
    // Where it overlaps a card it is above it (checked above); its middle is in the gap between them.
    expect(overlap).toBeLessThan(l.width * l.height);
  }

  // Delete removes the selected link, and says so.
  await page.mouse.click(p.x + 6 * p.nx, p.y + 6 * p.ny);
  await expect(inspector).toContainText('Link');
  await page.keyboard.press('Delete');
  await expect(edges(page)).toHaveCount(0);
  await expect(page.locator('#tp-announcer')).toHaveText(/Link from “Sees a friend’s post about better coverage” to “Compares plans and prices online” deleted/);
});

test.describe('a link from the keyboard', () => {
  let map: SharedMap;
  let ana: Page;

  test.beforeEach(async ({ browser, baseURL }) => {
    const host = await person(browser, 'Host', baseURL!);
    map = await shareNewMap(host, /Current-state journey/);
    await host.context().close();
    ana = await person(browser, 'Ana', baseURL!);
    await join(ana, map.editLink);
  });

  test.afterEach(async () => {
    await ana.context().close();
  });

  test('L on a focused card lists the other cards by stage and lane; Enter links the chosen one; the server stores it', async ({ request }) => {
    const a1 = card(ana, A1);
    await a1.click();
    await expect(a1).toBeFocused();
    await ana.keyboard.press('l');
    const dialog = ana.getByRole('dialog', { name: /^Link “Sees a friend’s post about better coverage” to/ });
    await expect(dialog).toBeVisible();
    const list = dialog.getByRole('listbox');
    await expect(list.getByRole('group', { name: 'Purchase · Touchpoints' })).toBeVisible();
    await expect(list.getByRole('option', { name: /Sees a friend’s post/ })).toHaveCount(0);

    const find = dialog.getByRole('combobox', { name: 'Find a card' });
    await expect(find).toBeFocused();
    await find.fill('store');
    // Filtered as one types; the first match is chosen, ↓ chooses the next.
    await expect(list.getByRole('option')).toHaveCount(4);
    await expect(list.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
    await find.press('ArrowDown');
    await expect(list.getByRole('option', { name: 'Store visit with a sales advisor' })).toHaveAttribute('aria-selected', 'true');
    await find.press('Enter');

    await expect(dialog).toHaveCount(0);
    await expect(a1).toBeFocused();
    await expect(ana.locator('#tp-announcer')).toHaveText('Linked “Sees a friend’s post about better coverage” to “Store visit with a sales advisor”');
    await expect(edges(ana)).toHaveCount(1);
    await expect(edges(ana).first()).toHaveAttribute('aria-label', /to “Store visit with a sales advisor”/);

    // What the server stored.
    await expect
      .poll(async () => {
        const res = await request.get(`/api/maps/${map.id}/export.json`, { headers: { authorization: `Bearer ${map.editKey}` } });
        const file = (await res.json()) as { journey: { cards: { id: string; text: string }[]; links: { from: string; to: string }[] } };
        const text = new Map(file.journey.cards.map((c) => [c.id, c.text]));
        return file.journey.links.map((l) => `${text.get(l.from)} -> ${text.get(l.to)}`);
      })
      .toEqual(['Sees a friend’s post about better coverage -> Store visit with a sales advisor']);
  });
});

test('links across the line of visibility are dashed, marked where they cross, and say so', async ({ page }) => {
  await createMap(page, /Service blueprint/);
  const crossing = page.locator('.react-flow__edge[aria-label*="crosses the line of visibility"]');
  await expect(crossing.first()).toBeVisible();
  await expect(crossing.first().locator('path.react-flow__edge-path')).toHaveCSS('stroke-dasharray', '7px, 4px');
  await expect(crossing.first().locator('circle.link-crossing')).toHaveCount(1);
  // A link between two back-stage or support lanes does not cross it.
  const inside = page.locator('.react-flow__edge:not([aria-label*="crosses"])');
  await expect(inside.first()).toBeAttached();
  await expect(inside.first().locator('circle.link-crossing')).toHaveCount(0);
});

test('a link through the emotional curve’s lane is drawn over the curve, not behind it', async ({ page }) => {
  await createMap(page, /Current-state journey/);
  // From an action of Awareness down to a pain point of Consideration: the route goes down the gap
  // between the two stages, across the thoughts and the emotional curve's lanes.
  const pain = card(page, 'Pain point, Medium severity: Plan prices are hard to compare');
  await dragLink(page, card(page, A1), pain);
  await expect(edges(page)).toHaveCount(1);
  const band = await box(page.locator('.band-emotions'));
  const line = edges(page).first().locator('path.react-flow__edge-path');
  // Where the line is inside the curve's band, the page shows the link there, not the band.
  const inBand = await line.evaluate((path: SVGPathElement, b) => {
    const m = path.getScreenCTM()!;
    const len = path.getTotalLength();
    for (let at = 0; at <= len; at += 2) {
      const p = path.getPointAtLength(at);
      const x = m.a * p.x + m.c * p.y + m.e;
      const y = m.b * p.x + m.d * p.y + m.f;
      if (y > b.y + 10 && y < b.y + b.height - 10) return { x, y };
    }
    return null;
  }, band);
  expect(inBand).not.toBeNull();
  const top = await page.evaluate(({ x, y }) => {
    const el = document.elementFromPoint(x, y);
    return el?.closest('.react-flow__edge') ? 'link' : el?.closest('.band-emotions') ? 'curve' : (el?.className.toString() ?? '');
  }, inBand!);
  expect(top).toBe('link');
});
