// The quarterly report as leadership gets it: a map of the "Current-state journey" template with a
// survey file of several hundred answers over two quarters imported, the HTML report downloaded from
// the Export menu, then opened and printed on A4 as a reader would. It quotes, for a touchpoint, its
// lowest-scored comments of the quarter, each score read on its metric's own scale (worked out here
// from the file imported); it carries a picture of the map with the survey figures and one of the
// emotional curve; and it prints as a deliverable of 4 to 8 pages.
import { expect, test, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { createMap, csvFile, importFile } from './fixtures';

const pad = (n: number) => String(n).padStart(2, '0');
const day = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const quarterOf = (d: Date) => `${d.getFullYear()}-Q${Math.floor(d.getMonth() / 3) + 1}`;

// The last two whole quarters (local time, as the app reads days): every answer is in the past.
const TODAY = new Date();
const QUARTER_START = new Date(TODAY.getFullYear(), Math.floor(TODAY.getMonth() / 3) * 3 - 3, 1);
const BEFORE_START = new Date(QUARTER_START.getFullYear(), QUARTER_START.getMonth() - 3, 1);
const QUARTER = quarterOf(QUARTER_START);

const TOUCHPOINTS = ['Social media ad', 'Operator website: plan comparison', 'Store visit with a sales advisor', 'Welcome e-mail with the transfer date', 'Self-care app', 'Call centre'];
const STORE = 'Store visit with a sales advisor';
const SCALES = { NPS: [0, 10], CES: [1, 7], CSAT: [1, 5] } as const;
type Metric = keyof typeof SCALES;
const PER_QUARTER = 40;

interface Answer {
  date: string;
  touchpoint: string;
  metric: Metric;
  score: number;
  comment: string;
}

/** Several hundred answers: 40 per touchpoint and quarter, each touchpoint's on different days, most with a comment. */
function survey(): Answer[] {
  let seed = 20_261_203;
  const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
  const answers: Answer[] = [];
  for (const start of [BEFORE_START, QUARTER_START])
    TOUCHPOINTS.forEach((touchpoint, t) => {
      for (let i = 0; i < PER_QUARTER; i++) {
        const metric = (['NPS', 'CES', 'CSAT'] as const)[(i + t) % 3]!;
        const [min, max] = SCALES[metric];
        const score = min + Math.floor(random() * (max - min + 1));
        // Two days apart: no two answers about one touchpoint share a day within a quarter.
        const date = day(new Date(start.getFullYear(), start.getMonth(), 1 + i * 2));
        const comment = random() < 0.75 ? `${touchpoint.split(' ')[0]} answer ${answers.length + 1}: ${score <= min + 1 ? 'it went badly' : 'it was fine'}` : '';
        answers.push({ date, touchpoint, metric, score, comment });
      }
    });
  return answers;
}

const level = (a: Answer) => (a.score - SCALES[a.metric][0]) / (SCALES[a.metric][1] - SCALES[a.metric][0]);

async function downloadReport(page: Page): Promise<string> {
  await page.getByRole('toolbar', { name: 'Map tools' }).getByRole('button', { name: 'Export', exact: true }).click();
  const menu = page.getByRole('menu', { name: 'Export and print' });
  // The newest quarter with figures is chosen.
  await expect(menu.getByLabel('Quarter')).toHaveValue(QUARTER);
  const [file] = await Promise.all([page.waitForEvent('download'), menu.getByRole('menuitem', { name: /Quarterly report \(HTML, prints to PDF\)$/ }).click()]);
  expect(await file.failure()).toBeNull();
  const chunks: Buffer[] = [];
  for await (const chunk of await file.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

test('the quarterly report quotes each touchpoint’s lowest comments on their own scales, pictures the map and the curve, and prints on 4 to 8 A4 pages', async ({ page, context }, testInfo) => {
  await createMap(page, /Current-state journey/);
  await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
  const answers = survey();
  const csv = ['date;touchpoint;metric;score;comment', ...answers.map((a) => [a.date, a.touchpoint, a.metric, a.score, a.comment].join(';'))].join('\n');
  await importFile(page, 'Survey answers (CSV)', csvFile('survey.csv', `${csv}\n`));
  const dialog = page.getByRole('dialog', { name: 'Import survey answers from survey.csv' });
  await dialog.getByRole('button', { name: `Import ${answers.length} answers` }).click();
  await expect(page.getByText(`Imported ${answers.length} answers. The figures are on the map.`)).toBeVisible();

  const html = await downloadReport(page);
  writeFileSync(testInfo.outputPath('report.html'), html);
  const report = await context.newPage();
  await report.setContent(html, { waitUntil: 'load' });

  // ---- the quotes: the store visit's three lowest of the quarter, each score on its metric's scale, ties to the newest
  const commented = answers.filter((a) => a.touchpoint === STORE && a.comment && a.date >= day(QUARTER_START));
  const expected = [...commented].sort((a, b) => level(a) - level(b) || (a.date < b.date ? 1 : -1)).slice(0, 3);
  // Raw scores would pick others: an NPS 2 of 0–10 is better than a CSAT 1 of 1–5.
  const byRawScore = [...commented].sort((a, b) => a.score - b.score || (a.date < b.date ? 1 : -1)).slice(0, 3);
  expect(byRawScore.map((a) => a.comment)).not.toEqual(expected.map((a) => a.comment));
  const store = report.locator('.quote-group').filter({ has: report.getByRole('heading', { name: `★ ${STORE} · Purchase` }) });
  await expect(store.locator('blockquote')).toHaveText(expected.map((a) => `“${a.comment}”`));
  await expect(store.locator('.meta').first()).toHaveText(`${expected[0]!.metric} ${expected[0]!.score}/${SCALES[expected[0]!.metric][1]} · ${expected[0]!.date}`);
  const allComments = answers.filter((a) => a.comment && a.date >= day(QUARTER_START)).length;
  await expect(report.locator('#verbatims .lead')).toContainText(`Chosen from all ${allComments} comments of the quarter on the server`);

  // ---- the pictures: the map with its survey figures, and the emotional curve
  const map = report.locator('figure.picture.map svg');
  await expect(map).toHaveCount(1);
  await expect(map).toContainText(/n=\s*\d+/);
  await expect(map).toContainText('Call centre');
  const curve = report.getByRole('img', { name: /^Emotional curve across 6 stages/ });
  await expect(curve).toBeVisible();
  await expect(curve).toContainText('Onboarding');
  // A trend per touchpoint and metric, with its words for a screen reader.
  await expect(report.getByRole('img', { name: new RegExp(`^NPS, the last 4 quarters: .*${QUARTER}: [+-]?\\d+ \\(n = \\d+\\)$`) }).first()).toBeAttached();

  // ---- printed on A4: a deliverable of 4 to 8 pages
  const pdf = await report.pdf({ format: 'A4' });
  writeFileSync(testInfo.outputPath('report.pdf'), pdf);
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
  expect(pages).toBeGreaterThanOrEqual(4);
  expect(pages).toBeLessThanOrEqual(8);
});
