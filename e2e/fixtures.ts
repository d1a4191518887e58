// Shared steps for the e2e specs: open the app, create a map from a template, find cards.
import { expect, type Locator, type Page } from '@playwright/test';

export async function createMap(page: Page, template: RegExp): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: template }).click();
  await expect(page.getByRole('region', { name: 'Journey map' })).toBeVisible();
  await expect(page.locator('.card').first()).toBeVisible();
}

/** A card located by the accessible label its kind and text give it. */
export const card = (page: Page, text: string | RegExp) =>
  page.getByRole('group', { name: typeof text === 'string' ? new RegExp(escape(text)) : text });

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Adds a card with the cell's "+" and types its text. */
export async function addCard(page: Page, cell: string, text: string): Promise<Locator> {
  await page.getByRole('button', { name: `Add a card: ${cell}` }).click();
  const editor = page.getByRole('textbox', { name: 'Card text' });
  await editor.fill(text);
  await editor.press('Escape');
  const added = card(page, `: ${text}`);
  await expect(added).toBeVisible();
  return added;
}

/**
 * Pans the map with the wheel until the card is wholly inside the canvas, as a user would before
 * clicking it. A card cut by the canvas edge is not clicked as it is: Playwright would scroll it into
 * view, React Flow undoes that scroll, and the click lands beside the card.
 */
export async function panToCard(page: Page, target: Locator): Promise<void> {
  const canvas = page.getByRole('region', { name: 'Journey map' });
  await expect(target).toBeVisible();
  await expect
    .poll(async () => {
      const [c, b] = [await canvas.boundingBox(), await target.boundingBox()];
      if (!c || !b) return false;
      const dx = b.x < c.x ? b.x - c.x - 40 : b.x + b.width > c.x + c.width ? b.x + b.width - c.x - c.width + 40 : 0;
      const dy = b.y < c.y ? b.y - c.y - 40 : b.y + b.height > c.y + c.height ? b.y + b.height - c.y - c.height + 40 : 0;
      if (!dx && !dy) return true;
      await page.mouse.move(c.x + c.width / 2, c.y + c.height / 2);
      await page.mouse.wheel(dx, dy);
      return false;
    })
    .toBe(true);
}

/** Opens a new map from a template, cards or not (a blank map has none), and waits for its canvas. */
export async function openNewMap(page: Page, template: RegExp): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: template }).click();
  await expect(page.getByRole('region', { name: 'Journey map' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Stages' }).getByRole('listitem').first()).toBeVisible();
}

/** The emotional curve's point (an ARIA slider) for a stage, whichever persona it belongs to. */
export const emotionPoint = (page: Page, stage: string, persona?: string) =>
  page.getByRole('slider', { name: new RegExp(`^Emotion at ${escape(stage)}${persona ? ` \\(${escape(persona)}\\)` : '( \\(|$)'}`) });

// ---- files: exports, imports, pictures (used by picture, exchange and stakeholder specs) --------

/** A file the app downloaded: the name it suggested and its bytes. */
export interface DownloadedFile {
  name: string;
  body: Buffer;
}

/** Picks `item` in the toolbar's Export menu and waits for the file it downloads. */
export async function exportFile(page: Page, item: string): Promise<DownloadedFile> {
  await page.getByRole('toolbar', { name: 'Map tools' }).getByRole('button', { name: 'Export', exact: true }).click();
  const menu = page.getByRole('menu', { name: 'Export and print' });
  const [download] = await Promise.all([page.waitForEvent('download'), menuitem(menu, item).click()]);
  const failure = await download.failure();
  if (failure) throw new Error(`The download of "${item}" failed: ${failure}`);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return { name: download.suggestedFilename(), body: Buffer.concat(chunks) };
}

/** A menu item by the end of its name (the names start with an icon). */
const menuitem = (menu: ReturnType<Page['locator']>, item: string) => menu.getByRole('menuitem', { name: new RegExp(`(^|\\s)${escape(item)}$`) });

/** A file handed to a file chooser. */
export interface ChosenFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

export const jsonFile = (name: string, value: unknown): ChosenFile => ({ name, mimeType: 'application/json', buffer: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value, null, 2)) });
export const csvFile = (name: string, text: string): ChosenFile => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

/** Picks `item` in the toolbar's Import menu and gives `file` (its content, or a path on disk) to the file chooser it opens. */
export async function importFile(page: Page, item: string, file: ChosenFile | string): Promise<void> {
  await page.getByRole('toolbar', { name: 'Map tools' }).getByRole('button', { name: 'Import', exact: true }).click();
  const menu = page.getByRole('menu', { name: 'Import' });
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), menuitem(menu, item).click()]);
  await chooser.setFiles(file);
}

/** Zooms the canvas out to the whole map, so every card is drawn (the canvas draws only what is in view). */
export async function showWholeMap(page: Page, cards: number): Promise<void> {
  await page.getByRole('button', { name: 'Fit the whole map' }).click();
  await expect(page.locator('.card')).toHaveCount(cards);
}
