// Version history in the browser, two people on one map: Ana names "Q3 baseline", changes the map,
// and restores the baseline in place while Marco types into another card (both see the restored
// map, his typing survives, her Undo takes the restore back). His typing is concurrent with the
// restore for sure: his link to the server is slow (the test holds what his tab sends until the
// restore is done), so neither has seen the other's change when it is made. A version opened read-only shows the
// version with no way to edit it, and others' edits do not repaint it; a future-state copy compared
// with the map it was copied from shows the right counts. What the server stored is read back
// through the API.
import { mkdirSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { addCard, card, panToCard } from './fixtures';
import { join, person, shareNewMap, storedCards, type SharedMap } from './workshop';

const SHOTS = process.env.HISTORY_SHOTS ?? '/tmp/history-ui-shots';
const history = (page: Page) => page.getByRole('complementary', { name: 'Version history' });
const banner = (page: Page) => page.getByRole('region', { name: 'What the map shows' });

async function openHistory(page: Page): Promise<void> {
  if (!(await history(page).isVisible())) await page.getByRole('toolbar', { name: 'Map tools' }).getByRole('button', { name: 'History', exact: true }).click();
  await expect(history(page)).toBeVisible();
}

/** Opens a version's actions in the list (its button says its name, or why it was taken). */
async function versionActions(page: Page, name: string | RegExp) {
  const head = history(page).getByRole('button', { name: typeof name === 'string' ? new RegExp(name) : name }).first();
  if ((await head.getAttribute('aria-expanded')) !== 'true') await head.click();
  return history(page).getByRole('group', { name: /^What to do with/ });
}

/** What a click downloads: the file's suggested name and bytes. */
async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; body: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const chunks: Buffer[] = [];
  for await (const chunk of await file.createReadStream()) chunks.push(chunk as Buffer);
  return { name: file.suggestedFilename(), body: Buffer.concat(chunks) };
}

interface StoredVersion {
  id: string;
  name: string | null;
  kind: string;
  reason: string;
  cards: number;
}
async function storedVersions(request: APIRequestContext, map: Pick<SharedMap, 'id' | 'editKey'>): Promise<StoredVersion[]> {
  const res = await request.get(`/api/maps/${map.id}/versions`, { headers: { authorization: `Bearer ${map.editKey}` } });
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { versions: StoredVersion[] }).versions;
}

test.describe.configure({ mode: 'serial' });

let map: SharedMap;
let ana: Page;
let marco: Page;
/** While set, what Marco's tab sends to the server waits here (a slow link), in order. */
let marcoHeld: (() => void)[] | null = null;

test.beforeAll(async ({ browser }) => {
  mkdirSync(SHOTS, { recursive: true });
  const baseURL = test.info().project.use.baseURL!;
  ana = await person(browser, 'Ana', baseURL);
  marco = await person(browser, 'Marco', baseURL);
  for (const page of [ana, marco]) await page.setViewportSize({ width: 1440, height: 900 });
  await marco.routeWebSocket(/\/sync\//, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => (marcoHeld ? marcoHeld.push(() => server.send(message)) : server.send(message)));
    server.onMessage((message) => ws.send(message));
  });
  map = await shareNewMap(ana, /Current-state journey/);
  await join(marco, map.editLink);
});
test.afterAll(async () => {
  for (const page of [ana, marco]) await page.context().close();
});

