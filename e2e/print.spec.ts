// Print → Save as PDF: the print layout as Chromium prints it (page.pdf with the layout's own
// @page size), counted in pages: "whole map on one page" is one sheet; "split by stages" is as many
// sheets as the Export menu said, each with card text of 8 pt or more, the stage and lane headers,
// the map's name and its page number.
import { writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { card, createMap, csvFile, emotionPoint, importFile, openNewMap } from './fixtures';

const menu = (page: Page) => page.getByRole('menu', { name: 'Export and print' });
const openMenu = (page: Page) => page.getByRole('toolbar', { name: 'Map tools' }).getByRole('button', { name: 'Export', exact: true }).click();
const item = (page: Page, name: string) => menu(page).getByRole('menuitem', { name: new RegExp(`${name}$`) });

/** The number of pages the Export menu says a print choice makes (its description: "4 pages"). */
async function saidPages(page: Page, name: string): Promise<number> {
  await openMenu(page);
  const choice = item(page, name);
  await expect(choice).toHaveAccessibleDescription(/^\d+ pages?$/);
  const said = Number((await choice.getAttribute('aria-describedby').then((id) => page.locator(`[id="${id}"]`).textContent()))?.match(/\d+/)?.[0]);
  await openMenu(page); // the button closes its menu again
  await expect(menu(page)).toHaveCount(0);
  return said;
}

interface Printed {
  sheets: number;
  /** Per laid-out page: its running head's words, its stage headers' and lane headers' names. */
  heads: string[];
  stages: string[][];
  lanes: string[][];
  /** The smallest card text on any page as printed: font size × the page's zoom × 0.75 pt per px. */
  smallestPt: number;
  /** The first page's map, as wide as printed, over the sheet's printable width (1045 px on A4). */
  filled: number;
  pdf: Buffer;
}

/**
 * Opens the print layout from the Export menu, with the browser's print dialog stubbed out, measures
 * it in print media and returns the PDF Chromium prints from it (printing fires "afterprint", which
 * closes the layout again).
 */
async function printLayout(page: Page, name: string): Promise<Printed> {
  await page.evaluate(() => {
    window.print = () => undefined;
  });
  await openMenu(page);
  await item(page, name).click();
  const pages = page.locator('.print-host .print-page');
  await expect(pages.first()).toBeAttached();
  const sheets = await pages.count();
  await page.emulateMedia({ media: 'print' });
  const measured = await page.evaluate(() => {
    let smallest = Infinity;
    const heads: string[] = [];
    const stages: string[][] = [];
    const lanes: string[][] = [];
    const names = (p: HTMLElement, selector: string) => [...p.querySelectorAll(selector)].map((el) => el.textContent!.trim());
    for (const p of document.querySelectorAll<HTMLElement>('.print-host .print-page')) {
      const zoom = Number(getComputedStyle(p).zoom) || 1;
      heads.push(p.querySelector('.print-running-head')?.textContent ?? '');
      stages.push(names(p, '.poster-stage-name'));
      lanes.push(names(p, '.poster-lane'));
      for (const text of p.querySelectorAll<HTMLElement>('.card-text')) smallest = Math.min(smallest, parseFloat(getComputedStyle(text).fontSize) * zoom * 0.75);
    }
    const grid = document.querySelector<HTMLElement>('.print-host .print-page .poster-grid')!;
    return { smallest, heads, stages, lanes, filled: grid.getBoundingClientRect().width / 1045 };
  });
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  return { sheets, heads: measured.heads, stages: measured.stages, lanes: measured.lanes, smallestPt: measured.smallest, filled: measured.filled, pdf };
}

/** Pages in a PDF: its page objects (`/Type /Page`, not the `/Pages` tree). */
const pageCount = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;

test('print: the whole map on one A4 sheet; split by stages as many sheets as the menu says, text at 8 pt or more, every sheet headed and numbered', async ({ page }) => {
  await openNewMap(page, /Current-state journey/);
  // A wide map: the template's six stages and four more.
  for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Add stage' }).first().click();
  await expect(page.getByRole('list', { name: 'Stages' }).getByRole('listitem')).toHaveCount(10);

  expect(await saidPages(page, 'Print A4: whole map on one page')).toBe(1);
  const fit = await printLayout(page, 'Print A4: whole map on one page');
  expect(fit.sheets).toBe(1);
  expect(pageCount(fit.pdf)).toBe(1);
  await expect(page.locator('.print-host')).toHaveCount(0);

  const said = await saidPages(page, 'Print A4: split by stages');
  // Four stages across an A4 page at most keeps 13 px card text at 8 pt: ten stages need three across.
  expect(said).toBeGreaterThanOrEqual(3);
  const split = await printLayout(page, 'Print A4: split by stages');
  writeFileSync(test.info().outputPath('split-a4.pdf'), split.pdf);
  expect(split.sheets).toBe(said);
  expect(pageCount(split.pdf)).toBe(said);
  expect(split.smallestPt).toBeGreaterThanOrEqual(8);
  // Pages are filled, not a small poster in a corner: the first page's map spans its sheet's width.
  expect(split.filled).toBeGreaterThan(0.95);
  expect(split.filled).toBeLessThanOrEqual(1.001);
  // Every sheet carries the map's name, its number, its stages' headers and its lanes' headers;
  // the sheets of a group of stages hold every lane between them, in order.
  split.heads.forEach((head, i) => {
    expect(head).toContain('Switching mobile operator: today');
    expect(head).toContain(`Page ${i + 1} of ${said}`);
    expect(split.stages[i]!.length).toBeGreaterThan(0);
    expect(split.lanes[i]!.length).toBeGreaterThan(0);
  });
  expect(split.heads[0]).toContain('Stages 1–4 of 10');
  expect(split.stages[0]).toEqual(['Awareness', 'Consideration', 'Purchase', 'Onboarding']);
  const allLanes = ['Customer actions', 'Touchpoints & channels', 'Thoughts & quotes', 'Emotional curve', 'Pain points & gaps', 'Opportunities & ideas', 'Metrics'];
  const groups = new Map<string, string[]>();
  split.stages.forEach((stages, i) => groups.set(stages.join('|'), [...(groups.get(stages.join('|')) ?? []), ...split.lanes[i]!]));
  expect([...groups.keys()].flatMap((k) => k.split('|'))).toHaveLength(10);
  for (const lanes of groups.values()) expect(lanes).toEqual(allLanes);

  // A3 holds more stages a page: fewer pages, and the menu says so too.
  const a3 = await saidPages(page, 'Print A3: split by stages');
  expect(a3).toBeLessThan(said);
  const printedA3 = await printLayout(page, 'Print A3: split by stages');
  expect(pageCount(printedA3.pdf)).toBe(a3);
  expect(printedA3.smallestPt).toBeGreaterThanOrEqual(8);
});

const pad = (n: number) => String(n).padStart(2, '0');
const day = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const quarterOf = (d: Date) => `${d.getFullYear()}-Q${Math.floor(d.getMonth() / 3) + 1}`;
const TODAY = new Date();
const BEFORE = new Date(TODAY.getFullYear(), Math.floor(TODAY.getMonth() / 3) * 3 - 3, 10);

/** Survey answers: the social media ad's only in the quarter before, the store visit's and the call centre's in this one. */
function survey(): { text: string; answers: number } {
  const rows = ['date;touchpoint;metric;score'];
  for (const s of [9, 10, 7, 3]) rows.push(`${day(BEFORE)};Social media ad;NPS;${s}`);
  for (const s of [10, 9, 9, 8, 6, 2]) rows.push(`${day(TODAY)};Store visit with a sales advisor;NPS;${s}`);
  for (const s of [5, 4, 2, 1, 4]) rows.push(`${day(TODAY)};Call centre;CSAT;${s}`);
  return { text: `${rows.join('\n')}\n`, answers: rows.length - 1 };
}

const NOTE = 'Așteptare lungă în magazin: trei semnături pe contract și niciun consultant liber timp de patruzeci de minute, apoi încă o coadă la casă';

test('print draws the layers chosen in the menu as on screen: survey badges with n and quarter, heat, the department lens, open loops; curve notes whole', async ({ page }) => {
  await createMap(page, /Current-state journey/);
  await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
  const csv = survey();
  await importFile(page, 'Survey answers (CSV)', csvFile('survey.csv', csv.text));
  const dialog = page.getByRole('dialog', { name: 'Import survey answers from survey.csv' });
  await dialog.getByRole('button', { name: `Import ${csv.answers} answers` }).click();
  await expect(dialog).toHaveCount(0);

  // The moment of truth in the store loses its department; the Purchase stage gets a long note.
  const tools = page.getByRole('toolbar', { name: 'Map tools' });
  await tools.getByRole('button', { name: 'Details' }).click();
  const inspector = page.getByRole('complementary', { name: 'Details' });
  await card(page, ': Store visit with a sales advisor').click();
  const department = inspector.getByLabel('Owning department');
  await department.fill('');
  await department.press('Enter');
  await expect(card(page, ': Store visit with a sales advisor')).not.toContainText('Sales');
  const point = emotionPoint(page, 'Purchase');
  await point.focus();
  await page.keyboard.press('Enter');
  await inspector.getByLabel('Why (note)').fill(NOTE);
  await inspector.getByLabel('Why (note)').press('Tab');
  await tools.getByRole('button', { name: 'Details' }).click();

  // In Italian: the layers are chosen in the menu (the survey figures are on by default on a map that has some).
  await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: 'Italiano' });
  await page.getByRole('toolbar', { name: 'Strumenti della mappa' }).getByRole('button', { name: 'Esporta', exact: true }).click();
  const itMenu = page.getByRole('menu', { name: 'Esporta e stampa' });
  await expect(itMenu.getByRole('checkbox', { name: 'Dati dei sondaggi' })).toBeChecked();
  await itMenu.getByRole('checkbox', { name: 'Lente dei reparti' }).check();
  await itMenu.getByRole('checkbox', { name: 'Azioni aperte' }).check();
  const choice = itMenu.getByRole('menuitem', { name: /Stampa A4: divisa per fasi$/ });
  await expect(choice).toHaveAccessibleDescription(/^\d+ pagine?$/);
  const said = Number((await choice.getAttribute('aria-describedby').then((id) => page.locator(`[id="${id}"]`).textContent()))?.match(/\d+/)?.[0]);
  await page.evaluate(() => {
    window.print = () => undefined;
  });
  await choice.click();
  const host = page.locator('.print-host');
  await expect(host.locator('.print-page').first()).toBeAttached();
  const printed = (text: string) => host.locator('.card').filter({ hasText: text });

  // Survey: each touchpoint's figure with its sample size; the ad's is from the quarter before and says so.
  await expect(printed('Social media ad').locator('.voc-badge')).toContainText('n=4');
  await expect(printed('Social media ad').locator('.voc-badge')).toContainText(`· ${quarterOf(BEFORE)}`);
  await expect(printed('Store visit').locator('.voc-badge')).toContainText('n=6');
  await expect(printed('Store visit').locator('.voc-badge')).not.toContainText(quarterOf(TODAY));
  // Heat: the store visit (no department, so no lens colour) is painted by its figure.
  expect(await printed('Store visit').evaluate((el) => (el as HTMLElement).style.background)).toMatch(/^rgb/);
  // The department lens: colours with their names, the unowned moment of truth flagged, the legend.
  await expect(printed('Social media ad').locator('.lens-tag')).toHaveText('Marketing');
  await expect(printed('Store visit').locator('.lens-unowned')).toHaveText('Nessun reparto');
  const legend = host.locator('.poster-legend').first();
  await expect(legend).toContainText('Nessun reparto (');
  await expect(legend).toContainText('Momento della verità senza reparto: Store visit with a sales advisor');
  await expect(legend).toContainText('passaggi di consegne');
  // Open loops: how long in their status, and who owns them (or a warning that nobody does).
  await expect(printed('Plan prices are hard to compare').locator('.loop-mark')).toHaveText(/Aperto da 0 giorni\s*· Product/);
  await expect(printed('No news for 3 days').locator('.loop-mark')).toContainText('nessun responsabile');
  // The emotional curve's note whole, wrapped inside its stage's column.
  const note = host.locator('.print-curve-notes p').filter({ hasText: NOTE.slice(0, 20) });
  await expect(note).toHaveText(NOTE);

  await page.emulateMedia({ media: 'print' });
  const inside = await note.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const page = el.closest('.print-page')!.getBoundingClientRect();
    return box.left >= page.left && box.right <= page.right && box.top >= page.top && box.bottom <= page.bottom && el.scrollWidth <= el.clientWidth;
  });
  expect(inside).toBe(true);
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  writeFileSync(test.info().outputPath('layers-a4.pdf'), pdf);
  expect(pageCount(pdf)).toBe(said);
  await page.emulateMedia({ media: 'screen' });
});
