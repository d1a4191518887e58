// axe-core on every page a person meets (issue 15, item 4): the home page, the editor, the outline
// and a view link's map. No serious or critical violation.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

async function violations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ rule: v.id, impact: v.impact, nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n')[1] ?? ''}`) }));
}

test('no serious or critical axe violations on the home page, the editor, the outline and a view link', async ({ page, request }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: /Current-state journey/ })).toBeVisible();
  expect(await violations(page), 'home').toEqual([]);

  const made = (await (await request.post('/api/maps', { data: { template: 'currentJourney', locale: 'en' } })).json()) as { links: { edit: string; view: string } };
  await page.goto(made.links.edit);
  await expect(page.locator('.react-flow .card').first()).toBeVisible();
  expect(await violations(page), 'editor').toEqual([]);

  await page.getByRole('button', { name: 'Outline' }).click();
  await expect(page.getByRole('heading', { name: 'Outline of the map' })).toBeFocused();
  await page.locator('.outline-details summary').first().click();
  expect(await violations(page), 'outline').toEqual([]);

  await page.goto(made.links.view);
  await expect(page.getByText('View only')).toBeVisible();
  await expect(page.locator('.react-flow .card').first()).toBeVisible();
  expect(await violations(page), 'viewer').toEqual([]);
});