test('a named version restored in place while someone types: both see it, the typing survives, Undo takes it back', async ({ request }) => {
  await openHistory(ana);
  await history(ana).getByRole('button', { name: 'Name this version' }).click();
  await history(ana).getByRole('textbox', { name: 'Version name' }).fill('Q3 baseline');
  await history(ana).getByRole('textbox', { name: 'Version name' }).press('Enter');
  await expect(history(ana).getByRole('status')).toHaveText('This version is named “Q3 baseline”.');
  await expect(history(ana).getByRole('list', { name: 'Versions, newest first' }).getByRole('button', { name: /Q3 baseline/ })).toBeVisible();
  // Focus is back on the button that opened the form.
  await expect(history(ana).getByRole('button', { name: 'Name this version' })).toBeFocused();
  const named = (await storedVersions(request, map)).find((v) => v.name === 'Q3 baseline');
  expect(named).toMatchObject({ kind: 'named', reason: 'named' });
  const baselineCards = (await storedCards(request, map)).length;
  expect(named!.cards).toBe(baselineCards);
  await versionActions(ana, 'Q3 baseline');
  await ana.screenshot({ path: `${SHOTS}/history-panel.png` });

  // Ana changes the map: a card added, one deleted.
  await addCard(ana, 'Awareness · Customer actions', 'Added after the baseline');
  const compares = card(ana, 'Compares plans and prices online');
  await panToCard(ana, compares);
  await compares.focus();
  await ana.keyboard.press('Delete');
  await expect(card(marco, 'Added after the baseline')).toBeVisible();
  await expect(card(marco, 'Compares plans and prices online')).toHaveCount(0);

  // Marco is typing into another card as Ana restores the baseline: his words are on their way.
  const ad = card(marco, 'Social media ad');
  await panToCard(marco, ad);
  await ad.dblclick();
  const editor = marco.getByRole('textbox', { name: 'Card text' });
  await editor.press('End');
  marcoHeld = [];
  await editor.pressSequentially(' – checked by Marco');
  await expect(card(ana, 'Social media ad – checked by Marco')).toHaveCount(0);

  const actions = await versionActions(ana, 'Q3 baseline');
  await actions.getByRole('button', { name: 'Restore here' }).click();
  const confirm = ana.getByRole('dialog', { name: 'Restore “Q3 baseline”?' });
  await expect(confirm).toContainText('Everyone sees the map change; Undo takes it back.');
  await confirm.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(history(ana).getByRole('status')).toHaveText('Restored “Q3 baseline”. Undo takes it back.');

  // Both see the restored map; Marco, still typing, loses nothing: his words land on top of it.
  for (const page of [ana, marco]) {
    await expect(card(page, 'Added after the baseline')).toHaveCount(0);
    await expect(card(page, 'Compares plans and prices online')).toHaveCount(1);
  }
  await expect(editor).toBeFocused();
  await expect(editor).toHaveValue('Social media ad – checked by Marco');
  const held = marcoHeld;
  marcoHeld = null;
  for (const send of held ?? []) send();
  await expect(card(ana, 'Social media ad – checked by Marco')).toBeVisible();
  await editor.pressSequentially(' again');
  await expect(editor).toHaveValue('Social media ad – checked by Marco again');
  await editor.press('Escape');
  await expect(card(marco, 'Social media ad – checked by Marco again')).toBeVisible();
  for (const page of [ana, marco]) await expect(card(page, 'Social media ad – checked by Marco again')).toBeVisible();

  // The server holds the restored map with Marco's typing, and the map as it was before the restore as a version.
  await expect.poll(async () => (await storedCards(request, map)).map((c) => c.text).filter((t) => /Added after the baseline|Compares plans|checked by Marco again/.test(t)).sort()).toEqual([
    'Compares plans and prices online',
    'Social media ad – checked by Marco again',
  ]);
  const versions = await storedVersions(request, map);
  expect(versions[0]).toMatchObject({ kind: 'auto', reason: 'beforeRestore', cards: baselineCards });
  await expect(history(ana).getByRole('button', { name: /Before a version was restored/ })).toBeVisible();

  // Ana's Undo takes the restore back, for everyone; Marco's typing stays.
  await ana.getByRole('toolbar', { name: 'Map tools' }).getByRole('button', { name: 'Undo', exact: true }).click();
  for (const page of [ana, marco]) {
    await expect(card(page, 'Added after the baseline')).toBeVisible();
    await expect(card(page, 'Compares plans and prices online')).toHaveCount(0);
    await expect(card(page, 'Social media ad – checked by Marco again')).toBeVisible();
  }
});

