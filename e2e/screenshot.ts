// Makes the README's screenshot (docs/screenshot.png) from a real map in the built app:
// `npm run screenshot` (the app must be built; the server is started here on a free port).
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

const port = 31791; // below the ephemeral range, away from the e2e server (31730)
const dataDir = mkdtempSync(join(tmpdir(), 'touchpoint-shot-'));
const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { env: { ...process.env, PORT: String(port), DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise<void>((resolve) => server.stdout.on('data', (d: Buffer) => d.toString().includes('running') && resolve()));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
try {
  const page = await browser.newPage({
    viewport: { width: 1680, height: 980 },
    deviceScaleFactor: 1,
    storageState: { cookies: [], origins: [{ origin: `http://127.0.0.1:${port}`, localStorage: [{ name: 'touchpoint.name', value: 'Ioana' }] }] },
  });
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.getByRole('button', { name: /Current-state journey/ }).click();
  await page.locator('.card').first().waitFor();
  await page.getByRole('group', { name: /Store visit with a sales advisor/ }).click();
  await page.getByRole('button', { name: 'Details' }).click();
  await page.mouse.move(900, 600);
  await page.screenshot({ path: 'docs/screenshot.png' });
} finally {
  await browser.close();
  server.kill();
}
