// Comments, two people in their own browsers: Ana edits the map and hands out its comment link;
// Elena, a stakeholder, opens it, reads the map without any way to change it, and comments on a card
// mentioning Ana. Ana sees the count on the card and the comment live, replies and resolves; Elena
// sees it resolved. A comment Ana writes offline shows as not sent, and arrives once she is back.
// What the server stored is read back through its API.
import { expect, test, type Page } from '@playwright/test';
import { card, panToCard } from './fixtures';
import { connected, person } from './workshop';

const STORE_VISIT = 'Touchpoint, Moment of truth: Store visit with a sales advisor';
const STORE_TEXT = 'Store visit with a sales advisor';

const toolbar = (page: Page) => page.getByRole('toolbar', { name: 'Map tools' });
const panel = (page: Page) => page.getByRole('complementary', { name: 'Comments' });
const thread = (page: Page, target: string | RegExp) => panel(page).getByRole('article', { name: target });

interface Map {
  id: string;
  editKey: string;
  commentLink: string;
}

/** Ana makes a map and reads its links from the Share dialog (the comment link's QR code too). */
async function mapWithCommentLink(ana: Page): Promise<Map> {
  await ana.goto('/');
  await ana.getByRole('button', { name: /Current-state journey/ }).click();
  await connected(ana);
  await toolbar(ana).getByRole('button', { name: 'Share' }).click();
  const dialog = ana.getByRole('dialog', { name: 'Share this map' });
  const commentLink = await dialog.getByRole('textbox', { name: 'Comment link' }).inputValue();
  const editLink = await dialog.getByRole('textbox', { name: 'Edit link' }).inputValue();
  const viewLink = await dialog.getByRole('textbox', { name: 'View link' }).inputValue();
  expect(new Set([commentLink, editLink, viewLink]).size).toBe(3);
  await expect(dialog.getByRole('img', { name: 'QR code of the Comment link' })).toBeVisible();
  // View links stay read-only for comments unless the owner says otherwise.
  await expect(dialog.getByRole('checkbox', { name: 'People with the view link may comment' })).not.toBeChecked();
  await dialog.getByRole('button', { name: 'Close' }).click();
  const [, id, editKey] = /#\/map\/([\w-]+)\?key=([\w-]+)/.exec(editLink) ?? [];
  if (!id || !editKey) throw new Error(`Unexpected edit link ${editLink}`);
  return { id, editKey, commentLink };
}