test('a version opens read-only: framed, nothing to edit, others’ edits do not repaint it', async ({ request }) => {
  const actions = await versionActions(ana, 'Q3 baseline');
  await actions.getByRole('button', { name: 'Open (read-only)' }).click();
  await expect(banner(ana)).toContainText(/Viewing version “Q3 baseline” of .+ — read-only/);
  await expect(banner(ana).getByText(/Viewing version/)).toBeFocused();
  // The version: as it was named.
  await expect(card(ana, 'Compares plans and prices online')).toBeVisible();
  await expect(card(ana, 'Added after the baseline')).toHaveCount(0);
  // Nothing edits it: no undo, no "+", no card editor, no delete.
  const toolbar = ana.getByRole('toolbar', { name: 'Map tools' });
  await expect(toolbar.getByRole('button', { name: 'Undo', exact: true })).toHaveCount(0);
  await expect(ana.getByRole('button', { name: /^Add a card/ })).toHaveCount(0);
  await card(ana, 'Compares plans and prices online').dblclick();
  await expect(ana.getByRole('textbox', { name: 'Card text' })).toHaveCount(0);
  await card(ana, 'Compares plans and prices online').press('Delete');
  await expect(card(ana, 'Compares plans and prices online')).toBeVisible();
  await expect(card(marco, 'Compares plans and prices online')).toHaveCount(0);
  expect((await storedCards(request, map)).some((c) => c.text === 'Compares plans and prices online')).toBe(false);

  // Marco edits the live map meanwhile: Ana's version does not change.
  await addCard(marco, 'Awareness · Customer actions', 'Marco adds this while Ana looks back');
  await expect(card(ana, 'Marco adds this while Ana looks back')).toHaveCount(0);
  await ana.mouse.move(900, 600);
  await ana.screenshot({ path: `${SHOTS}/version-read-only.png` });

  // Its exports are the version's: the map file, and a picture made by the same export job as the Export menu's.
  const actions2 = await versionActions(ana, 'Q3 baseline');
  const json = await download(ana, () => actions2.getByRole('button', { name: 'Export this version as JSON' }).click());
  const texts = (JSON.parse(json.body.toString()) as { journey: { cards: { text: string }[] } }).journey.cards.map((c) => c.text);
  expect(texts).toContain('Compares plans and prices online');
  expect(texts).not.toContain('Added after the baseline');
  const png = await download(ana, () => actions2.getByRole('button', { name: 'Export this version as a PNG picture' }).click());
  expect(png.name).toMatch(/\.png$/);
  expect(png.body.subarray(1, 4).toString()).toBe('PNG');

  await banner(ana).getByRole('button', { name: 'Back to the live map' }).click();
  await expect(banner(ana)).toHaveCount(0);
  await expect(card(ana, 'Marco adds this while Ana looks back')).toBeVisible();
  await expect(card(ana, 'Added after the baseline')).toBeVisible();
  await expect(history(ana).getByRole('button', { name: /Q3 baseline/ })).toBeFocused();
});

