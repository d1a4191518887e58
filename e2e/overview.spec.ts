// The overview reads (issue 15, item 3): on a busy 10 x 10 map at "fit" every stage and lane name is
// whole, fit leaves no band beside the lane headers, the cells' "+" shows on hover or focus only, and
// the selected card stays beside the Details panel, not under it.
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { newId } from '../src/journey/ids';
import { keysBetween } from '../src/journey/order';

const STAGES = ['Awareness', 'Consideration', 'Comparing offers', 'Purchase', 'Number porting', 'Onboarding', 'First bill', 'Everyday use', 'Customer support', 'Renewal or churn'];
const EXTRA_LANES = [
  ['frontStage', 'Front stage'],
  ['backStage', 'Back stage'],
  ['support', 'Support processes'],
] as const;
const NOTES = ['Reads reviews on a forum', 'Asks a friend on the bus', 'Streams a film on the train', 'Calls the shop about a SIM', 'Checks the bill in the app'];

interface MapFile {
  journey: {
    stages: { id: string; name: string; goal: string; index: string }[];
    lanes: { id: string; name: string; kind: string; index: string; collapsed: boolean }[];
    cards: Record<string, unknown>[];
  };
}

/** A busy map made through the API: the current-state template grown to 10 stages and 10 lanes,
 * every note lane filled, the way a telecom's journey team's map looks. */
async function busyMap(request: APIRequestContext): Promise<string> {
  const made = (await (await request.post('/api/maps', { data: { template: 'currentJourney', locale: 'en' } })).json()) as { id: string; editKey: string };
  const file = (await (await request.get(`/api/maps/${made.id}/export.json`, { headers: { authorization: `Bearer ${made.editKey}` } })).json()) as MapFile;
  const j = file.journey;
  const stageKeys = keysBetween(null, null, STAGES.length);
  j.stages = STAGES.map((name, i) => ({ ...(j.stages[i] ?? { id: newId(), goal: '' }), name, index: stageKeys[i]! }));
  const laneKeys = keysBetween(j.lanes[j.lanes.length - 1]!.index, null, EXTRA_LANES.length);
  for (const [i, [kind, name]] of EXTRA_LANES.entries()) j.lanes.push({ id: newId(), name, kind, index: laneKeys[i]!, collapsed: false });
  const noteLanes = j.lanes.filter((l) => ['actions', 'thoughts', 'frontStage', 'backStage', 'support'].includes(l.kind));
  for (const [s, stage] of j.stages.entries()) {
    for (const [l, lane] of noteLanes.entries()) {
      if (j.cards.some((c) => c.stageId === stage.id && c.laneId === lane.id)) continue;
      j.cards.push({ id: newId(), kind: 'note', stageId: stage.id, laneId: lane.id, index: 'a0', text: NOTES[(s + l) % NOTES.length] });
    }
  }
  const copy = (await (await request.post('/api/maps', { data: { file } })).json()) as { id: string; editKey: string };
  return `/#/map/${copy.id}?key=${copy.editKey}`;
}

async function openBusyMap(page: Page, request: APIRequestContext): Promise<void> {
  await page.goto(await busyMap(request));
  await expect(page.getByRole('list', { name: 'Stages' }).getByRole('listitem')).toHaveCount(10);
  await expect(page.getByRole('list', { name: 'Lanes' }).getByRole('listitem')).toHaveCount(10);
}

/** Every header's name as drawn: its text, its accessible name, its title, and whether it is cut. */
const headerNames = (page: Page, selector: string) =>
  page.locator(selector).evaluateAll((els) =>
    els.map((el) => ({
      text: (el.textContent ?? '').trim(),
      label: el.getAttribute('aria-label') ?? el.querySelector('.sr-only')?.textContent ?? '',
      title: el.getAttribute('title') ?? '',
      cut: el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1,
    })),
  );

