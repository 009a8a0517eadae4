/**
 * The first slice, end to end: home page -> guidance page -> feedback sent with the keyboard
 * alone -> confirmation. And every way a feedback form can be wrong.
 */
import { expect, test } from '@playwright/test';
import { tabTo } from './keyboard.ts';

test('a parent finds a guide from the home page and says it was useful, using only the keyboard', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('First 1,001 days');

  await tabTo(page, page.getByRole('link', { name: 'Safe sleep for your baby' }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/guides\/safe-sleep$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Safe sleep for your baby');
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).toContainText('Guides');
  await expect(page.getByRole('heading', { name: 'Where this information comes from' })).toBeVisible();

  await tabTo(page, page.getByRole('radio', { name: 'Yes' }));
  await page.keyboard.press('Space');
  await expect(page.getByRole('radio', { name: 'Yes' })).toBeChecked();
  await tabTo(page, page.getByRole('textbox', { name: /How could we make this page better/ }));
  await page.keyboard.type('Clear and calm. Thank you.');
  await tabTo(page, page.getByRole('button', { name: 'Send feedback' }));
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thank you for your feedback');
  await expect(page).toHaveTitle('Thank you for your feedback - First 1,001 days');
  await expect(page.getByRole('link', { name: 'Go back to the page you were reading' })).toHaveAttribute('href', '/guides/safe-sleep');
});

test('the skip link is the first thing a keyboard user reaches, and it moves focus to the content', async ({ page }) => {
  await page.goto('/guides/vitamin-d-for-babies');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main#maincontent')).toBeFocused();
});

test('sending the form without an answer shows what to fix, keeping what was written', async ({ page }) => {
  await page.goto('/stages/baby-month-2');
  await page.getByRole('textbox', { name: /How could we make this page better/ }).fill('More about smiling');
  await page.getByRole('button', { name: 'Send feedback' }).click();

  await expect(page).toHaveTitle(/^Error: Is this page useful\?/);
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('There is a problem');
  await expect(summary.getByRole('link', { name: 'Select yes if this page was useful, or no if it was not' })).toHaveAttribute('href', '#useful');
  await expect(page.locator('#useful-error')).toContainText('Select yes if this page was useful');
  await expect(page.getByRole('textbox', { name: /How could we make this page better/ })).toHaveValue('More about smiling');

  await page.getByRole('radio', { name: 'No' }).check();
  await page.getByRole('button', { name: 'Send feedback' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thank you for your feedback');
});

const origin = (baseURL: string | undefined): string => new URL(baseURL ?? 'http://127.0.0.1').origin;

test.describe('bad feedback never causes a server error', () => {
  const cases: { name: string; contentType: string; body: string; status: number; message: RegExp }[] = [
    { name: 'an empty form', contentType: 'application/x-www-form-urlencoded', body: '', status: 400, message: /could not tell which page/ },
    { name: 'no answer', contentType: 'application/x-www-form-urlencoded', body: 'page=%2Fguides%2Fsafe-sleep', status: 400, message: /Select yes if this page was useful/ },
    {
      name: 'a 5,000-character comment',
      contentType: 'application/x-www-form-urlencoded',
      body: `page=%2Fguides%2Fsafe-sleep&useful=no&comment=${'x'.repeat(5000)}`,
      status: 400,
      message: /Your comment must be 500 characters or fewer/,
    },
    { name: 'an answer of the wrong type', contentType: 'application/x-www-form-urlencoded', body: 'page=%2F&useful=42', status: 400, message: /Select yes if this page was useful/ },
    { name: 'JSON instead of a form', contentType: 'application/json', body: '{"page":"/","useful":"yes"}', status: 400, message: /could not tell which page/ },
    { name: 'a page on another site', contentType: 'application/x-www-form-urlencoded', body: 'page=https%3A%2F%2Fevil.example&useful=yes', status: 400, message: /could not tell which page/ },
  ];

  for (const { name, contentType, body, status, message } of cases) {
    test(`${name} gets a ${status} page with a message for the person`, async ({ request, baseURL }) => {
      const response = await request.post('/feedback', { headers: { 'content-type': contentType, origin: origin(baseURL) }, data: body });
      expect(response.status()).toBe(status);
      expect(await response.text()).toMatch(message);
    });
  }

  test('a form posted from another site is refused with 403 and a message', async ({ request }) => {
    const response = await request.post('/feedback', {
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      data: 'page=%2Fguides%2Fsafe-sleep&useful=yes',
    });
    expect(response.status()).toBe(403);
    expect(await response.text()).toMatch(/not sent from a page on this website/);
  });

  test('a form posted with no origin information is refused with 403', async ({ request }) => {
    const response = await request.post('/feedback', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      data: 'page=%2Fguides%2Fsafe-sleep&useful=yes',
    });
    expect(response.status()).toBe(403);
  });

  test('visiting /feedback directly goes to the home page', async ({ page }) => {
    await page.goto('/feedback');
    await expect(page).toHaveURL(/\/$/);
  });
});
