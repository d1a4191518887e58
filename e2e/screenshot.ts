// Makes the README's screenshot (docs/screenshot.png) from a real map in the built app:
// `npm run screenshot` (the app must be built; the server is started here on a free port).
import { spawn } from 'node:child_process';
import { chromium } from '@playwright/test';

const port = 41790;
const server = spawn('node_modules/.bin/tsx', ['server/main.ts'], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise<void>((resolve) => server.stdout.on('data', (d: Buffer) => d.toString().includes('running') && resolve()));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 960 }, deviceScaleFactor: 1 });
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.getByRole('button', { name: /Current-state journey/ }).click();
  await page.locator('.card').first().waitFor();
  await page.getByRole('group', { name: /Store visit with a sales advisor/ }).click();
  await page.getByRole('button', { name: 'Details' }).click();
  await page.getByRole('button', { name: 'Details' }).hover();
  await page.screenshot({ path: 'docs/screenshot.png' });
} finally {
  await browser.close();
  server.kill();
}
