// The app under its own Content-Security-Policy (server/http/static.ts): a map opened and synced
// over the socket, the share dialog's QR codes, the picture export (its worker and blob: and data:
// images), the print layout and the service worker all work, and the browser reports no violation.
import { expect, test, type Page } from '@playwright/test';
import { createMap, exportFile } from './fixtures';

/** Every CSP violation the page reports (the event, and the console message Chromium writes). */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.push(`console: ${m.text()}`);
  });
  await page.exposeFunction('__cspViolation', (v: string) => seen.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __cspViolation(v: string): void }).__cspViolation(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  return seen;
}

test('the app works under its Content-Security-Policy, with no violation', async ({ page, request }) => {
  const headers = (await request.get('/')).headers();
  expect(headers['content-security-policy']).toContain("script-src 'self'");
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['content-security-policy']).not.toContain('unsafe-inline');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  // No inline script in the page itself.
  const html = await (await request.get('/')).text();
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  expect(html).not.toMatch(/<style\b/);

  const violations = await watchViolations(page);
  await createMap(page, /Current-state journey/);
  await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();

  // The service worker installs (it fetches the page, its list and every asset under the policy).
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
  });
  expect(await page.evaluate(async () => (await caches.keys()).length)).toBeGreaterThan(0);

  await page.getByRole('button', { name: 'Share' }).click();
  await expect(page.getByRole('img', { name: 'QR code of the Edit link' })).toBeVisible();
  await page.getByRole('button', { name: 'Close' }).click();

  const png = await exportFile(page, 'Picture (PNG) 1x');
  expect(png.body.subarray(1, 4).toString()).toBe('PNG');
  const svg = await exportFile(page, 'Picture (SVG)');
  expect(svg.body.toString()).toContain('<svg');

  await page.evaluate(() => {
    window.print = () => undefined;
  });
  await page.getByRole('toolbar', { name: 'Map tools' }).getByRole('button', { name: 'Export', exact: true }).click();
  await page.getByRole('menu', { name: 'Export and print' }).getByRole('menuitem', { name: /Print A4: whole map on one page$/ }).click();
  await expect(page.locator('.print-host .print-page').first()).toBeAttached();

  // A reload, now through the service worker.
  await page.reload();
  await expect(page.locator('.card').first()).toBeVisible();
  expect(violations).toEqual([]);
});

test('the benchmark route does not exist in the production app', async ({ page }) => {
  await page.goto('/#/generate/2x2x2');
  await expect(page.getByRole('button', { name: /Current-state journey/ })).toBeVisible();
  await page.waitForTimeout(500);
  expect(page.url()).toMatch(/#\/generate\/2x2x2$/);
  expect(await page.evaluate(() => indexedDB.databases().then((dbs) => dbs.map((d) => d.name)))).not.toContainEqual(expect.stringMatching(/^touchpoint-map/));
});
