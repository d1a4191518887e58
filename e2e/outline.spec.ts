// The outline (issue 15, item 4): a screen-reader user builds a map without the canvas, with the
// keyboard alone; every change is announced and stored; focus lands somewhere sensible after a delete;
// the skip link reaches the map; Alt+arrow moves on the canvas are announced. And the first visit
// (item 5): nobody is asked for a name, and the wheel works at once. And curve notes wrap (item 6).
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { card } from './fixtures';

interface Made {
  id: string;
  editKey: string;
  viewKey: string;
  links: { edit: string; view: string };
}

interface Stored {
  journey: {
    stages: { id: string; name: string }[];
    lanes: { id: string; name: string }[];
    cards: { id: string; kind: string; text: string; stageId: string; laneId: string; index: string; channel?: string; severity?: number; momentOfTruth?: boolean }[];
    emotions: { stageId: string; personaId: string | null; score: number; note: string }[];
  };
}

async function makeMap(request: APIRequestContext, locale = 'en'): Promise<Made> {
  const res = await request.post('/api/maps', { data: { template: 'currentJourney', locale } });
  expect(res.ok()).toBe(true);
  return (await res.json()) as Made;
}

async function stored(request: APIRequestContext, made: Made): Promise<Stored['journey']> {
  const res = await request.get(`/api/maps/${made.id}/export.json`, { headers: { authorization: `Bearer ${made.editKey}` } });
  return ((await res.json()) as Stored).journey;
}

/** The editor's live region (role status): what a screen reader was just told. */
const said = (page: Page) => page.locator('#tp-announcer');

/** A card of the outline, by the start of its text. */
const item = (page: Page, text: string) => page.getByRole('region', { name: 'Outline of the map' }).getByRole('listitem').filter({ hasText: text });