test('a future-state copy compared with the map it was copied from: the counts are right, listed and marked', async ({ request, browser }) => {
  const res = await request.post(`/api/maps/${map.id}/duplicate`, { headers: { authorization: `Bearer ${map.editKey}` }, data: { title: 'Switching operator: future', variant: 'future' } });
  expect(res.status()).toBe(201);
  const copy = (await res.json()) as { id: string; editKey: string };
  const ioana = await person(browser, 'Ioana', test.info().project.use.baseURL!);
  await ioana.setViewportSize({ width: 1440, height: 900 });
  await join(ioana, `/#/map/${copy.id}?key=${copy.editKey}`);

  // Two cards added, one removed, one changed, one moved to the next stage.
  await addCard(ioana, 'Awareness · Customer actions', 'Chat with an advisor before buying');
  await addCard(ioana, 'Consideration · Customer actions', 'Compare plans in the app');
  const post = card(ioana, 'Sees a friend’s post about better coverage');
  await panToCard(ioana, post);
  await post.focus();
  await ioana.keyboard.press('Delete');
  await expect(post).toHaveCount(0);
  const ad = card(ioana, 'Social media ad – checked by Marco again');
  await ad.dblclick();
  await ioana.getByRole('textbox', { name: 'Card text' }).press('End');
  await ioana.getByRole('textbox', { name: 'Card text' }).pressSequentially(' with the price in it');
  await ioana.getByRole('textbox', { name: 'Card text' }).press('Escape');
  const moved = card(ioana, 'Added after the baseline');
  await moved.focus();
  await ioana.keyboard.press('Alt+ArrowRight');

  await openHistory(ioana);
  await history(ioana).getByRole('button', { name: 'Compare with the current state' }).click();
  const summary = '2 cards added, 1 removed, 1 changed, 1 moved.';
  await expect(history(ioana).getByRole('heading', { name: 'Compared with Switching mobile operator: today' })).toBeVisible();
  await expect(history(ioana).getByText(summary, { exact: true }).first()).toBeVisible();
  await expect(banner(ioana)).toContainText(`Comparing with Switching mobile operator: today: ${summary}`);

  // On the map: each card says what happened to it, in words.
  await expect(card(ioana, 'Chat with an advisor before buying')).toHaveAccessibleName(/\. Added\.$/);
  await expect(card(ioana, 'with the price in it')).toHaveAccessibleName(/\. Changed: Text\.$/);
  await expect(card(ioana, 'Added after the baseline')).toHaveAccessibleName(/\. Moved\.$/);
  await expect(card(ioana, 'Chat with an advisor before buying').getByText('Added', { exact: true })).toBeVisible();
  // The removed card is listed, being on no map any more.
  await expect(history(ioana).getByText('Sees a friend’s post about better coverage')).toBeVisible();
  await ioana.mouse.move(900, 600);
  await ioana.screenshot({ path: `${SHOTS}/compare.png` });

  // The filter: only what was added.
  await history(ioana).getByRole('group', { name: 'Show only' }).getByRole('checkbox', { name: /Added/ }).check();
  await expect(history(ioana).getByRole('button', { name: /^Added: / })).toHaveCount(2);
  await expect(history(ioana).getByRole('button', { name: /^(Changed|Moved)/ })).toHaveCount(0);
  await expect(card(ioana, 'with the price in it')).toHaveClass(/is-compare-dim/);

  // "What differs from …" as Markdown.
  const markdown = (await download(ioana, () => history(ioana).getByRole('button', { name: 'Export as Markdown' }).click())).body.toString('utf8');
  expect(markdown).toMatch(/^# What differs from Switching mobile operator: today/);
  expect(markdown).toContain(summary);

  // The server kept the source as it is, and knows the copy's source.
  const source = await request.get(`/api/maps/${copy.id}/source`, { headers: { authorization: `Bearer ${copy.editKey}` } });
  expect(source.ok()).toBe(true);
  const sourceCards = ((await source.json()) as { journey: { cards: { text: string }[] } }).journey.cards.map((c) => c.text);
  expect(sourceCards).toContain('Sees a friend’s post about better coverage');
  expect(sourceCards).not.toContain('Chat with an advisor before buying');

  await banner(ioana).getByRole('button', { name: 'Stop comparing' }).click();
  await expect(banner(ioana)).toHaveCount(0);
  await expect(card(ioana, 'Chat with an advisor before buying')).toHaveAccessibleName(/before buying — Awareness, Customer actions$/);
  await ioana.context().close();
});

test('a version is named, renamed and deleted (after asking); a viewer sees the history but cannot change it', async ({ request, browser }) => {
  await openHistory(ana);
  await history(ana).getByRole('button', { name: 'Name this version' }).click();
  await history(ana).getByRole('textbox', { name: 'Version name' }).fill('After workshop 12 Nov');
  await history(ana).getByRole('button', { name: 'Name this version' }).click();
  await expect(history(ana).getByRole('status')).toHaveText('This version is named “After workshop 12 Nov”.');
  const actions = await versionActions(ana, 'After workshop 12 Nov');
  await actions.getByRole('button', { name: 'Rename' }).click();
  const field = history(ana).getByRole('textbox', { name: 'Version name' });
  await expect(field).toBeFocused();
  await field.fill('After the workshop');
  await field.press('Enter');
  await expect(history(ana).getByRole('status')).toHaveText('Renamed to “After the workshop”.');
  expect((await storedVersions(request, map)).map((v) => v.name)).toContain('After the workshop');

  // A viewer: the list, open and compare, but no naming, restoring or deleting.
  const boss = await person(browser, 'Stakeholder', test.info().project.use.baseURL!);
  await join(boss, map.viewLink);
  await openHistory(boss);
  const seen = await versionActions(boss, 'After the workshop');
  await expect(seen.getByRole('button', { name: 'Open (read-only)' })).toBeVisible();
  await expect(history(boss).getByRole('button', { name: /Name this version|Restore|Delete|Rename/ })).toHaveCount(0);
  await boss.context().close();

  const again = await versionActions(ana, 'After the workshop');
  await again.getByRole('button', { name: 'Delete' }).click();
  const confirm = ana.getByRole('dialog', { name: 'Delete “After the workshop”?' });
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  expect((await storedVersions(request, map)).map((v) => v.name)).toContain('After the workshop');
  await again.getByRole('button', { name: 'Delete' }).click();
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(history(ana).getByRole('status')).toHaveText('Deleted “After the workshop”.');
  await expect(history(ana).getByRole('button', { name: /After the workshop/ })).toHaveCount(0);
  // Focus stays in the panel.
  await expect(history(ana).locator(':focus')).toHaveCount(1);
  expect((await storedVersions(request, map)).map((v) => v.name)).not.toContain('After the workshop');
});

test('a version restored as a new map: a map of its own, opened in this tab, with the version’s cards', async () => {
  const before = new URL(ana.url()).hash;
  const actions = await versionActions(ana, 'Q3 baseline');
  await actions.getByRole('button', { name: 'Restore as a new map' }).click();
  await expect.poll(() => new URL(ana.url()).hash).not.toBe(before);
  await expect(ana.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
  await expect(card(ana, 'Compares plans and prices online')).toBeVisible();
  await expect(card(ana, 'Added after the baseline')).toHaveCount(0);
  // It is listed on the home page with the others.
  await ana.getByRole('button', { name: 'Maps', exact: true }).click();
  await expect(ana.getByRole('link', { name: /^Open Switching mobile operator: today/ })).toHaveCount(2);
});