test('at fit, a busy 10 x 10 map shows every stage and lane name whole, flush against the lane headers', async ({ page, request }) => {
  await openBusyMap(page, request);
  await page.screenshot({ path: '/tmp/overview-default.png' });
  await page.getByRole('button', { name: 'Fit the whole map' }).click();
  // Fit puts the first column right beside the lane headers: no empty band between them.
  const laneHeaders = page.getByRole('list', { name: 'Lanes' });
  const firstCell = page.locator('.react-flow__node-cell').first();
  await expect.poll(async () => Math.round((await firstCell.boundingBox())!.x - ((await laneHeaders.boundingBox())!.x + (await laneHeaders.boundingBox())!.width))).toBeLessThanOrEqual(1);
  await expect.poll(async () => Math.round((await firstCell.boundingBox())!.x - ((await laneHeaders.boundingBox())!.x + (await laneHeaders.boundingBox())!.width))).toBeGreaterThanOrEqual(-1);
  await page.screenshot({ path: '/tmp/overview-fit.png' });

  const stages = await headerNames(page, '.stage-header .stage-name');
  expect(stages).toHaveLength(10);
  for (const [i, name] of STAGES.entries()) {
    const shown = stages[i]!;
    // The name as typed, or a readable abbreviation that carries the whole name for the pointer and screen readers.
    if (shown.text !== name) {
      expect(shown.label).toContain(name);
      if (!shown.text.includes('-')) expect(shown.title).toBe(name);
    }
    expect(shown.text).not.toContain('…');
    // Never single letters: a shown word is a word of the name, or at least three of its letters.
    for (const word of shown.text.split(/\s+/)) if (!name.split(' ').includes(word)) expect(word.replace(/[.-]/g, '').length).toBeGreaterThanOrEqual(3);
    expect(shown.cut, `"${name}" is cut`).toBe(false);
  }
  const lanes = await headerNames(page, '.lane-header .lane-name');
  expect(lanes).toHaveLength(10);
  for (const lane of lanes) expect(lane.cut, `lane "${lane.text}" is cut`).toBe(false);
  // On a 1440 x 900 window every stage name fits whole, without abbreviation.
  const letters = (text: string) => text.replace(/[\s-]/g, '');
  expect(stages.map((s) => letters(s.text))).toEqual(STAGES.map(letters));
});

test('a cell’s "+" shows on hover and on keyboard focus only, not as a grid', async ({ page, request }) => {
  await openBusyMap(page, request);
  const add = page.getByRole('button', { name: 'Add a card: Purchase · Customer actions' });
  const opacity = () => add.evaluate((el) => Number(getComputedStyle(el).opacity));
  await expect.poll(opacity).toBe(0);
  // No cell shows its "+" until asked.
  expect(await page.locator('.cell-add').evaluateAll((els) => els.filter((el) => getComputedStyle(el).opacity !== '0').length)).toBe(0);
  await add.locator('xpath=..').hover({ position: { x: 30, y: 10 } });
  await expect.poll(opacity).toBe(1);
  await page.mouse.move(5, 5);
  await expect.poll(opacity).toBe(0);
  await page.keyboard.press('Shift');
  await add.focus();
  await expect.poll(opacity).toBe(1);
  await add.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Card text' })).toBeFocused();
});

test('the selected card stays in view beside the Details panel', async ({ page, request }) => {
  await openBusyMap(page, request);
  // A card near the pane's right edge, wholly in view, where the panel will open.
  const id = await page.locator('[data-card-id]').evaluateAll((els) => {
    const right = els.map((el) => ({ id: el.getAttribute('data-card-id')!, box: el.getBoundingClientRect() })).filter(({ box }) => box.right > 1440 - 300 && box.right < 1420 && box.top > 200 && box.bottom < 800);
    return right[0]?.id ?? null;
  });
  expect(id).not.toBeNull();
  const target = page.locator(`[data-card-id="${id}"]`);
  await target.click({ position: { x: 40, y: 30 } });
  await page.getByRole('toolbar', { name: 'Map tools' }).getByRole('button', { name: 'Details' }).click();
  const panel = page.getByRole('complementary', { name: 'Details' });
  await expect(panel).toBeVisible();
  await expect
    .poll(async () => {
      const [c, p] = [(await target.boundingBox())!, (await panel.boundingBox())!];
      return c.x + c.width <= p.x && c.x >= 196;
    })
    .toBe(true);
  await page.screenshot({ path: '/tmp/overview-details.png' });
});
