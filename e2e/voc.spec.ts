// The Voice of the Customer, end to end: survey answers imported from a CSV file (bad rows listed by
// line, Cancel imports nothing), figures with their sample sizes on the touchpoint cards, the heat
// overlay, verbatims promoted into the quotes lane, and a loop closed in the Details panel that
// leaves the Open loops panel and shows in the quarterly report.
import { expect, test, type Page } from '@playwright/test';
import { card, createMap, csvFile, importFile, type DownloadedFile } from './fixtures';

const pad = (n: number) => String(n).padStart(2, '0');
const day = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const quarterOf = (d: Date) => `${d.getFullYear()}-Q${Math.floor(d.getMonth() / 3) + 1}`;

// Today's quarter and the one before, in local time as the app reads them.
const TODAY = new Date();
const THIS_QUARTER = quarterOf(TODAY);
const BEFORE = new Date(TODAY.getFullYear(), Math.floor(TODAY.getMonth() / 3) * 3 - 3, 10);
const LAST_QUARTER = quarterOf(BEFORE);

const AD = 'Social media ad';
const STORE = 'Store visit with a sales advisor';
const CALL = 'Call centre';
const GAP = 'Waits 40 minutes in the store; the contract needs 3 signatures';

/** The survey file, and the lines of its two bad rows. */
function surveyCsv(): { text: string; unknownLine: number; rangeLine: number; good: number } {
  const rows: string[] = ['date;touchpoint;metric;score;comment'];
  const add = (date: Date, touchpoint: string, metric: string, score: number, comment = '') => {
    rows.push([day(date), touchpoint, metric, String(score), comment].join(';'));
    return rows.length; // the line it is on (the header is line 1)
  };
  // Social media ad, NPS: this quarter 9, 10, 7, 3 → 2 promoters, 1 detractor of 4 = +25; before 5, 6, 9 → -33.
  for (const s of [9, 10, 7, 3]) add(TODAY, AD, 'NPS', s);
  for (const s of [5, 6, 9]) add(BEFORE, AD, 'NPS', s);
  // Store visit, NPS: this quarter 10, 9, 9, 8, 6, 2 → 3 promoters, 2 detractors of 6 = +17; before 10, 10, 6, 9 → +50.
  add(TODAY, STORE, 'NPS', 10, 'The advisor knew every plan');
  add(TODAY, STORE, 'NPS', 9);
  add(TODAY, STORE, 'NPS', 9);
  add(TODAY, STORE, 'NPS', 8);
  add(TODAY, STORE, 'NPS', 6, 'Too many documents to bring');
  add(TODAY, STORE, 'NPS', 2, 'Waited 40 minutes for three signatures');
  for (const s of [10, 10, 6, 9]) add(BEFORE, STORE, 'NPS', s);
  // Call centre, CSAT (1-5): this quarter 5, 4, 2, 1, 4 → 3 of 5 = 60%; before 2, 3 → 0%.
  for (const s of [5, 4, 2, 1, 4]) add(TODAY, CALL, 'CSAT', s);
  for (const s of [2, 3]) add(BEFORE, CALL, 'CSAT', s);
  const good = rows.length - 1;
  const unknownLine = add(TODAY, 'Fax machine', 'NPS', 8);
  const rangeLine = add(TODAY, STORE, 'NPS', 11);
  return { text: `${rows.join('\n')}\n`, unknownLine, rangeLine, good };
}

const toolbar = (page: Page) => page.getByRole('toolbar', { name: 'Map tools' });
const badges = (page: Page) => page.locator('.card .voc-badge');

async function download(page: Page, item: string, quarter: string): Promise<DownloadedFile> {
  await toolbar(page).getByRole('button', { name: 'Export', exact: true }).click();
  const menu = page.getByRole('menu', { name: 'Export and print' });
  const select = menu.getByLabel('Quarter');
  // The newest quarter with figures is chosen by default.
  await expect(select).toHaveValue(quarter);
  await select.selectOption(quarter);
  const [file] = await Promise.all([page.waitForEvent('download'), menu.getByRole('menuitem', { name: new RegExp(`${item.replace(/[()]/g, '\\$&')}$`) }).click()]);
  expect(await file.failure()).toBeNull();
  const chunks: Buffer[] = [];
  for await (const chunk of await file.createReadStream()) chunks.push(chunk as Buffer);
  return { name: file.suggestedFilename(), body: Buffer.concat(chunks) };
}

