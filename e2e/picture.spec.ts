// Pictures of the whole map: PNG at 1x and 2x, SVG, and the transparent background.
import { expect, test, type Page } from '@playwright/test';
import { card, createMap, csvFile, exportFile, importFile } from './fixtures';

const TITLE = 'Switching mobile operator: today';
const FILE_BASE = 'Switching-mobile-operator-today';
/** A stage column's width in the map (CARD_W + 2 × CELL_PAD in src/journey/layout.ts). */
const STAGE_W = 248;
const STAGES = 6;
const VIEWPORT_W = 1440;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The size a PNG says it has: the IHDR chunk must come first, right after the signature. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE), 'the PNG signature').toBe(true);
  expect(png.readUInt32BE(8), 'the IHDR chunk length').toBe(13);
  expect(png.toString('latin1', 12, 16), 'the first chunk').toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

interface Pixels {
  width: number;
  height: number;
  /** Distinct colours (RGBA), counted up to a cap. */
  colours: number;
  /** Share of the pixels that are neither white nor transparent. */
  inked: number;
  /** The top-left pixel, RGBA. */
  corner: number[];
}

/** Decodes a PNG in the browser and says what is on it. */
async function inspectPng(page: Page, png: Buffer): Promise<Pixels> {
  return page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    const colours = new Set<number>();
    let inked = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
      if (colours.size < 5000) colours.add(((r << 24) | (g << 16) | (b << 8) | a) >>> 0);
      if (a > 0 && !(r > 250 && g > 250 && b > 250)) inked++;
    }
    return { width: bitmap.width, height: bitmap.height, colours: colours.size, inked: inked / (data.length / 4), corner: [...data.slice(0, 4)] };
  }, png.toString('base64'));
}

test('PNG pictures of the whole map, at 1x and twice the size at 2x, with the map drawn on them', async ({ page }) => {
  await createMap(page, /Current-state journey/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE);

  const one = await exportFile(page, 'Picture (PNG) 1x');
  expect(one.name).toBe(`${FILE_BASE}.png`);
  const size1 = pngSize(one.body);
  // The whole map, not the part in view: six stages side by side, lane headers and seven lanes.
  expect(size1.width).toBeGreaterThan(VIEWPORT_W);
  expect(size1.width).toBeGreaterThanOrEqual(STAGES * STAGE_W);
  expect(size1.width).toBeLessThan(STAGES * STAGE_W + 600);
  expect(size1.height).toBeGreaterThan(800);
  expect(size1.height).toBeLessThan(4000);

  const two = await exportFile(page, 'Picture (PNG) 2x');
  expect(two.name).toBe(`${FILE_BASE}.png`);
  const size2 = pngSize(two.body);
  expect(Math.abs(size2.width - 2 * size1.width)).toBeLessThanOrEqual(2);
  expect(Math.abs(size2.height - 2 * size1.height)).toBeLessThanOrEqual(2);
  expect(two.body.length).toBeGreaterThan(one.body.length);

  // Not blank: decoded, the pictures have the sizes their headers say, many colours and a good
  // share of drawn (non-white) pixels.
  for (const [file, size] of [[one, size1], [two, size2]] as const) {
    const pixels = await inspectPng(page, file.body);
    expect(pixels.width).toBe(size.width);
    expect(pixels.height).toBe(size.height);
    expect(pixels.colours).toBeGreaterThan(200);
    expect(pixels.inked).toBeGreaterThan(0.05);
    // The default background is white, not transparent.
    expect(pixels.corner).toEqual([255, 255, 255, 255]);
  }
  // The export finished: its progress is gone and no error was shown.
  await expect(page.getByRole('status').filter({ hasText: 'Making the picture' })).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a PNG on a transparent background', async ({ page }) => {
  await createMap(page, /Current-state journey/);
  await page.getByRole('toolbar', { name: 'Map tools' }).getByRole('button', { name: 'Export', exact: true }).click();
  await page.getByRole('menu', { name: 'Export and print' }).getByRole('checkbox', { name: 'Transparent background' }).check();
  await page.getByRole('toolbar', { name: 'Map tools' }).getByRole('button', { name: 'Export', exact: true }).click();
  await expect(page.getByRole('menu', { name: 'Export and print' })).toHaveCount(0);

  const png = await exportFile(page, 'Picture (PNG) 1x');
  const pixels = await inspectPng(page, png.body);
  expect(pixels.corner[3], 'the corner is transparent').toBe(0);
  expect(pixels.inked).toBeGreaterThan(0.05);
  expect(pixels.colours).toBeGreaterThan(200);
});

