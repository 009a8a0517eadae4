/** What the server promises on every response, static or on demand. */
import { expect, test } from '@playwright/test';
import { get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

const pages = [
  ['a static guidance page', '/guides/safe-sleep', 200],
  ['the static home page', '/', 200],
  ['the on-demand health route', '/health', 200],
  ['the on-demand liveness route', '/health/live', 200],
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
    database: { kind: 'pglite', migrations: { applied: 7, available: 7, latest: '0006_two_step_passkeys_and_oidc' } },
  });
  // No connection string, folder path or credential (a migration may be named after tokens; that is fine).
  expect(JSON.stringify(body)).not.toMatch(/postgres(ql)?:\/\/|\.data\/|read[-_ ]?token|bearer|password/i);
});

test('/health/live answers a fixed "ok" that is never cached, and says nothing about the database', async ({ request }) => {
  const response = await request.get('/health/live');
  expect(response.headers()['cache-control']).toBe('no-store');
  expect(response.headers()['content-type']).toBe('application/json; charset=utf-8');
  expect(await response.json()).toEqual({ status: 'ok' });
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

/** A raw GET (no automatic decompression): status, headers and the bytes as sent. */
function getRaw(path: string, headers: Record<string, string>): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = httpGet(new URL(path, `http://127.0.0.1:${process.env.E2E_PORT ?? 4399}`), { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    request.on('error', reject);
  });
}

test.describe('built pages and assets are sent compressed to browsers that accept it', () => {
  const stylesheet = /href="(\/_astro\/[^"]+\.css)"/;
  for (const [name, acceptEncoding, expected] of [
    ['brotli when offered first', 'br, gzip', 'br'],
    ['brotli when offered at all', 'gzip, deflate, br', 'br'],
    ['gzip when brotli is refused', 'br;q=0, gzip', 'gzip'],
    ['gzip when it is all that is offered', 'gzip', 'gzip'],
    ['as built when nothing is offered', '', undefined],
    ['as built when only an unknown encoding is offered', 'zstd', undefined],
  ] as const) test(`${name} (Accept-Encoding: "${acceptEncoding}")`, async () => {
    const page = await getRaw('/guides/safe-sleep', { 'Accept-Encoding': acceptEncoding });
    const css = await getRaw(stylesheet.exec(decode(page))?.[1] ?? '', { 'Accept-Encoding': acceptEncoding });
    for (const response of [page, css]) {
      expect(response.status).toBe(200);
      expect(response.headers['content-encoding']).toBe(expected);
      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    }
    expect(decode(page)).toContain('<h1');
    expect(decode(css).length).toBeGreaterThan(100_000);
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    if (expected) expect(page.headers.vary).toBe('Accept-Encoding');

    function decode(response: { headers: IncomingHttpHeaders; body: Buffer }): string {
      const encoding = response.headers['content-encoding'];
      return (encoding === 'br' ? brotliDecompressSync(response.body) : encoding === 'gzip' ? gunzipSync(response.body) : response.body).toString('utf8');
    }
  });

  test('a compressed page answers 304 to its own ETag, and a HEAD has no body', async () => {
    const first = await getRaw('/', { 'Accept-Encoding': 'br' });
    const again = await getRaw('/', { 'Accept-Encoding': 'br', 'If-None-Match': String(first.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  for (const [name, path] of [
    ['a path that climbs out of the site', '/..%2f..%2fpackage.json'],
    ['a hidden file', '/.env'],
    ['an encoded NUL', '/index%00.html'],
    ['a badly encoded path', '/%E0%A4%A'],
  ] as const) test(`${name} is never served from the disk (${path})`, async () => {
    const response = await getRaw(path, { 'Accept-Encoding': 'br, gzip' });
    expect([400, 404], `answered ${response.status}`).toContain(response.status);
    expect(response.body.toString('utf8')).not.toContain('"dependencies"');
  });
});