test('a stakeholder comments from the comment link; the editor replies and resolves; an offline comment arrives later', async ({ browser, request }) => {
  const baseURL = test.info().project.use.baseURL!;
  const ana = await person(browser, 'Ana', baseURL);
  const elena = await person(browser, 'Elena', baseURL);
  try {
    const map = await mapWithCommentLink(ana);
    await elena.goto(map.commentLink);
    await connected(elena);
    await expect(elena.getByText('Can comment')).toBeVisible();

    // Elena reads the map and cannot change it: nothing to add with, and Delete does nothing.
    const elenaCard = card(elena, STORE_VISIT);
    await panToCard(elena, elenaCard);
    await expect(elena.getByRole('button', { name: /^Add a card/ })).toHaveCount(0);
    await expect(toolbar(elena).getByRole('button', { name: 'Undo' })).toHaveCount(0);
    await elenaCard.click();
    await elenaCard.press('Delete');
    await expect(elenaCard).toBeVisible();
    await expect(card(ana, STORE_VISIT)).toBeVisible();

    // She comments on the card (C on the focused card), mentioning Ana from the suggestions.
    await elenaCard.press('c');
    const box = panel(elena).getByRole('textbox', { name: `New comment on “${STORE_TEXT}”` });
    await expect(box).toBeFocused();
    await box.pressSequentially('Could customers book this visit online? @An');
    const suggestions = panel(elena).getByRole('listbox', { name: 'People to mention' });
    await expect(suggestions.getByRole('option', { name: '@Ana' })).toBeVisible();
    await box.press('Enter');
    await expect(suggestions).toHaveCount(0);
    await box.pressSequentially('what do you think?');
    await expect(box).toHaveValue('Could customers book this visit online? @Ana what do you think?');
    await box.press('Control+Enter');
    await expect(box).toHaveValue('');
    await expect(box).toBeFocused();
    const elenaThread = thread(elena, `“${STORE_TEXT}”`);
    await expect(elenaThread.getByText('Could customers book this visit online?')).toBeVisible();
    await expect(elenaThread.locator('.mention')).toHaveText('@Ana');
    await expect(card(elena, STORE_VISIT).getByRole('button', { name: '1 open comment' })).toBeVisible();

    // Ana sees it live: the count on the card, the unread count in the toolbar, and hears of it.
    const anaCard = card(ana, STORE_VISIT);
    await panToCard(ana, anaCard);
    const badge = anaCard.getByRole('button', { name: '1 open comment' });
    await expect(badge).toBeVisible();
    await expect(toolbar(ana).getByRole('button', { name: 'Comments, 1 unread' })).toBeVisible();
    await expect(ana.locator('.comments-announcer')).toHaveText(`Elena commented on “${STORE_TEXT}”.`);
    await badge.click();
    const anaThread = thread(ana, `“${STORE_TEXT}”`);
    await expect(anaThread.getByText('Elena', { exact: true })).toBeVisible();
    await expect(anaThread.getByText(/Could customers book this visit online\?/)).toBeVisible();
    // Opened, it is read.
    await expect(toolbar(ana).getByRole('button', { name: 'Comments', exact: true })).toBeVisible();

    // She replies (the focus stays in the reply box), then resolves the thread.
    const reply = anaThread.getByRole('textbox', { name: `Reply about “${STORE_TEXT}”` });
    await reply.fill('Yes: booking opens next month.');
    await anaThread.getByRole('button', { name: 'Reply', exact: true }).click();
    await expect(reply).toHaveValue('');
    await expect(reply).toBeFocused();
    await expect(anaThread.getByText('Yes: booking opens next month.')).toBeVisible();
    await expect(elenaThread.getByText('Yes: booking opens next month.')).toBeVisible();
    // Elena cannot resolve (an editor's step), Ana can.
    await expect(elenaThread.getByRole('button', { name: 'Resolve' })).toHaveCount(0);
    await anaThread.getByRole('button', { name: 'Resolve' }).click();
    await expect(anaThread.getByRole('button', { name: 'Reopen' })).toBeFocused();
    await expect(badge).toHaveCount(0);

    // Elena sees it resolved: the count leaves the card, the thread says so.
    await expect(card(elena, STORE_VISIT).getByRole('button', { name: /open comment/ })).toHaveCount(0);
    await expect(elenaThread.getByText('Resolved', { exact: true })).toBeVisible();
    await expect(elenaThread.getByText(/Resolved by Ana on /)).toBeVisible();

    // Offline, Ana comments on the whole map: shown at once, marked not sent.
    await ana.context().setOffline(true);
    await panel(ana).getByRole('button', { name: 'All comments' }).click();
    await panel(ana).getByRole('button', { name: 'New comment on the map' }).click();
    const mapBox = panel(ana).getByRole('textbox', { name: 'New comment on the whole map' });
    await expect(mapBox).toBeFocused();
    await mapBox.fill('Workshop on Thursday: read the map before.');
    await panel(ana).getByRole('button', { name: 'Comment', exact: true }).click();
    const mapThread = thread(ana, 'the whole map');
    await expect(mapThread.getByText('Workshop on Thursday: read the map before.')).toBeVisible();
    await expect(mapThread.getByText('Not sent yet')).toBeVisible();
    await expect(panel(ana).getByRole('status')).toContainText('Not connected');

    // Back online, it is sent and arrives for Elena.
    await ana.context().setOffline(false);
    await expect(mapThread.getByText('Not sent yet')).toHaveCount(0);
    await expect(elena.locator('.comments-announcer')).toHaveText('Ana commented on the whole map.');
    await panel(elena).getByRole('button', { name: 'All comments' }).click();
    await expect(thread(elena, 'the whole map').getByText('Workshop on Thursday: read the map before.')).toBeVisible();

    // What the server stored.
    const res = await request.get(`/api/maps/${map.id}/comments`, { headers: { authorization: `Bearer ${map.editKey}` } });
    expect(res.ok()).toBe(true);
    const stored = (await res.json()) as { threads: { target: { type: string }; resolvedAt: number | null; resolvedBy: string | null; comments: { authorName: string; text: string; mentions: string[] }[] }[] };
    expect(stored.threads).toHaveLength(2);
    const [onCard, onMap] = stored.threads;
    expect(onCard).toMatchObject({ target: { type: 'card' }, resolvedBy: 'Ana' });
    expect(onCard!.resolvedAt).not.toBeNull();
    expect(onCard!.comments.map((c) => [c.authorName, c.text, c.mentions])).toEqual([
      ['Elena', 'Could customers book this visit online? @Ana what do you think?', ['Ana']],
      ['Ana', 'Yes: booking opens next month.', []],
    ]);
    expect(onMap).toMatchObject({ target: { type: 'map', id: map.id }, resolvedAt: null, comments: [{ authorName: 'Ana', text: 'Workshop on Thursday: read the map before.' }] });
  } finally {
    await ana.context().close();
    await elena.context().close();
  }
});