test('an SVG picture: well-formed, with the map title and every card’s text', async ({ page }) => {
  await createMap(page, /Current-state journey/);
  const svg = await exportFile(page, 'Picture (SVG)');
  expect(svg.name).toBe(`${FILE_BASE}.svg`);
  const text = svg.body.toString('utf8');
  expect(text.trimStart()).toMatch(/^(<\?xml|<svg)/);
  expect(text).toContain(TITLE);
  expect(text).toContain('Call centre');

  // The browser parses it as SVG without an error; it holds the six stages and, card by card, the
  // map's 23 cards with their text (wrapped over lines).
  const parsed = await page.evaluate((markup) => {
    const doc = new DOMParser().parseFromString(markup, 'image/svg+xml');
    const root = doc.documentElement;
    const error = doc.getElementsByTagName('parsererror')[0];
    return {
      root: root.localName,
      namespace: root.namespaceURI,
      error: error ? error.textContent : null,
      width: Number(root.getAttribute('width')),
      texts: [...doc.getElementsByTagName('text')].map((t) => t.textContent ?? ''),
      cards: [...doc.querySelectorAll('g.card')].map((g) => [...g.querySelectorAll('text.tx')].map((t) => t.textContent ?? '').join(' ')),
    };
  }, text);
  expect(parsed.error).toBeNull();
  expect(parsed.root).toBe('svg');
  expect(parsed.namespace).toBe('http://www.w3.org/2000/svg');
  expect(parsed.width).toBeGreaterThanOrEqual(STAGES * STAGE_W);
  for (const stage of ['Awareness', 'Consideration', 'Purchase', 'Onboarding', 'Use', 'Support']) expect(parsed.texts).toContain(stage);

  const map = JSON.parse((await exportFile(page, 'Map file (JSON)')).body.toString('utf8')) as { journey: { cards: { text: string }[] } };
  expect(map.journey.cards).toHaveLength(23);
  expect(parsed.cards.sort()).toEqual(map.journey.cards.map((c) => c.text).sort());
});

// ---- the layers: survey figures on pictures, and a map file that carries them ----------------

const pad = (n: number) => String(n).padStart(2, '0');
const TODAY = new Date();
const DAY = `${TODAY.getFullYear()}-${pad(TODAY.getMonth() + 1)}-${pad(TODAY.getDate())}`;
const STORE = 'Store visit with a sales advisor';

/** 40 answers about the store visit today: 20 promoters, 8 passives, 12 detractors → NPS +20, n = 40. */
function surveyCsv(): string {
  const rows = ['date;touchpoint;metric;score;comment'];
  const scores = [...Array<number>(20).fill(10), ...Array<number>(8).fill(8), ...Array<number>(12).fill(3)];
  for (const score of scores) rows.push([DAY, STORE, 'NPS', String(score), ''].join(';'));
  return `${rows.join('\n')}\n`;
}

async function importSurvey(page: Page): Promise<void> {
  await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
  await importFile(page, 'Survey answers (CSV)', csvFile('survey.csv', surveyCsv()));
  const dialog = page.getByRole('dialog', { name: 'Import survey answers from survey.csv' });
  await dialog.getByRole('button', { name: 'Import 40 answers' }).click();
  await expect(page.getByText('Imported 40 answers. The figures are on the map.')).toBeVisible();
  await expect(card(page, `: ${STORE}`).locator('.voc-badge')).toContainText('n=40');
}

