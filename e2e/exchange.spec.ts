// The map's data in and out: map files (JSON) exported and imported as a new map or in place of the
// open one, cards as CSV both ways, and the files that cannot be imported.
import { writeFileSync } from 'node:fs';
import Papa from 'papaparse';
import { expect, test, type Page } from '@playwright/test';
import { card, createMap, csvFile, exportFile, importFile, jsonFile, openNewMap, showWholeMap, type ChosenFile, type DownloadedFile } from './fixtures';

const CURRENT = 'Switching mobile operator: today';
const FUTURE = 'Switching mobile operator: future state';
const STAGES = ['Awareness', 'Consideration', 'Purchase', 'Onboarding', 'Use', 'Support'];

interface FileCard {
  id: string;
  kind: string;
  stageId: string;
  laneId: string;
  text: string;
  [field: string]: unknown;
}
interface MapFile {
  type: string;
  app: string;
  version: number;
  exportedAt: string;
  journey: {
    meta: { title: string; scenario: string; variant: string; locale: string; createdAt: number };
    personas: { id: string; name: string }[];
    stages: { id: string; name: string; index: string }[];
    lanes: { id: string; name: string; kind: string }[];
    cards: FileCard[];
    links: { from: string; to: string; label: string }[];
    emotions: { stageId: string; personaId: string | null; score: number; note: string }[];
  };
}

const readMap = (file: DownloadedFile): MapFile => JSON.parse(file.body.toString('utf8')) as MapFile;
const exportMap = async (page: Page) => readMap(await exportFile(page, 'Map file (JSON)'));

