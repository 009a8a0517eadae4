/**
 * Hostile input on every form under /record and /account: forms sent from another site, oversize
 * bodies, the wrong content type, repeated and file fields, and markup in names. Each gets an answer
 * a person can act on, never a server error, and nothing is stored or sent.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { baseURL, createConfirmedAccount, createRecordFor, listEmailsTo, postForm } from './accounts.ts';
import { findSignedInRouteFiles, routeFileToUrl } from './routes.ts';

/**
 * Routes that read no form (they end the session, remove the person, or only answer GET): only the
 * cross-origin case applies.
 */
const bodylessRoutes = new Set(['account/download.ts', 'record/[recordId]/download.ts', 'account/sign-out.astro', 'account/sign-out-everywhere.ts', 'record/[recordId]/leave.astro']);



test.describe.serial('hostile input', () => {
  let owner: { context: APIRequestContext; email: string };
  let recordId = '';
  let before = '';
  let emailsBefore = 0;

  /** The owner's data, without the moment it was exported. */
  async function snapshot(): Promise<string> {
    const data = await (await owner.context.get('/account/download')).json();
    delete data.exportedAt;
    return JSON.stringify(data);
  }

  test.beforeAll(async () => {
    owner = await createConfirmedAccount('hostile-owner');
    recordId = await createRecordFor(owner.context, 'Hostilechild');
    before = await snapshot();
    emailsBefore = (await listEmailsTo(owner.email)).length;
  });

  const hostileBodies: readonly [string, (url: string) => Parameters<APIRequestContext['post']>[1]][] = [
    ['an oversize body (200 KB)', () => ({ form: { note: 'x'.repeat(200_000), name: 'x'.repeat(200_000), email: 'x' } })],
    ['JSON instead of a form', () => ({ data: { note: 'hi', kind: 'child', name: 'Eve' }, headers: { 'Content-Type': 'application/json' } })],
    ['plain text', () => ({ data: 'note=hi&kind=child&name=Eve', headers: { 'Content-Type': 'text/plain' } })],
    ['a file where text belongs', () => ({ multipart: { note: { name: 'a.txt', mimeType: 'text/plain', buffer: Buffer.from('hi') }, name: { name: 'n.txt', mimeType: 'text/plain', buffer: Buffer.from('Eve') } } })],
    ['repeated fields', () => ({ data: 'kind=child&kind=pregnancy&name=Eve&name=Ada&note=a&note=b&email=a@example.com&email=b@example.com', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })],
    ['a malformed multipart body', () => ({ data: '--x\r\nbroken', headers: { 'Content-Type': 'multipart/form-data; boundary=x' } })],
  ];

  for (const route of findSignedInRouteFiles()) {
    test(`${route}: a form from another site is refused and changes nothing`, async () => {
      const response = await owner.context.post(routeFileToUrl(route, recordId), { form: { note: 'x', kind: 'child', name: 'Eve', confirm: 'yes' }, headers: { Origin: 'https://evil.example' }, maxRedirects: 0 });
      expect(response.status()).toBe(403);
      expect(await response.text()).toContain('The form was not sent from a page on this website');
    });
    if (bodylessRoutes.has(route)) continue;
    for (const [name, body] of hostileBodies) {
      test(`${route}: ${name} gets a message, never a server error`, async () => {
        const url = routeFileToUrl(route, recordId);
        const response = await owner.context.post(url, { ...body(url), headers: { Origin: baseURL, ...(body(url)?.headers ?? {}) }, maxRedirects: 0 });
        expect(response.status(), `${route} answered ${response.status()}`).toBeLessThan(500);
        // Pages say what happened in a heading; JSON endpoints (passkeys) in a message.
        if (response.status() >= 400 && (response.headers()['content-type'] ?? '').includes('application/json')) expect((await response.json()) as unknown).toMatchObject({ message: expect.stringMatching(/\S/) });
        else if (response.status() >= 400) expect(await response.text()).toMatch(/<h1[^>]*>[^<]+/);
      });
    }
  }

  test.describe('markup and tricks in names and fields', () => {
    for (const [name, form, message] of [
      ['a script tag as a record name', { kind: 'child', name: '<script>alert(1)</script>' }, 'Name must only include letters, spaces, hyphens, apostrophes and full stops'],
      ['a name that tries to close the attribute it is echoed in', { kind: 'child', name: '"><script>alert(1)</script>' }, 'Name must only include letters, spaces, hyphens, apostrophes and full stops'],
      ['an image tag as a record name', { kind: 'child', name: '<img src=x onerror=alert(1)>' }, 'Name must only include letters, spaces, hyphens, apostrophes and full stops'],
      ['SQL in a record name', { kind: 'child', name: "Robert'); DROP TABLE records;--" }, 'Name must only include letters, spaces, hyphens, apostrophes and full stops'],
      ['an unknown record kind', { kind: 'adult', name: 'Eve' }, 'Select whether this record is for a child or a pregnancy'],
    ] as const) {
      test(`${name} is turned back with a message and not stored`, async () => {
        const response = await postForm(owner.context, '/record/new', form);
        expect(response.status()).toBe(400);
        const html = await response.text();
        expect(html).toContain(message);
        // What was typed is echoed back only inside a quoted value attribute, with quotes escaped.
        const outsideValues = html.replace(/ value="[^"]*"/g, '');
        expect(outsideValues).not.toMatch(/<script>alert|<img src=x|DROP TABLE/);
        expect(html).not.toContain('"><script>');
      });
    }

    test('an invitation to a script "address" is turned back', async () => {
      const response = await postForm(owner.context, `/record/${recordId}/sharing`, { email: '"><script>alert(1)</script>@example.com', role: 'carer' });
      expect(response.status()).toBe(400);
      expect(await response.text()).toContain('Enter an email address in the correct format, like name@example.com');
    });
  });

  test('after all of that, nothing was stored and no email was sent', async () => {
    expect(await snapshot()).toBe(before);
    expect((await listEmailsTo(owner.email)).length).toBe(emailsBefore);
  });

  test('a note with markup is stored as text and shown as text, never run', async ({ page }) => {
    await postForm(owner.context, `/record/${recordId}/notes`, { note: '<script>window.pwned = 1</script><b>bold?</b>' });
    await page.context().addCookies((await owner.context.storageState()).cookies);
    await page.goto(`/record/${recordId}/notes`);
    await expect(page.getByText('<script>window.pwned = 1</script><b>bold?</b>')).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    await expect(page.locator('main b')).toHaveCount(0);
  });
});