/** The texts of the card groups of an SVG picture, by their card text, as a browser parses them. */
async function svgCards(page: Page, svg: string): Promise<Record<string, string>> {
  return page.evaluate((markup) => {
    const doc = new DOMParser().parseFromString(markup, 'image/svg+xml');
    if (doc.getElementsByTagName('parsererror').length) throw new Error('not well-formed');
    const out: Record<string, string> = {};
    for (const g of doc.querySelectorAll('g.card')) {
      const name = [...g.querySelectorAll('text.tx')].map((t) => t.textContent).join(' ');
      out[name] = [...g.querySelectorAll('text')].map((t) => t.textContent).join(' ').replace(/\s+/g, ' ');
    }
    return out;
  }, svg);
}

const exportMenu = (page: Page) => page.getByRole('menu', { name: 'Export and print' });
async function toggleMenu(page: Page): Promise<void> {
  await page.getByRole('toolbar', { name: 'Map tools' }).getByRole('button', { name: 'Export', exact: true }).click();
}

test('the SVG carries the survey figures when “Survey figures” is checked, and not when it is unchecked', async ({ page }) => {
  await createMap(page, /Current-state journey/);
  await importSurvey(page);

  // On by default once the map has figures.
  await toggleMenu(page);
  const survey = exportMenu(page).getByRole('group', { name: 'Layers on pictures and print' }).getByRole('checkbox', { name: 'Survey figures' });
  await expect(survey).toBeChecked();
  await toggleMenu(page);
  const withFigures = (await exportFile(page, 'Picture (SVG)')).body.toString('utf8');
  const cards = await svgCards(page, withFigures);
  expect(cards[STORE]).toMatch(/NPS \+20 n=40/);
  expect(withFigures).toContain('Survey figures, ');

  await toggleMenu(page);
  await survey.uncheck();
  await toggleMenu(page);
  const without = (await exportFile(page, 'Picture (SVG)')).body.toString('utf8');
  const plainCards = await svgCards(page, without);
  expect(plainCards[STORE]).not.toContain('n=40');
  expect(Object.values(plainCards).join(' ')).not.toMatch(/n=\d|\+20/);
  expect(without).not.toContain('Survey figures, ');
  // The choice is kept while the map is open.
  await toggleMenu(page);
  await expect(survey).not.toBeChecked();
  await toggleMenu(page);
});

test('a map file exported with survey figures, imported again, shows the figures on its cards', async ({ page }) => {
  await createMap(page, /Current-state journey/);
  await importSurvey(page);
  const firstUrl = page.url();

  const file = await exportFile(page, 'Map file with survey figures (JSON)');
  const parsed = JSON.parse(file.body.toString('utf8')) as { version: number; survey: { figures: { metric: string; value: number; n: number }[] } };
  expect(parsed.version).toBe(4);
  expect(parsed.survey.figures).toContainEqual(expect.objectContaining({ metric: 'NPS', value: 20, n: 40 }));
  // The plain map file carries none.
  const plain = JSON.parse((await exportFile(page, 'Map file (JSON)')).body.toString('utf8')) as { survey?: unknown };
  expect(plain.survey).toBeUndefined();

  await importFile(page, 'Map file (JSON) as a new map', { name: file.name, mimeType: 'application/json', buffer: file.body });
  const dialog = page.getByRole('dialog', { name: `Import ${file.name} as a new map?` });
  await expect(dialog).not.toContainText('repair');
  await dialog.getByRole('button', { name: 'Create the map' }).click();
  await expect.poll(() => page.url()).not.toBe(firstUrl);
  await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();

  // The new map (a new document on the server, with no answers of its own) shows the file's figures.
  const store = card(page, `: ${STORE}`);
  await expect(store.locator('.voc-badge')).toContainText('n=40');
  await expect(store.getByLabel(new RegExp(`^NPS \\+20, n = 40`))).toBeVisible();
  // And still after a reload (the server keeps them in the map).
  await page.reload();
  await expect(card(page, `: ${STORE}`).locator('.voc-badge')).toContainText('n=40');
});
