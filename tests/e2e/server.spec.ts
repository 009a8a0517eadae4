/** What the server promises on every response, static or on demand. */
import { expect, test } from '@playwright/test';

const pages = [
  ['a static guidance page', '/guides/safe-sleep', 200],
  ['the static home page', '/', 200],
  ['the on-demand health route', '/health', 200],
  ['a page that does not exist', '/no-such-page', 404],
] as const;

for (const [name, path, status] of pages) {
  test(`${name} (${path}) carries the security headers`, async ({ request }) => {
    const response = await request.get(path);
    expect(response.status()).toBe(status);
    const headers = response.headers();
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  });
}

test('/health reports the content source, the database and the migration level, and no secrets', async ({ request }) => {
  const response = await request.get('/health');
  expect(response.headers()['cache-control']).toBe('no-store');
  const body = await response.json();
  expect(body).toEqual({
    status: 'ok',
    content: { kind: 'dataset' },
    database: { kind: 'pglite', migrations: { applied: 6, available: 6, latest: '0005_reminders' } },
  });
  // No connection string, folder path or credential (a migration may be named after tokens; that is fine).
  expect(JSON.stringify(body)).not.toMatch(/postgres(ql)?:\/\/|\.data\/|read[-_ ]?token|bearer|password/i);
});

test('guidance pages ship no JavaScript and load without console errors', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(request.url());
  });
  for (const path of ['/', '/guides/safe-sleep', '/stages/pregnancy-week-20']) {
    await page.goto(path);
    expect(await page.locator('script').count(), path).toBe(0);
  }
  expect(scripts).toEqual([]);
  expect(problems).toEqual([]);
});

test('the 404 page helps the person find their way', async ({ page }) => {
  const response = await page.goto('/guides/no-such-guide');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page.getByRole('link', { name: 'go to the home page' })).toHaveAttribute('href', '/');
});

test('a page awaiting clinical review says so, and does not claim review dates', async ({ page }) => {
  await page.goto('/guides/breastfeeding');
  await expect(page.getByText('This page is waiting for a clinical review.')).toBeVisible();
  await expect(page.getByText('Page last reviewed')).toHaveCount(0);
});

test("editors' preview answers 'Page not found' when no Sanity preview is configured, whatever the secret", async ({ request }) => {
  const response = await request.get('/preview?secret=a-guess-at-the-secret-value&type=article&slug=breastfeeding');
  expect(response.status()).toBe(404);
  expect(response.headers()['cache-control']).toBe('no-store');
  expect(await response.text()).not.toContain('Breastfeeding');
});

test('the publish webhook is not found unless CONTENT_WEBHOOK_SECRET is set, and needs no Origin header (it comes from a server)', async ({ request }) => {
  const response = await request.post('/api/content-published', { headers: { Authorization: 'Bearer anything-at-all-0123456789' } });
  expect(response.status()).toBe(404);
  expect(await response.text()).not.toContain('The form was not sent from a page on this website');
});