test('a view link reads the comments, and writes them only while the owner allows it', async ({ browser }) => {
  const baseURL = test.info().project.use.baseURL!;
  const ana = await person(browser, 'Ana', baseURL);
  const viewer = await person(browser, 'Marco', baseURL);
  try {
    await mapWithCommentLink(ana);
    await toolbar(ana).getByRole('button', { name: 'Share' }).click();
    const dialog = ana.getByRole('dialog', { name: 'Share this map' });
    const viewLink = await dialog.getByRole('textbox', { name: 'View link' }).inputValue();
    await dialog.getByRole('button', { name: 'Close' }).click();

    // Ana starts a thread on the whole map from the toolbar's panel.
    await toolbar(ana).getByRole('button', { name: 'Comments', exact: true }).click();
    await panel(ana).getByRole('button', { name: 'New comment on the map' }).click();
    await panel(ana).getByRole('textbox', { name: 'New comment on the whole map' }).fill('Please read before Thursday.');
    await panel(ana).getByRole('button', { name: 'Comment', exact: true }).click();

    await viewer.goto(viewLink);
    await connected(viewer);
    await expect(viewer.getByText('View only')).toBeVisible();
    await toolbar(viewer).getByRole('button', { name: 'Comments, 1 unread' }).click();
    const mapThread = thread(viewer, 'the whole map');
    await mapThread.getByRole('button', { name: /the whole map/ }).click();
    await expect(mapThread.getByText('Please read before Thursday.')).toBeVisible();
    await expect(toolbar(viewer).getByRole('button', { name: 'Comments', exact: true })).toBeVisible();
    await expect(panel(viewer).getByText('This link reads the comments; the map’s editors have not allowed view links to write them.')).toBeVisible();
    await expect(panel(viewer).getByRole('textbox')).toHaveCount(0);
    await expect(panel(viewer).getByRole('button', { name: 'New comment on the map' })).toHaveCount(0);

    // The owner allows view links to comment: the viewer's reply box opens at once.
    await toolbar(ana).getByRole('button', { name: 'Share' }).click();
    await dialog.getByRole('checkbox', { name: 'People with the view link may comment' }).check();
    await dialog.getByRole('button', { name: 'Close' }).click();
    const reply = mapThread.getByRole('textbox', { name: 'Reply about the whole map' });
    await reply.fill('Will do.');
    await reply.press('Control+Enter');
    await expect(thread(ana, 'the whole map').getByText('Will do.')).toBeVisible();

    // And disallows it again: the box closes.
    await toolbar(ana).getByRole('button', { name: 'Share' }).click();
    await expect(dialog.getByRole('checkbox', { name: 'People with the view link may comment' })).toBeChecked();
    await dialog.getByRole('checkbox', { name: 'People with the view link may comment' }).uncheck();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(reply).toHaveCount(0);
  } finally {
    await ana.context().close();
    await viewer.context().close();
  }
});