type CsvRow = Record<string, string>;
function readCsv(file: DownloadedFile): CsvRow[] {
  const text = file.body.toString('utf8');
  expect(text.charCodeAt(0), 'a byte order mark, so spreadsheets read UTF-8').toBe(0xfeff);
  const parsed = Papa.parse<CsvRow>(text.slice(1), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

const toolbar = (page: Page) => page.getByRole('toolbar', { name: 'Map tools' });
const undo = (page: Page) => toolbar(page).getByRole('button', { name: 'Undo' });
const title = (page: Page) => page.getByRole('heading', { level: 1 });
const connected = (page: Page) => expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
const mapList = (page: Page) => page.getByRole('region', { name: 'Your maps' }).getByRole('listitem');

async function backHome(page: Page): Promise<void> {
  await toolbar(page).getByRole('button', { name: 'Maps' }).click();
  await expect(page.getByRole('heading', { name: 'Your maps' })).toBeVisible();
}

/** The card labels the canvas shows, with the stage whose column each card is in. */
async function cardsOnMap(page: Page): Promise<{ label: string; stage: string }[]> {
  const headers = page.getByRole('list', { name: 'Stages' }).getByRole('listitem');
  const columns: { name: string; left: number; right: number }[] = [];
  for (const header of await headers.all()) {
    const box = (await header.boundingBox())!;
    // The header's accessible name holds the whole name (zoomed out, its text may be hyphenated or abbreviated).
    const name = (await header.getByRole('button', { name: /^Stage name: / }).getAttribute('aria-label'))!.replace(/^Stage name: /, '');
    columns.push({ name: name.trim(), left: box.x, right: box.x + box.width });
  }
  expect(columns.map((c) => c.name)).toEqual(STAGES);
  const out: { label: string; stage: string }[] = [];
  for (const node of await page.locator('.card').all()) {
    const box = (await node.boundingBox())!;
    const middle = box.x + box.width / 2;
    const column = columns.find((c) => middle >= c.left && middle < c.right);
    // A card's name ends with where it is ("… — Purchase, Touchpoints & channels"): its stage is the column's.
    const name = (await node.getAttribute('aria-label'))!;
    const at = name.lastIndexOf(' — ');
    expect(name.slice(at + 3).startsWith(`${column?.name}, `), name).toBe(true);
    out.push({ label: name.slice(0, at), stage: column?.name ?? '(none)' });
  }
  return out;
}

const KIND_LABELS: Record<string, string> = { note: 'Note', touchpoint: 'Touchpoint', gap: 'Pain point', opportunity: 'Opportunity', metric: 'Metric' };
const SEVERITY_LABELS: Record<string, string> = { '1': 'Low severity', '2': 'Medium severity', '3': 'High severity' };
/** The label the canvas gives the card a CSV row describes (see cardLabel in src/views/CardFace.tsx). */
const labelOfRow = (row: CsvRow) =>
  `${[KIND_LABELS[row.kind!], row.moment_of_truth === 'yes' ? 'Moment of truth' : '', row.kind === 'gap' ? SEVERITY_LABELS[row.severity!] : ''].filter(Boolean).join(', ')}: ${row.text}`;

test('a map file exported, imported as a new map and exported again holds the same journey', async ({ page }) => {
  await createMap(page, /Current-state journey/);
  await connected(page);
  const firstUrl = page.url();

  const exported = await exportFile(page, 'Map file (JSON)');
  expect(exported.name).toBe('Switching-mobile-operator-today.touchpoint.json');
  const first = readMap(exported);
  expect(first).toMatchObject({ type: 'touchpoint.journey', app: 'Touchpoint', version: 4 });
  expect(first.journey.meta.title).toBe(CURRENT);
  expect(first.journey.stages.map((s) => s.name)).toEqual(STAGES);
  expect(first.journey.cards).toHaveLength(23);
  expect(first.journey.emotions).toHaveLength(6);

  await importFile(page, 'Map file (JSON) as a new map', { name: exported.name, mimeType: 'application/json', buffer: exported.body });
  const dialog = page.getByRole('dialog', { name: `Import ${exported.name} as a new map?` });
  await expect(dialog).toContainText(CURRENT);
  await expect(dialog).toContainText('23 cards ready to import.');
  await expect(dialog).not.toContainText('repair');
  await dialog.getByRole('button', { name: 'Create the map' }).click();
  await expect(dialog).toHaveCount(0);

  // A new map, opened in place of the first.
  await expect.poll(() => page.url()).not.toBe(firstUrl);
  expect(page.url()).toMatch(/#\/map\/[\w-]+$/);
  await connected(page);
  await expect(title(page)).toHaveText(CURRENT);
  await expect(card(page, 'Touchpoint, Moment of truth: Store visit with a sales advisor')).toBeVisible();

  // Export → import → export gives the same journey, ids included: the new map is a new document
  // holding the file's stages, lanes, cards, links and emotions as they were.
  const second = await exportMap(page);
  expect(second.journey).toEqual(first.journey);

  await backHome(page);
  await expect(mapList(page)).toHaveCount(2);
});

test('a map file replaces the open map, and one undo brings the old map back', async ({ page }) => {
  await openNewMap(page, /Future-state journey/);
  const future = await exportFile(page, 'Map file (JSON)');
  const futureMap = readMap(future);
  expect(futureMap.journey.cards).toHaveLength(9);

  await createMap(page, /Current-state journey/);
  await connected(page);
  const before = await exportMap(page);
  const url = page.url();

  // Cancelling changes nothing.
  await importFile(page, 'Map file (JSON) replacing this map', { name: future.name, mimeType: 'application/json', buffer: future.body });
  let dialog = page.getByRole('dialog', { name: 'Replace this map?' });
  await expect(dialog).toContainText(`Everything on this map will be replaced by “${FUTURE}” from the file`);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(title(page)).toHaveText(CURRENT);

  await importFile(page, 'Map file (JSON) replacing this map', { name: future.name, mimeType: 'application/json', buffer: future.body });
  dialog = page.getByRole('dialog', { name: 'Replace this map?' });
  await expect(dialog).toContainText('9 cards ready to import.');
  await dialog.getByRole('button', { name: 'Replace', exact: true }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Imported 9 cards. Undo takes them all back.' })).toBeVisible();

  // The same map (same link) now shows the file's content.
  expect(page.url()).toBe(url);
  await expect(title(page)).toHaveText(FUTURE);
  await expect(card(page, 'Touchpoint, Moment of truth: Signs up in the app in 10 minutes')).toBeVisible();
  await expect(card(page, 'Store visit with a sales advisor')).toHaveCount(0);
  const replaced = await exportMap(page);
  const { meta: _m1, ...replacedParts } = replaced.journey;
  const { meta: _m2, ...fileParts } = futureMap.journey;
  expect(replacedParts).toEqual(fileParts);
  expect(replaced.journey.meta).toMatchObject({ title: FUTURE, variant: 'future', scenario: futureMap.journey.meta.scenario });

  // The map as it was before the file replaced it is kept in its history.
  await page.getByRole('toolbar', { name: 'Map tools' }).getByRole('button', { name: 'History', exact: true }).click();
  await expect(page.getByRole('complementary', { name: 'Version history' })).toContainText('Before a map file replaced the map');

  // One undo: the old map, exactly.
  await undo(page).click();
  await expect(title(page)).toHaveText(CURRENT);
  await expect(card(page, 'Touchpoint, Moment of truth: Store visit with a sales advisor')).toBeVisible();
  await expect(card(page, 'Signs up in the app in 10 minutes')).toHaveCount(0);
  expect((await exportMap(page)).journey).toEqual(before.journey);
});

test('the cards as CSV: one row per card, as the map shows them', async ({ page }) => {
  await createMap(page, /Current-state journey/);
  const csv = await exportFile(page, 'Cards (CSV, for spreadsheets)');
  expect(csv.name).toBe('Switching-mobile-operator-today.csv');
  expect(csv.body.toString('utf8')).toContain('\r\n');
  const rows = readCsv(csv);
  expect(Object.keys(rows[0]!)).toEqual(expect.arrayContaining(['stage', 'lane', 'kind', 'text', 'channel', 'department', 'moment_of_truth', 'severity']));
  expect(rows).toHaveLength(23);

  // What the map shows: every card (zoomed out to see them all), its kind and text in its label,
  // and the stage column it sits in.
  await showWholeMap(page, 23);
  const shown = await cardsOnMap(page);
  const fromCsv = rows.map((row) => ({ label: labelOfRow(row), stage: row.stage! }));
  const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label);
  expect(fromCsv.sort(byLabel)).toEqual(shown.sort(byLabel));

  // In map order: stage by stage.
  expect([...new Set(rows.map((r) => r.stage))]).toEqual(STAGES);

  // And the same cards as the map file, field by field.
  const map = await exportMap(page);
  const stageName = new Map(map.journey.stages.map((s) => [s.id, s.name]));
  const laneName = new Map(map.journey.lanes.map((l) => [l.id, l.name]));
  expect(rows.map((r) => [r.stage, r.lane, r.kind, r.text])).toEqual(map.journey.cards.map((c) => [stageName.get(c.stageId), laneName.get(c.laneId), c.kind, c.text]));
  const store = rows.find((r) => r.text === 'Store visit with a sales advisor')!;
  expect(store).toMatchObject({ kind: 'touchpoint', channel: 'store', department: 'Sales', moment_of_truth: 'yes' });
  const nps = rows.find((r) => r.text === 'Relationship NPS, Q3')!;
  expect(nps).toMatchObject({ kind: 'metric', metric: 'NPS', value: '-12', sample_size: '1250' });
});

test('cards from a spreadsheet: the good rows come in as one undoable step, the bad ones are listed by line', async ({ page }) => {
  await createMap(page, /Current-state journey/);
  await showWholeMap(page, 23);
  const text = [
    'stage,lane,kind,text,severity',
    'Awareness,Customer actions,note,Reads reviews on a forum,',
    'Purchase,,gap,Too many papers to sign,4',
    ',Customer actions,note,A row without a stage,',
    'Support,,opportunity,Call back within an hour,',
  ].join('\n');
  await importFile(page, 'Cards from a spreadsheet (CSV)', csvFile('cards.csv', text));

  const dialog = page.getByRole('dialog', { name: 'Import cards from cards.csv' });
  await expect(dialog).toContainText('2 cards ready to import.');
  await expect(dialog).toContainText('2 rows will not be imported:');
  await expect(dialog.getByRole('listitem')).toHaveText([/^Line 3: .*Severity "4"/, /^Line 4: The stage is empty\./]);
  await dialog.getByRole('button', { name: 'Import 2 cards' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Imported 2 cards. Undo takes them all back.' })).toBeVisible();

  // The two cells grew, so the map is zoomed out again to see it all.
  await showWholeMap(page, 25);
  const shown = await cardsOnMap(page);
  expect(shown).toEqual(
    expect.arrayContaining([
      { label: 'Note: Reads reviews on a forum', stage: 'Awareness' },
      { label: 'Opportunity: Call back within an hour', stage: 'Support' },
    ]),
  );
  await expect(card(page, 'Too many papers to sign')).toHaveCount(0);
  await expect(card(page, 'A row without a stage')).toHaveCount(0);

  // One undo takes both back.
  await undo(page).click();
  await expect(page.locator('.card')).toHaveCount(23);
  await expect(card(page, 'Reads reviews on a forum')).toHaveCount(0);
  await expect(card(page, 'Call back within an hour')).toHaveCount(0);
});

/** Map files that cannot be imported, each with the reason the app must give. */
function refusedFiles(good: MapFile): [string, ChosenFile | string, RegExp][] {
  // The big one is written to disk: handed over by path, it does not travel through the protocol.
  const huge = test.info().outputPath('huge.json');
  writeFileSync(huge, Buffer.alloc(21 * 1024 * 1024, 0x20));
  return [
    ['not JSON', jsonFile('notes.json', 'Stages: awareness, purchase\nthis is not JSON {'), /it is not a JSON file/],
    ['empty', jsonFile('empty.json', ''), /it is not a JSON file/],
    ['another program’s JSON', jsonFile('drawing.json', { type: 'excalidraw', version: 2, elements: [] }), /it is JSON, but not a Touchpoint map file/],
    ['a newer version', jsonFile('future.json', { ...good, version: 99 }), /it was saved by a newer Touchpoint \(file version 99; this one reads up to 4\)/],
    ['too large', huge, /it is 21\.0 MB, more than the 6\.0 MB a map file may be/],
  ];
}

test('the bad rows of a spreadsheet are explained in the reader’s language', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: 'Română' });
  await page.getByRole('button', { name: /Hartă goală/ }).click();
  await expect(page.getByRole('region', { name: 'Harta călătoriei clientului' })).toBeVisible();
  const text = ['stage,kind,text,severity', 'Cumpărare,gap,Prea multe hârtii de semnat,4', ',note,Un rând fără etapă,'].join('\n');
  await page.getByRole('button', { name: 'Importă', exact: true }).click();
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('menuitem', { name: /Carduri dintr-o foaie de calcul \(CSV\)$/ }).click(),
  ]);
  await chooser.setFiles(csvFile('carduri.csv', text));
  const dialog = page.getByRole('dialog', { name: 'Importă carduri din carduri.csv' });
  await expect(dialog.getByRole('listitem')).toHaveText(['Linia 2: Severitatea „4” nu este 1, 2 sau 3 (scăzută, medie, ridicată).', 'Linia 3: Etapa este goală.']);
  await dialog.getByRole('button', { name: 'Renunță' }).click();

  // Saved back by Excel in the Windows code page of a Romanian PC (not UTF-8): the diacritics survive.
  const windows1250: Record<string, number> = { ă: 0xe3, Î: 0xce, î: 0xee, â: 0xe2 };
  const excel = 'stage,kind,text\nEtapa 1,note,"Înscriere în magazin, cu actul de identitate"\n';
  const bytes = Buffer.from([...excel].map((ch) => windows1250[ch] ?? ch.charCodeAt(0)));
  expect(bytes.toString('utf8')).not.toContain('Înscriere');
  await page.getByRole('button', { name: 'Importă', exact: true }).click();
  const [again] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('menuitem', { name: /Carduri dintr-o foaie de calcul \(CSV\)$/ }).click()]);
  await again.setFiles({ name: 'excel.csv', mimeType: 'text/csv', buffer: bytes });
  const fromExcel = page.getByRole('dialog', { name: 'Importă carduri din excel.csv' });
  await fromExcel.getByRole('button', { name: /^Importă 1/ }).click();
  await expect(page.locator('.card', { hasText: 'Înscriere în magazin, cu actul de identitate' })).toBeVisible();
});

