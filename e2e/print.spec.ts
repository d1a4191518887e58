// Print → Save as PDF: the print layout as Chromium prints it (page.pdf with the layout's own
// @page size), counted in pages: "whole map on one page" is one sheet, "split by stages" one
// sheet per group of stages, each with the lane headers again.
import { expect, test, type Page } from '@playwright/test';
import { openNewMap } from './fixtures';

/**
 * Opens the print layout from the Export menu, with the browser's print dialog stubbed out, and
 * returns how many sheets it laid out and the PDF Chromium prints from it (printing fires
 * "afterprint", which closes the layout again).
 */
async function printLayout(page: Page, item: string): Promise<{ sheets: number; headed: number; pdf: Buffer }> {
  await page.evaluate(() => {
    window.print = () => undefined;
  });
  await page.getByRole('toolbar', { name: 'Map tools' }).getByRole('button', { name: 'Export', exact: true }).click();
  await page.getByRole('menu', { name: 'Export and print' }).getByRole('menuitem', { name: new RegExp(`${item}$`) }).click();
  const pages = page.locator('.print-host .print-page');
  await expect(pages.first()).toBeAttached();
  const sheets = await pages.count();
  const headed = await pages.filter({ hasText: 'Touchpoints & channels' }).count();
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  return { sheets, headed, pdf };
}

const pageCount = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;

test('print: the whole map fits one A4 sheet; split by stages gives a sheet per group, each with the lane headers', async ({ page }) => {
  await openNewMap(page, /Current-state journey/);
  const fit = await printLayout(page, 'Print A4: whole map on one page');
  expect(fit.sheets).toBe(1);
  expect(pageCount(fit.pdf)).toBe(1);
  await expect(page.locator('.print-host')).toHaveCount(0);

  const split = await printLayout(page, 'Print A4: split by stages');
  expect(split.sheets).toBeGreaterThan(1);
  expect(pageCount(split.pdf)).toBe(split.sheets);
  expect(split.headed).toBe(split.sheets);
});