test('survey answers become figures on the cards, verbatims become quotes, and a closed loop shows in the quarterly report', async ({ page }) => {
  await createMap(page, /Current-state journey/);
  await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
  await page.getByRole('button', { name: 'Fit the whole map' }).click();
  const csv = surveyCsv();

  // ---- the plan: bad rows listed by line; Cancel imports nothing
  await importFile(page, 'Survey answers (CSV)', csvFile('survey.csv', csv.text));
  let dialog = page.getByRole('dialog', { name: 'Import survey answers from survey.csv' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(`${csv.good} answers ready to import.`);
  await expect(dialog).toContainText('2 rows will not be imported:');
  const errors = dialog.locator('.import-errors li');
  await expect(errors).toHaveCount(2);
  await expect(errors.nth(0)).toHaveText(`Line ${csv.unknownLine}: The map has no touchpoint or stage "Fax machine".`);
  await expect(errors.nth(1)).toHaveText(`Line ${csv.rangeLine}: The NPS score "11" is not a whole number from 0 to 10.`);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await page.waitForTimeout(500);
  await expect(badges(page)).toHaveCount(0);

  // ---- for real: badges with n= and the right NPS
  await importFile(page, 'Survey answers (CSV)', csvFile('survey.csv', csv.text));
  dialog = page.getByRole('dialog', { name: 'Import survey answers from survey.csv' });
  await dialog.getByRole('button', { name: `Import ${csv.good} answers` }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText(`Imported ${csv.good} answers. The figures are on the map.`)).toBeVisible();

  const ad = card(page, `: ${AD}`);
  const store = card(page, `: ${STORE}`);
  const call = card(page, `: ${CALL}`);
  await expect(ad.getByLabel(`NPS +25, n = 4 (${THIS_QUARTER})`)).toBeVisible();
  await expect(ad.locator('.voc-badge')).toContainText('n=4');
  await expect(ad.locator('.voc-badge')).toContainText('▲58');
  await expect(store.getByLabel(`NPS +17, n = 6 (${THIS_QUARTER})`)).toBeVisible();
  await expect(store.locator('.voc-badge')).toContainText('n=6');
  await expect(store.locator('.voc-badge')).toContainText('▼33');
  await expect(call.getByLabel(`CSAT 60%, n = 5 (${THIS_QUARTER})`)).toBeVisible();
  await expect(call.locator('.voc-badge')).toContainText('n=5');
  await expect(badges(page)).toHaveCount(3);

  // ---- heat colours the cards that have figures
  const background = (locator: typeof ad) => locator.evaluate((el) => (el as HTMLElement).style.background);
  expect(await background(store)).toBe('');
  await toolbar(page).getByRole('button', { name: 'Heat' }).click();
  await expect(toolbar(page).getByRole('button', { name: 'Heat' })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => background(store)).not.toBe('');
  await expect.poll(() => background(ad)).not.toBe('');
  expect(await background(card(page, ': Self-care app'))).toBe('');
  await toolbar(page).getByRole('button', { name: 'Heat' }).click();
  await expect.poll(() => background(store)).toBe('');

  // ---- the store visit's verbatims, one added to the quotes
  await store.click();
  await toolbar(page).getByRole('button', { name: 'Details' }).click();
  const inspector = page.getByRole('complementary', { name: 'Details' });
  const said = inspector.getByRole('region', { name: 'What customers said' });
  await expect(said.locator('q')).toHaveCount(3);
  for (const text of ['The advisor knew every plan', 'Too many documents to bring', 'Waited 40 minutes for three signatures']) await expect(said.locator('q').filter({ hasText: text })).toHaveCount(1);
  const quote = said.getByRole('listitem').filter({ hasText: 'Waited 40 minutes for three signatures' });
  await quote.getByRole('button', { name: '+ Add to quotes' }).click();
  await expect(quote.getByRole('button', { name: '✓ Added to the quotes lane' })).toBeDisabled();
  const added = card(page, 'Note: “Waited 40 minutes for three signatures”');
  await expect(added).toBeVisible();
  await added.click();
  await expect(inspector).toContainText('Note · Purchase · Thoughts & quotes');

  // ---- close a loop: it leaves the Open loops panel
  await toolbar(page).getByRole('button', { name: 'Open loops' }).click();
  const loops = page.getByRole('complementary', { name: 'Open loops' });
  const sales = loops.getByRole('region', { name: 'Sales' });
  await expect(sales).toContainText(GAP);
  const gap = card(page, `: ${GAP}`);
  await gap.click();
  await toolbar(page).getByRole('button', { name: 'Details' }).click();
  await expect(inspector).toContainText('Pain point · Purchase · Pain points & gaps');
  await inspector.getByLabel('Status').selectOption({ label: 'Done' });
  await expect(gap).toContainText('Done');
  await toolbar(page).getByRole('button', { name: 'Open loops' }).click();
  await expect(sales).toBeVisible();
  await expect(sales).toContainText('Online sign-up with video ID check');
  await expect(sales).not.toContainText(GAP);
  await expect(loops).not.toContainText(GAP);

  // ---- the quarterly report lists it as closed this quarter
  const md = await download(page, 'Quarterly report (Markdown)', THIS_QUARTER);
  expect(md.name).toBe(`Switching-mobile-operator-today-${THIS_QUARTER}.md`);
  const report = md.body.toString('utf8');
  const closed = report.slice(report.indexOf(`### Closed in ${THIS_QUARTER}`), report.indexOf('## What customers said'));
  expect(closed).toContain(`- ✓ Pain point: ${GAP} — Sales · done on ${day(new Date())} · Tester`);
  expect(report).toMatch(/\| Sales \| 1 \| 1 \| \d{4}-\d{2}-\d{2} \|/);
  expect(report).toContain(`| Social media ad | Marketing | **NPS** | **+25** | 4 ⚠⚠ | -33 (n = 3) | ▲ 58 |`);
  expect(report).toContain(`| ★ ${STORE} | Sales | **NPS** | **+17** | 6 ⚠⚠ | +50 (n = 4) | ▼ 33 |`);
  expect(report).toContain(`| ★ ${CALL} | Customer Service | **CSAT** | **60%** | 5 ⚠⚠ | 0% (n = 2) | ▲ 60 |`);
  expect(report).toContain('> “Waited 40 minutes for three signatures”');
  expect(report).toContain(`## Voice of the Customer by stage`);
  expect(LAST_QUARTER).not.toBe(THIS_QUARTER);
  expect(report).toContain(`| Stage | Touchpoint | Department | Metric | ${THIS_QUARTER} | n | ${LAST_QUARTER} | Change (points) |`);

  const html = await download(page, 'Quarterly report (HTML, prints to PDF)', THIS_QUARTER);
  expect(html.name).toBe(`Switching-mobile-operator-today-${THIS_QUARTER}.html`);
  const doc = html.body.toString('utf8');
  expect(doc.startsWith('<!doctype html>')).toBe(true);
  expect(doc).toContain(`<h1>Switching mobile operator: today</h1>`);
  expect(doc).toContain(GAP);
});