test('map files that cannot be imported say why, and change neither the open map nor the list of maps', async ({ page }) => {
  await createMap(page, /Current-state journey/);
  await connected(page);
  const before = await exportMap(page);

  for (const [what, file, reason] of refusedFiles(before)) {
    for (const item of ['Map file (JSON) as a new map', 'Map file (JSON) replacing this map']) {
      await importFile(page, item, file);
      const alert = page.getByRole('alert');
      await expect(alert, `${what}, ${item}`).toContainText(reason);
      await expect(alert).toContainText(/^This file cannot be imported: .*\. Nothing was changed\./);
      await expect(page.getByRole('dialog')).toHaveCount(0);
      await alert.getByRole('button', { name: 'Close' }).click();
      await expect(alert).toHaveCount(0);
    }
  }
  // The open map is as it was, and no map was added.
  await expect(title(page)).toHaveText(CURRENT);
  await expect(card(page, 'Touchpoint, Moment of truth: Store visit with a sales advisor')).toBeVisible();
  expect((await exportMap(page)).journey).toEqual(before.journey);
  await backHome(page);
  await expect(mapList(page)).toHaveCount(1);
});

test('the home page refuses the same files with the same reasons, and adds no map', async ({ page }) => {
  await createMap(page, /Current-state journey/);
  const good = await exportMap(page);
  await backHome(page);
  await expect(mapList(page)).toHaveCount(1);

  for (const [what, file, reason] of refusedFiles(good)) {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByText('Import a map file (JSON)').click()]);
    await chooser.setFiles(file);
    const alert = page.getByRole('alert');
    await expect(alert, what).toContainText(reason);
    await expect(alert).toContainText(/^This file cannot be imported: .*\. Nothing was changed\./);
    await expect(mapList(page)).toHaveCount(1);
  }

  // A good file from the same button makes a map.
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByText('Import a map file (JSON)').click()]);
  await chooser.setFiles(jsonFile('good.json', good));
  await expect(title(page)).toHaveText(CURRENT);
  await connected(page);
  expect((await exportMap(page)).journey).toEqual(good.journey);
  await backHome(page);
  await expect(mapList(page)).toHaveCount(2);
});

