// Makes the README's screenshots (docs/screenshot.png, docs/workshop.png: a facilitated vote seen by
// the facilitator, and docs/comments.png: a stakeholder's comment from the comment link, answered) from real maps in the built app:
// `npm run screenshot` (the app must be built; the server is started here on a free port).
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

const port = 31795; // below the ephemeral range, away from the e2e server (31730)
const dataDir = mkdtempSync(join(tmpdir(), 'touchpoint-shot-'));
const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { env: { ...process.env, PORT: String(port), DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise<void>((resolve) => server.stdout.on('data', (d: Buffer) => d.toString().includes('running') && resolve()));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const origin = `http://127.0.0.1:${port}`;
/** A browser page of someone who already told the app their name (no name dialog in the picture). */
const open = (name: string) =>
  browser.newPage({ viewport: { width: 1680, height: 980 }, storageState: { cookies: [], origins: [{ origin, localStorage: [{ name: 'touchpoint.name', value: name }] }] } });

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
  await workshopShot();
  await commentsShot();
} finally {
  await browser.close();
  server.kill();
}

/** Ana facilitates: a timer runs, two participants have voted, the vote is closed and ranked. */
async function workshopShot() {
  const ana = await open('Ana');
  await ana.goto(`${origin}/`);
  await ana.getByRole('button', { name: /Current-state journey/ }).click();
  await ana.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
  await ana.getByRole('button', { name: 'Share' }).click();
  const link = await ana.getByRole('textbox', { name: 'Edit link' }).inputValue();
  await ana.getByRole('button', { name: 'Close' }).click();
  await ana.getByRole('button', { name: 'Workshop', exact: true }).click();
  await ana.getByRole('button', { name: 'Take the facilitator role' }).click();
  await ana.getByRole('spinbutton', { name: 'Minutes' }).first().fill('10');
  await ana.getByRole('button', { name: 'Start the timer' }).click();
  await ana.getByRole('button', { name: 'Open the vote' }).click();
  const votes: Record<string, string[]> = {
    Marco: ['No news for 3 days while the number is moved', 'Agents cannot see the contract signed in the store', 'Online sign-up with video ID check'],
    Ioana: ['No news for 3 days while the number is moved', 'Waits 40 minutes in the store; the contract needs 3 signatures', 'Give agents the full customer history on one screen'],
  };
  for (const [name, cards] of Object.entries(votes)) {
    const page = await open(name);
    await page.goto(link);
    await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    await page.getByRole('button', { name: 'Fit the whole map' }).click();
    for (const text of cards) await page.getByRole('button', { name: `Vote for “${text}”` }).click();
    await page.getByText('No votes left of 3').waitFor();
    await page.close();
  }
  await ana.getByRole('button', { name: 'Close the vote and show the results' }).click();
  await ana.getByRole('list', { name: 'Results' }).waitFor();
  await ana.mouse.move(900, 600);
  await ana.screenshot({ path: 'docs/workshop.png' });
}

/** Elena, a stakeholder with the comment link, asks about a card and mentions Ana; Ana answers. */
async function commentsShot() {
  const ana = await open('Ana');
  await ana.goto(`${origin}/`);
  await ana.getByRole('button', { name: /Current-state journey/ }).click();
  await ana.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
  await ana.getByRole('button', { name: 'Share' }).click();
  const link = await ana.getByRole('textbox', { name: 'Comment link' }).inputValue();
  await ana.getByRole('button', { name: 'Close' }).click();
  const elena = await open('Elena');
  await elena.goto(link);
  await elena.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
  const store = elena.getByRole('group', { name: /Store visit with a sales advisor/ });
  await store.click();
  await store.press('c');
  const box = elena.getByRole('textbox', { name: /^New comment on/ });
  await box.pressSequentially('Could customers book this visit online? @Ana');
  await box.press('Enter');
  await box.pressSequentially('what do you think?');
  await box.press('Control+Enter');
  await ana.getByRole('group', { name: /Store visit with a sales advisor/ }).getByRole('button', { name: '1 open comment' }).click();
  const reply = ana.getByRole('textbox', { name: /^Reply/ }).first();
  await reply.pressSequentially('Good point: the booking page is in the Q1 plan.');
  await reply.press('Control+Enter');
  await ana.getByText('the booking page is in the Q1 plan').first().waitFor();
  await ana.mouse.move(900, 600);
  await ana.screenshot({ path: 'docs/comments.png' });
}
