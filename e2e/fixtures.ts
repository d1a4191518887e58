// Shared steps for the e2e specs: open the app, create a map from a template, find cards.
import { expect, type Page } from '@playwright/test';

export async function createMap(page: Page, template: RegExp): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: template }).click();
  await expect(page.getByRole('region', { name: 'Journey map' })).toBeVisible();
  await expect(page.locator('.card').first()).toBeVisible();
}

/** A card located by the accessible label its kind and text give it. */
export const card = (page: Page, text: string | RegExp) =>
  page.getByRole('group', { name: typeof text === 'string' ? new RegExp(escape(text)) : text });

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Opens a new map from a template, cards or not (a blank map has none), and waits for its canvas. */
export async function openNewMap(page: Page, template: RegExp): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: template }).click();
  await expect(page.getByRole('region', { name: 'Journey map' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Stages' }).getByRole('listitem').first()).toBeVisible();
}

/** The emotional curve's point (an ARIA slider) for a stage, whichever persona it belongs to. */
export const emotionPoint = (page: Page, stage: string, persona?: string) =>
  page.getByRole('slider', { name: new RegExp(`^Emotion at ${escape(stage)}${persona ? ` \\(${escape(persona)}\\)` : '( \\(|$)'}`) });