test('a map file with broken references is imported, with its repairs listed', async ({ page }) => {
  await createMap(page, /Current-state journey/);
  const file = await exportMap(page);
  const agents = file.journey.cards.find((c) => c.text === 'Agents cannot see the contract signed in the store')!;
  agents.stageId = 'no-such-stage';
  const callCentre = file.journey.cards.find((c) => c.text === 'Call centre')!;
  file.journey.links.push({ from: callCentre.id, to: 'nobody-here', label: 'escalates' });

  const url = page.url();
  await importFile(page, 'Map file (JSON) as a new map', jsonFile('broken.json', file));
  const dialog = page.getByRole('dialog', { name: 'Import broken.json as a new map?' });
  await expect(dialog).toContainText('23 cards ready to import.');
  await expect(dialog).toContainText('Imported, with 2 repairs:');
  await expect(dialog.getByRole('listitem')).toHaveText([
    '1 card whose stage or lane was missing was put in Awareness · Pain points & gaps',
    '1 link to a missing card was removed',
  ]);
  await dialog.getByRole('button', { name: 'Create the map' }).click();
  await expect(dialog).toHaveCount(0);
  await expect.poll(() => page.url()).not.toBe(url);
  await expect(title(page)).toHaveText(CURRENT);
  await connected(page);

  // The card is in the first stage, the broken link is gone, everything else is the file's.
  await showWholeMap(page, 23);
  expect(await cardsOnMap(page)).toContainEqual({ label: 'Pain point, Medium severity: Agents cannot see the contract signed in the store', stage: 'Awareness' });
  const imported = await exportMap(page);
  const awareness = imported.journey.stages.find((s) => s.name === 'Awareness')!;
  expect(imported.journey.cards.find((c) => c.id === agents.id)).toMatchObject({ stageId: awareness.id, laneId: agents.laneId, text: agents.text });
  expect(imported.journey.links).toEqual([]);
  expect(imported.journey.cards).toHaveLength(23);
});

