// Shared steps for the workshop specs: people in their own browsers on one shared map, and what the
// server stored (read back through the API, not from any browser).
import { expect, type APIRequestContext, type Browser, type Page } from '@playwright/test';

export interface SharedMap {
  id: string;
  editKey: string;
  editLink: string;
  viewLink: string;
}

/** A person in a browser of their own (own storage: own name, own participant id). */
export async function person(browser: Browser, name: string, baseURL: string): Promise<Page> {
  const context = await browser.newContext({
    baseURL,
    storageState: { cookies: [], origins: [{ origin: baseURL, localStorage: [{ name: 'touchpoint.name', value: name }] }] },
  });
  return context.newPage();
}

export const connected = (page: Page) => expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();

/** `host` makes a map from a template on the server and reads its links from the Share dialog. */
export async function shareNewMap(host: Page, template: RegExp): Promise<SharedMap> {
  await host.goto('/');
  await host.getByRole('button', { name: template }).click();
  await connected(host);
  await host.getByRole('button', { name: 'Share' }).click();
  const editLink = await host.getByRole('textbox', { name: 'Edit link' }).inputValue();
  const viewLink = await host.getByRole('textbox', { name: 'View link' }).inputValue();
  await host.getByRole('button', { name: 'Close' }).click();
  const [, id, editKey] = /#\/map\/([\w-]+)\?key=([\w-]+)/.exec(editLink) ?? [];
  if (!id || !editKey) throw new Error(`Unexpected edit link ${editLink}`);
  return { id, editKey, editLink, viewLink };
}

export async function join(page: Page, link: string): Promise<void> {
  await page.goto(link);
  await connected(page);
}

interface StoredCard {
  id: string;
  text: string;
  stageId: string;
  laneId: string;
  kind: string;
}

/** The cards as the server holds them now. */
export async function storedCards(request: APIRequestContext, map: SharedMap): Promise<StoredCard[]> {
  const res = await request.get(`/api/maps/${map.id}/export.json`, { headers: { authorization: `Bearer ${map.editKey}` } });
  expect(res.ok()).toBe(true);
  const file = (await res.json()) as { journey: { cards: StoredCard[] } };
  return file.journey.cards;
}
