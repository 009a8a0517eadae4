/**
 * Accessibility over the production build: axe (WCAG 2.0, 2.1 and 2.2 A and AA, plus best
 * practice) on every URL in the built sitemap, on the feedback error state and on the 404 and 500 pages.
 * Zero violations. Any rule ever disabled here must say why, with a link.
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const sitemap = readFileSync(new URL('../../dist/client/sitemap.xml', import.meta.url), 'utf8');
const paths = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1] ?? '/').pathname);

const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice'];

async function expectNoViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(tags).analyze();
  const summary = results.violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
  expect(summary).toEqual([]);
}

test('the sitemap lists the home page and every guidance page', () => {
  expect(paths).toContain('/');
  expect(paths.filter((path) => path.startsWith('/guides/') || path.startsWith('/stages/')).length).toBeGreaterThanOrEqual(5);
});

for (const path of paths) {
  test(`${path} has no accessibility violations`, async ({ page }) => {
    await page.goto(path);
    await expectNoViolations(page);
  });
}

test('the feedback error state has no accessibility violations', async ({ page }) => {
  await page.goto('/guides/safe-sleep');
  await page.getByRole('textbox', { name: /How could we make this page better/ }).fill('x'.repeat(501));
  await page.getByRole('button', { name: 'Send feedback' }).click();
  await expect(page).toHaveTitle(/^Error:/);
  await expectNoViolations(page);
});

test('search results have no accessibility violations', async ({ page }) => {
  await page.goto('/search');
  await page.getByRole('searchbox', { name: 'What are you looking for?' }).fill('sleep');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('status')).toContainText('results for "sleep"');
  await expectNoViolations(page);
});

test('the "find the right page" form and its error state have no accessibility violations', async ({ page }) => {
  await page.goto('/find-your-stage');
  await expectNoViolations(page);
  await page.locator('#birth-day').fill('31');
  await page.locator('#birth-month').fill('2');
  await page.locator('#birth-year').fill('2026');
  await page.getByRole('button', { name: "Show my baby's stage" }).click();
  await expect(page).toHaveTitle(/^Error:/);
  await expectNoViolations(page);
  await page.locator('#pregnancy-due-year').fill('1999');
  await page.getByRole('button', { name: 'Show my week of pregnancy' }).click();
  await expect(page.locator('#pregnancy-due-error')).toBeVisible();
  await expectNoViolations(page);
});

test('the component gallery (every component in every fixture state) has no accessibility violations', async ({ page }) => {
  await page.goto('/design/components');
  await expect(page.locator('[data-fixture]')).toHaveCount(9);
  await expectNoViolations(page);
});

test('the 404 page has no accessibility violations', async ({ page }) => {
  await page.goto('/no-such-page');
  await expectNoViolations(page);
});

test('the 500 page (something unexpected went wrong) has no accessibility violations', async ({ page }) => {
  await page.goto('/500');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sorry, there is a problem with the service');
  await expectNoViolations(page);
});