test('diacritics survive the JSON and CSV round trips', async ({ page }) => {
  const TEXT = 'Întâlnire în oraș: ăla țâncul à è – „bine”';
  const TITLE = 'Călătoria clientului – Brașov à è';
  await createMap(page, /Current-state journey/);
  await connected(page);

  // A title and a card with Romanian and Italian letters.
  await page.getByRole('button', { name: /^Map title/ }).click();
  const titleBox = page.getByRole('textbox', { name: 'Map title' });
  await titleBox.fill(TITLE);
  await titleBox.press('Enter');
  await expect(title(page)).toHaveText(TITLE);
  await page.getByRole('button', { name: 'Add a card: Awareness · Customer actions' }).click();
  const editor = page.getByRole('textbox', { name: 'Card text' });
  await editor.fill(TEXT);
  await editor.press('Escape');
  await expect(card(page, `Note: ${TEXT}`)).toBeVisible();

  // JSON: the file name keeps the letters, the file holds them, a new map from it shows them.
  const json = await exportFile(page, 'Map file (JSON)');
  expect(json.name).toBe('Călătoria-clientului-Brașov-à-è.touchpoint.json');
  const file = readMap(json);
  expect(file.journey.meta.title).toBe(TITLE);
  expect(file.journey.cards.map((c) => c.text)).toContain(TEXT);
  const url = page.url();
  await importFile(page, 'Map file (JSON) as a new map', { name: json.name, mimeType: 'application/json', buffer: json.body });
  await page.getByRole('dialog', { name: `Import ${json.name} as a new map?` }).getByRole('button', { name: 'Create the map' }).click();
  await expect.poll(() => page.url()).not.toBe(url);
  await expect(title(page)).toHaveText(TITLE);
  await connected(page);
  await expect(card(page, `Note: ${TEXT}`)).toBeVisible();
  expect((await exportMap(page)).journey).toEqual(file.journey);

  // CSV: written as UTF-8 with a BOM, read back by a spreadsheet parser and by the importer.
  const csv = await exportFile(page, 'Cards (CSV, for spreadsheets)');
  expect(csv.name).toBe('Călătoria-clientului-Brașov-à-è.csv');
  const rows = readCsv(csv);
  expect(rows.find((r) => r.stage === 'Awareness' && r.text === TEXT)).toBeTruthy();

  await openNewMap(page, /Blank map/);
  await importFile(page, 'Cards from a spreadsheet (CSV)', { name: csv.name, mimeType: 'text/csv', buffer: csv.body });
  const dialog = page.getByRole('dialog', { name: `Import cards from ${csv.name}` });
  await expect(dialog).toContainText('24 cards ready to import.');
  await expect(dialog).not.toContainText('will not be imported');
  await dialog.getByRole('button', { name: 'Import 24 cards' }).click();
  await expect(dialog).toHaveCount(0);
  const blank = await exportMap(page);
  expect(blank.journey.cards.map((c) => c.text)).toContain(TEXT);
  expect(blank.journey.cards.map((c) => c.text).sort()).toEqual(file.journey.cards.map((c) => c.text).sort());
  await expect(card(page, `Note: ${TEXT}`)).toHaveCount(1);
});
