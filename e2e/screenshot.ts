// Makes the README's screenshots (docs/screenshot.png, docs/workshop.png: a facilitated vote seen by
// the facilitator, docs/comments.png: a stakeholder's comment from the comment link, answered, and
// docs/present.png and docs/report.png: a map with two quarters of survey answers presented on a
// 1280 x 720 projector and reported on to leadership) from real maps in the built app:
// `npm run screenshot` (the app must be built; the server is started here on a free port).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
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
  // The pointer rests over the title, not a cell: a cell under it would show its "+".
  await page.mouse.move(700, 70);
  await page.screenshot({ path: 'docs/screenshot.png' });
  await workshopShot();
  await commentsShot();
  await leadershipShots();
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

/** Two quarters of answers about each touchpoint, scores and comments as customers give them. */
function surveyCsv(): string {
  const said: Record<string, [string, string]> = {
    'Social media ad': ['The ad promised coverage my street does not have', 'Clear offer, I clicked straight away'],
    'Operator website: plan comparison': ['Could not find the activation fee anywhere', 'Comparing plans was easy'],
    'Store visit with a sales advisor': ['Waited 40 minutes for three signatures, and nobody told me why', 'The advisor knew every plan by heart'],
    'Welcome e-mail with the transfer date': ['The date in the e-mail was wrong', 'I knew exactly when my number would move'],
    'Self-care app': ['The app logged me out every day', 'Data and bills in one place, finally'],
    'Call centre': ['I had to explain my problem three times', 'Solved at the first call'],
  };
  const scales = { NPS: [0, 10], CES: [1, 7], CSAT: [1, 5] } as const;
  let seed = 42;
  const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
  const now = new Date();
  const rows = ['date;touchpoint;metric;score;comment'];
  for (const back of [6, 3]) {
    const start = new Date(now.getFullYear(), Math.floor(now.getMonth() / 3) * 3 - back, 1);
    Object.entries(said).forEach(([touchpoint, [bad, good]], t) => {
      for (let i = 0; i < 42; i++) {
        const metric = (['NPS', 'CES', 'CSAT'] as const)[(i + t) % 3]!;
        const [min, max] = scales[metric];
        // Later quarters a little better, the store visit worst.
        const lean = (back === 3 ? 0.1 : 0) - (t === 2 ? 0.25 : 0);
        const level = Math.max(0, Math.min(1, random() + lean));
        const score = min + Math.round(level * (max - min));
        const day = new Date(start.getFullYear(), start.getMonth(), 1 + i * 2);
        const date = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
        const comment = random() < 0.5 ? (level < 0.5 ? bad : good) : '';
        rows.push([date, touchpoint, metric, score, comment].join(';'));
      }
    });
  }
  return `${rows.join('\n')}\n`;
}

/** Ana imports two quarters of survey answers, presents the Purchase stage, and makes the quarterly report. */
async function leadershipShots() {
  const ana = await browser.newPage({ viewport: { width: 1280, height: 720 }, storageState: { cookies: [], origins: [{ origin, localStorage: [{ name: 'touchpoint.name', value: 'Ana' }] }] } });
  await ana.goto(`${origin}/`);
  await ana.getByRole('button', { name: /Current-state journey/ }).click();
  await ana.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
  const csv = surveyCsv();
  const answers = csv.trim().split('\n').length - 1;
  await ana.getByRole('toolbar', { name: 'Map tools' }).getByRole('button', { name: 'Import', exact: true }).click();
  const [chooser] = await Promise.all([ana.waitForEvent('filechooser'), ana.getByRole('menu', { name: 'Import' }).getByRole('menuitem', { name: /Survey answers \(CSV\)/ }).click()]);
  await chooser.setFiles({ name: 'survey.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await ana.getByRole('button', { name: `Import ${answers} answers` }).click();
  await ana.getByText(`Imported ${answers} answers.`).first().waitFor();

  // The quarterly report, opened as leadership opens it, its cover and its map page side by side.
  await ana.getByRole('toolbar', { name: 'Map tools' }).getByRole('button', { name: 'Export', exact: true }).click();
  const menu = ana.getByRole('menu', { name: 'Export and print' });
  const [file] = await Promise.all([ana.waitForEvent('download'), menu.getByRole('menuitem', { name: /Quarterly report \(HTML, prints to PDF\)$/ }).click()]);
  const html = await readFile((await file.path())!, 'utf8');
  const report = await browser.newPage({ viewport: { width: 900, height: 1200 } });
  await report.setContent(html);
  // Printed as leadership prints it, its pages drawn by poppler's pdftoppm (apt-get install poppler-utils).
  const dir = mkdtempSync(join(tmpdir(), 'touchpoint-report-'));
  await report.pdf({ path: join(dir, 'report.pdf'), format: 'A4', preferCSSPageSize: true, printBackground: true });
  execFileSync('pdftoppm', ['-png', '-r', '96', join(dir, 'report.pdf'), join(dir, 'page')]);
  const pageFiles = readdirSync(dir).filter((f) => f.endsWith('.png')).sort();
  console.log(`report: ${pageFiles.length} A4 pages`);
  // The cover and the map with its survey figures, side by side.
  const images = await Promise.all([pageFiles[0]!, pageFiles[2]!].map(async (f) => `data:image/png;base64,${(await readFile(join(dir, f))).toString('base64')}`));
  const sheets = await browser.newPage({ viewport: { width: 1660, height: 1171 }, deviceScaleFactor: 1 });
  await sheets.setContent(`<body style="margin:0;background:#e5e7eb;display:flex;gap:24px;padding:24px">${images.map((src) => `<img src="${src}" style="width:794px;box-shadow:0 4px 16px #0003">`).join('')}</body>`);
  await sheets.screenshot({ path: 'docs/report.png' });
  await sheets.close();
  await report.close();

  // Presenting the Purchase stage on a 1280 x 720 projector.
  await ana.keyboard.press('Escape');
  await ana.getByRole('list', { name: 'Stages' }).getByRole('listitem').filter({ hasText: 'Purchase' }).hover();
  await ana.getByRole('button', { name: 'Present from stage Purchase' }).click();
  await ana.getByText('3 / 6').first().waitFor();
  await ana.mouse.move(1279, 400);
  await ana.waitForTimeout(600);
  await ana.screenshot({ path: 'docs/present.png' });
  await ana.close();
}
