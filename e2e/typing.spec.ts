// Two people typing in one card at the same moment, with real keystrokes and delays between them,
// then what the server stored: every typed word must be there whole, in both browsers alike.
import { expect, test, type Page } from '@playwright/test';
import { card, panToCard } from './fixtures';
import { join, person, shareNewMap, storedCards, type SharedMap } from './workshop';

const ORIGINAL = 'Goes to a store to sign up and move the number';

/** Opens the card's text for typing (the caret lands at its end). */
async function edit(page: Page, text: string | RegExp) {
  const target = card(page, text);
  await panToCard(page, target);
  await target.click();
  await page.keyboard.press('Enter');
  const field = page.getByRole('textbox', { name: 'Card text' });
  await expect(field).toBeFocused();
  return field;
}

/** Both type at once, each key after its own delay, as two people in a workshop do. */
const together = (a: Page, wordA: string, b: Page, wordB: string) =>
  Promise.all([a.keyboard.type(wordA, { delay: 70 }), b.keyboard.type(wordB, { delay: 95 })]);

async function storedText(request: Parameters<typeof storedCards>[0], map: SharedMap, must: string[]): Promise<string> {
  let text = '';
  await expect
    .poll(async () => {
      const found = (await storedCards(request, map)).find((c) => c.text.includes('to sign up'));
      text = found?.text ?? '';
      return must.every((w) => text.includes(w));
    })
    .toBe(true);
  return text;
}

test.describe('two people typing in one card', () => {
  let map: SharedMap;
  let ana: Page;
  let marco: Page;

  test.beforeEach(async ({ browser, baseURL }) => {
    ana = await person(browser, 'Ana', baseURL!);
    marco = await person(browser, 'Marco', baseURL!);
    map = await shareNewMap(ana, /Current-state journey/);
    await join(marco, map.editLink);
  });
  test.afterEach(async () => {
    await ana.context().close();
    await marco.context().close();
  });

  test('one at the start, one at the end: both words whole, in the server and on both screens', async ({ request }) => {
    await edit(ana, ORIGINAL);
    await ana.keyboard.press('Control+Home');
    await edit(marco, ORIGINAL);
    await together(ana, 'START ', marco, ' END');
    const stored = await storedText(request, map, ['START ', ' END']);
    expect(stored).toBe(`START ${ORIGINAL} END`);
    await expect(ana.getByRole('textbox', { name: 'Card text' })).toHaveValue(stored);
    await expect(marco.getByRole('textbox', { name: 'Card text' })).toHaveValue(stored);
  });

  test('both at the end, then both at the same place in the middle: no word is scrambled', async ({ request }) => {
    await edit(ana, ORIGINAL);
    await edit(marco, ORIGINAL);
    await together(ana, ' roaming', marco, ' invoice');
    let stored = await storedText(request, map, [' roaming', ' invoice']);
    expect(stored.length).toBe(ORIGINAL.length + 16);

    // Both put the caret right after "Goes" and type there at once.
    for (const page of [ana, marco]) {
      await page.keyboard.press('Control+Home');
      await page.keyboard.press('Control+ArrowRight');
    }
    await together(ana, ' quickly', marco, ' alone');
    stored = await storedText(request, map, [' quickly', ' alone', ' roaming', ' invoice']);
    expect(stored.startsWith('Goes ')).toBe(true);
    await expect(marco.getByRole('textbox', { name: 'Card text' })).toHaveValue(stored);
  });

  test('typing holds while someone else moves the card and grows its lane', async ({ browser, baseURL, request }) => {
    const ioana = await person(browser, 'Ioana', baseURL!);
    await join(ioana, map.editLink);
    await edit(ana, ORIGINAL);
    await ana.keyboard.press('Control+Home');
    await edit(marco, ORIGINAL);
    const moving = (async () => {
      // Ioana adds cards to the lane (it grows) and moves the card one place with the keyboard.
      for (const text of ['Asks a friend', 'Reads reviews']) {
        await ioana.getByRole('button', { name: 'Add a card: Consideration · Customer actions' }).click();
        await ioana.getByRole('textbox', { name: 'Card text' }).pressSequentially(text, { delay: 20 });
        await ioana.keyboard.press('Escape');
      }
      const target = card(ioana, 'to sign up');
      await panToCard(ioana, target);
      await target.focus();
      await ioana.keyboard.press('Alt+ArrowRight');
    })();
    await Promise.all([together(ana, 'First, ', marco, ' (twice)'), moving]);
    const stored = await storedText(request, map, ['First, ', ' (twice)']);
    expect(stored).toBe(`First, ${ORIGINAL} (twice)`);
    await ioana.context().close();
  });

  test('a dead-key letter composed while the other person types', async ({ request }) => {
    await edit(ana, ORIGINAL);
    await edit(marco, ORIGINAL);
    await marco.keyboard.press('Control+Home');
    const cdp = await ana.context().newCDPSession(ana);
    const typing = marco.keyboard.type('Maria ', { delay: 60 });
    // Ana writes " plată": "plat", then ˘ + a composed into "ă" by the input method.
    await ana.keyboard.type(' plat', { delay: 60 });
    await cdp.send('Input.imeSetComposition', { text: '˘', selectionStart: 1, selectionEnd: 1 });
    await cdp.send('Input.imeSetComposition', { text: 'ă', selectionStart: 1, selectionEnd: 1 });
    await cdp.send('Input.insertText', { text: 'ă' });
    await typing;
    const stored = await storedText(request, map, ['Maria ', ' plată']);
    expect(stored).toBe(`Maria ${ORIGINAL} plată`);
  });
});
