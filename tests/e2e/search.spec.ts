/** Search: the right page first for common searches, filters that narrow, keyboard use, and a no-JavaScript fallback. */
import { expect, test, type Page } from '@playwright/test';
import { tabTo } from './keyboard.ts';

async function search(page: Page, query: string): Promise<void> {
  await page.goto('/search');
  await expect(page.getByRole('searchbox', { name: 'What are you looking for?' })).toBeEnabled();
  await page.getByRole('searchbox', { name: 'What are you looking for?' }).fill(query);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('status')).toContainText(/results? for|No results/);
}

const firstResult = (page: Page) => page.locator('#search-results li a').first();

for (const [query, path] of [
  ['MMRV', '/vaccines/mmrv-vaccine'],
  ['weaning', '/guides/starting-solid-foods'],
  ['high temperature', '/when-to-get-help/high-temperature'],
] as const) {
  test(`searching "${query}" finds ${path} first`, async ({ page }) => {
    await search(page, query);
    await expect(firstResult(page)).toHaveAttribute('href', path);
  });
}

test('a filter narrows the results', async ({ page }) => {
  await search(page, 'vaccine');
  const all = await page.locator('#search-results li').count();
  await page.getByRole('combobox', { name: 'Kind of page' }).selectOption('Vaccine');
  await expect(page.getByRole('status')).toContainText(/results? for "vaccine"/);
  await expect.poll(async () => page.locator('#search-results li').count()).toBeLessThan(all);
  const hrefs = await page.locator('#search-results li a').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
  expect(hrefs.length).toBeGreaterThan(0);
  expect(hrefs.every((href) => href?.startsWith('/vaccines/'))).toBe(true);
});

test('search works with the keyboard alone, and results are announced', async ({ page }) => {
  await page.goto('/search');
  await expect(page.getByRole('searchbox', { name: 'What are you looking for?' })).toBeEnabled();
  await tabTo(page, page.getByRole('searchbox', { name: 'What are you looking for?' }));
  await page.keyboard.type('teething');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText('for "teething"');
  await tabTo(page, firstResult(page));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(page.url()).not.toContain('teething');
});

test('the form is in place from the first paint and does not move when search is ready (no layout shift)', async ({ page }) => {
  // Hold the index back, to look at the page before search is ready.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/pagefind/pagefind.js', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/search');
  const searchbox = page.getByRole('searchbox', { name: 'What are you looking for?' });
  await expect(searchbox).toBeDisabled();
  const before = await page.locator('#search-form').boundingBox();
  const footerBefore = await page.locator('footer').boundingBox();
  release();
  await expect(searchbox).toBeEnabled();
  expect(await page.locator('#search-form').boundingBox()).toEqual(before);
  expect(await page.locator('footer').boundingBox()).toEqual(footerBefore);
});

test('if the search index cannot load, the page says so and points to the topics A to Z', async ({ page }) => {
  await page.route('**/pagefind/pagefind.js', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto('/search');
  await expect(page.getByText('Search is not working at the moment. You can find every page from the topics A to Z')).toBeVisible();
  await expect(page.locator('#search-form')).toBeHidden();
  await expect(page.getByRole('main').getByRole('link', { name: 'topics A to Z' })).toHaveAttribute('href', '/topics');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the search page points to the topics A to Z', async ({ page }) => {
    await page.goto('/search');
    await expect(page.locator('#search-form')).toBeHidden();
    // What is shown (innerText): the <noscript> message, not the hidden "not working" one.
    const shown = await page.getByRole('main').innerText();
    expect(shown).toContain('Search needs JavaScript, which is turned off in your browser. You can find every page from the topics A to Z');
    expect(shown).not.toContain('Search is not working');
    await expect(page.getByRole('main').getByRole('link', { name: 'topics A to Z' })).toHaveAttribute('href', '/topics');
  });
});