test('a map built in the outline with the keyboard alone: every change announced and stored', async ({ page, request }) => {
  const made = await makeMap(request);
  await page.goto(made.links.edit);
  await expect(page.getByRole('region', { name: 'Journey map' })).toBeVisible();

  // The skip link is the first Tab stop, and reaches the map's first card.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the map' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('.react-flow .card').first()).toBeFocused();

  // The outline, opened from the toolbar; its heading has the focus.
  await page.getByRole('button', { name: 'Outline' }).focus();
  await page.keyboard.press('Enter');
  const outline = page.getByRole('region', { name: 'Outline of the map' });
  await expect(outline.getByRole('heading', { name: 'Outline of the map' })).toBeFocused();
  await expect(outline.getByRole('heading', { level: 2 }).first()).toHaveText(/^Stage 1 of \d+: Awareness$/);
  // The canvas is gone from under it: one "Add a card" per cell, the outline's.
  await expect(page.getByRole('region', { name: 'Journey map' })).toHaveCount(0);

  // Add a touchpoint; its text is typed where the focus already is.
  await outline.getByRole('button', { name: 'Add a card: Awareness · Touchpoints & channels' }).focus();
  await page.keyboard.press('Enter');
  await expect(said(page)).toHaveText('Card added to Awareness · Touchpoints & channels');
  const text = outline.getByRole('textbox', { name: 'Card text' });
  await expect(text).toBeFocused();
  await page.keyboard.type('Call centre callback');
  await page.keyboard.press('Escape');
  await expect(said(page)).toHaveText('Text saved: Call centre callback');
  const callback = item(page, 'Call centre callback');
  await expect(callback.getByText(/^Touchpoint.*: Call centre callback — Awareness, Touchpoints & channels$/)).toBeFocused();

  // Its channel and moment of truth, from its details (the inspector's own fields).
  await callback.getByText('Details').focus();
  await page.keyboard.press('Enter');
  await callback.getByLabel('Channel').focus();
  await callback.getByLabel('Channel').selectOption({ label: 'Phone' });
  await expect(said(page)).toHaveText('Channel: Phone');
  await callback.getByRole('checkbox', { name: /Moment of truth/ }).focus();
  await page.keyboard.press('Space');
  await expect(said(page)).toHaveText('Moment of truth: on');
  await expect(callback.getByText(/^Touchpoint, Moment of truth.*: Call centre callback — Awareness, Touchpoints & channels$/)).toBeVisible();

  // A pain point and its severity.
  await outline.getByRole('button', { name: 'Add a card: Awareness · Pain points & gaps' }).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.type('Nobody calls back');
  await page.keyboard.press('Escape');
  const gap = item(page, 'Nobody calls back');
  await gap.getByText('Details').focus();
  await page.keyboard.press('Enter');
  await gap.getByLabel('Severity').selectOption({ label: 'High severity' });
  await expect(said(page)).toHaveText('Severity: High severity');

  // The emotion at Awareness, and its note.
  const emotion = outline.getByRole('combobox', { name: /^Emotion at Awareness/ });
  await emotion.focus();
  await emotion.selectOption({ label: '-1 negative' });
  await expect(said(page)).toHaveText(/^Emotion at Awareness.*: -1 negative$/);
  const note = outline.getByRole('textbox', { name: 'Why (note)' }).first();
  await note.focus();
  await page.keyboard.type('Waited two days');
  await page.keyboard.press('Tab');
  await expect(said(page)).toHaveText(/^Note saved: Awareness/);

  // Moves: down, then to the next stage.
  await callback.getByRole('button', { name: 'Move up: Call centre callback' }).focus();
  await page.keyboard.press('Enter');
  await expect(said(page)).toHaveText(/^Moved to Awareness · Touchpoints & channels, position \d of \d$/);
  await callback.getByRole('combobox', { name: 'Stage of Call centre callback' }).selectOption({ label: 'Consideration' });
  await expect(said(page)).toHaveText(/^Moved to Consideration · Touchpoints & channels, position (\d) of \1$/);
  await expect(item(page, 'Call centre callback').getByText(/— Consideration, Touchpoints & channels$/)).toBeFocused();

  // What the server stored.
  await expect
    .poll(async () => {
      const j = await stored(request, made);
      const stage = (name: string) => j.stages.find((s) => s.name === name)?.id;
      const c = j.cards.find((x) => x.text === 'Call centre callback');
      const g = j.cards.find((x) => x.text === 'Nobody calls back');
      const e = j.emotions.find((x) => x.stageId === stage('Awareness'));
      return { c: c && { kind: c.kind, channel: c.channel, mot: c.momentOfTruth, atConsideration: c.stageId === stage('Consideration') }, g: g && { kind: g.kind, severity: g.severity }, e: e && { score: e.score, note: e.note } };
    })
    .toEqual({ c: { kind: 'touchpoint', channel: 'phone', mot: true, atConsideration: true }, g: { kind: 'gap', severity: 3 }, e: { score: -1, note: 'Waited two days' } });

  // Delete: the focus goes to the next card of the cell, and to its Add button after the last one.
  const before = (await stored(request, made)).cards.length;
  await gap.getByRole('button', { name: 'Delete Nobody calls back' }).focus();
  await page.keyboard.press('Enter');
  await expect(said(page)).toHaveText('Card deleted: Nobody calls back');
  const cell = outline.getByRole('list', { name: 'Awareness · Pain points & gaps' });
  const remaining = await cell.getByRole('listitem').count();
  for (let i = 0; i < remaining; i++) {
    const focused = page.locator(':focus');
    await expect(focused).toHaveClass(/outline-card-name/);
    await page.locator('.outline-card:has(:focus)').getByRole('button', { name: /^Delete / }).focus();
    await page.keyboard.press('Enter');
  }
  await expect(outline.getByRole('button', { name: 'Add a card: Awareness · Pain points & gaps' })).toBeFocused();
  await expect.poll(async () => (await stored(request, made)).cards.length).toBe(before - 1 - remaining);

  // Back to the canvas: the toggle has the focus, and the card's name there says its stage and lane.
  await outline.getByRole('button', { name: 'Back to the canvas' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Outline' })).toBeFocused();
  await expect(card(page, /^Touchpoint, Moment of truth.*: Call centre callback — Consideration, Touchpoints & channels$/)).toHaveCount(1);
  await page.screenshot({ path: '/tmp/outline-canvas-after.png' });
});

test('the outline looks like a document, and a move with Alt+arrow on the canvas is announced', async ({ page, request }) => {
  const made = await makeMap(request);
  await page.goto(made.links.edit);
  const social = card(page, ': Social media ad');
  await social.focus();
  await page.keyboard.press('Alt+ArrowRight');
  await expect(said(page)).toHaveText(/^Moved to Consideration · Touchpoints & channels, position 1 of \d$/);
  await expect(social).toBeFocused();
  await expect(social).toHaveAccessibleName(/Social media ad — Consideration, Touchpoints & channels$/);
  await page.keyboard.press('Alt+ArrowLeft');
  await expect(said(page)).toHaveText(/^Moved to Awareness · Touchpoints & channels/);

  await page.getByRole('button', { name: 'Outline' }).click();
  await expect(page.getByRole('heading', { name: 'Outline of the map' })).toBeFocused();
  await item(page, 'Social media ad').getByText('Details').click();
  await page.screenshot({ path: '/tmp/outline-view.png' });
});

test.describe('a first visit, with no name stored', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  for (const link of ['view', 'edit'] as const) {
    test(`a ${link} link opens the map at once: no dialog, and the wheel zooms and pans`, async ({ page, request }) => {
      const made = await makeMap(request);
      await page.goto(made.links[link]);
      const map = page.getByRole('region', { name: 'Journey map' });
      await expect(map).toBeVisible();
      await expect(page.locator('.card').first()).toBeVisible();
      await expect(page.getByRole('dialog')).toHaveCount(0);

      const viewport = page.locator('.react-flow__viewport');
      const transform = () => viewport.evaluate((el) => getComputedStyle(el).transform);
      const box = (await map.boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      const start = await transform();
      await page.mouse.wheel(0, 200);
      await expect.poll(transform).not.toBe(start);
      const panned = await transform();
      await page.keyboard.down('Control');
      await page.mouse.wheel(0, -300);
      await page.keyboard.up('Control');
      await expect.poll(transform).not.toBe(panned);

      // A guest with a number; an editor may name themselves from the presence bar, a viewer is never asked.
      const self = page.getByRole('button', { name: /^You \(Guest \d+\): set your name$/ });
      await expect(self).toBeVisible();
      if (link === 'edit') {
        await expect(self).toContainText('Set your name');
        await self.click();
        const dialog = page.getByRole('dialog', { name: 'What is your name?' });
        await dialog.getByRole('textbox', { name: 'Display name' }).fill('Ioana');
        await dialog.getByRole('button', { name: 'Save' }).click();
        await expect(dialog).toHaveCount(0);
        // The focus is back on what opened the dialog: the avatar, now named.
        await expect(page.getByRole('button', { name: 'You (Ioana): change your display name' })).toBeFocused();
      } else {
        await expect(self).not.toContainText('Set your name');
      }
      await page.screenshot({ path: `/tmp/outline-first-visit-${link}.png` });
    });
  }
});

test('notes under the emotional curve wrap whole in Romanian and Italian, and each point is described by its note', async ({ page, request }) => {
  for (const locale of ['ro', 'it'] as const) {
    const made = await makeMap(request, locale);
    await page.goto(made.links.edit);
    const notes = page.locator('.emotion-note-box');
    await expect(notes.first()).toBeVisible();
    // The template's notes: each drawn whole (no ellipsis) and within its box.
    const drawn = await notes.evaluateAll((els) =>
      els.map((el) => {
        const [box, room] = [el.getBoundingClientRect(), el.parentElement!.getBoundingClientRect()];
        return { text: el.textContent ?? '', inside: box.bottom <= room.bottom + 1 && box.right <= room.right + 1, lines: Math.round(el.clientHeight / 14) };
      }),
    );
    const j = await stored(request, made);
    const written = j.emotions.filter((x) => x.note).map((e) => e.note);
    expect(written.length).toBeGreaterThan(0);
    expect(drawn.map((d) => d.text).sort()).toEqual([...written].sort());
    expect(drawn.filter((d) => !d.inside)).toEqual([]);
    // Each point is described by its whole note.
    const withNote = j.emotions.find((x) => x.note)!;
    const stage = j.stages.find((s) => s.id === withNote.stageId)!;
    const point = page.getByRole('slider', { name: new RegExp(`${stage.name}`) }).first();
    await expect(point).toHaveAccessibleDescription(withNote.note);

    // A long note, written in the outline: on the canvas it wraps over lines, whole.
    const long = locale === 'ro' ? 'Clientul a așteptat trei zile fără nicio veste despre portarea numărului și a sunat de două ori' : 'Il cliente ha aspettato tre giorni senza notizie sulla portabilità del numero e ha chiamato due volte';
    await page.getByRole('button', { name: 'Outline' }).click();
    const note = page.locator('.outline-emotion textarea').first();
    await note.fill(long);
    await note.press('Tab');
    await page.getByRole('button', { name: 'Back to the canvas' }).click();
    const box = page.locator('.emotion-note-box', { hasText: long });
    await expect(box).toHaveText(long);
    const size = await box.evaluate((el) => ({ lines: Math.round(el.clientHeight / 14), inside: el.getBoundingClientRect().bottom <= el.parentElement!.getBoundingClientRect().bottom + 1 }));
    expect(size.lines).toBeGreaterThan(2);
    expect(size.inside).toBe(true);
    await page.screenshot({ path: `/tmp/outline-curve-${locale}.png` });
  }
});

test('two personas with notes at one stage: the notes stack instead of covering each other', async ({ page, request }) => {
  const made = await makeMap(request);
  await page.goto(made.links.edit);
  await page.getByRole('toolbar', { name: 'Map tools' }).getByRole('button', { name: 'Personas' }).click();
  await page.getByRole('complementary', { name: 'Personas' }).getByRole('button', { name: 'Add persona' }).click();
  await page.getByRole('toolbar', { name: 'Map tools' }).getByRole('button', { name: 'Personas' }).click();

  // In the outline: the new persona feels as Ana does at Purchase (-1), with a note of its own.
  await page.getByRole('button', { name: 'Outline' }).click();
  const outline = page.getByRole('region', { name: 'Outline of the map' });
  await outline.getByRole('combobox', { name: 'Emotion at Purchase (New persona)' }).selectOption({ label: '-1 negative' });
  const note = outline.getByRole('region', { name: /: Purchase$/ }).getByRole('textbox', { name: 'Why (note) (New persona)' });
  await note.fill('Had to come back the next day with another document');
  await note.press('Tab');
  await expect(said(page)).toHaveText('Note saved: Purchase (New persona)');
  await page.getByRole('button', { name: 'Back to the canvas' }).click();

  const ana = page.locator('.emotion-note-box', { hasText: 'Long wait in the store' });
  const mine = page.locator('.emotion-note-box', { hasText: 'Had to come back the next day with another document' });
  await expect(ana).toBeVisible();
  await expect(mine).toBeVisible();
  const [a, b] = [(await ana.boundingBox())!, (await mine.boundingBox())!];
  const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  expect(overlap).toBe(false);
  await mine.scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/outline-curve-two-personas.png' });
});
