/**
 * Signing in with an OpenID Connect provider (NHS login–ready), end to end against a real local
 * provider (oidc-provider, started by this test) and portal servers of its own configured for it:
 * sign-in making an account, signing in again to the same account, linking an identity to a
 * password account, never linking by email address, the identity-level minimum, and the attacks:
 * a forged state, a replayed return, a replayed code, and ID tokens for another audience, expired,
 * signed with the wrong key or naming another issuer.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test';
import { findFreePort } from '../../scripts/free-port.ts';
import { startPortal, type PortalServer } from './fault-servers.ts';
import { signInAtProvider, signInWithoutBrowser, startOidcProvider, subjectForLogin, type TestOidcProvider } from './oidc-provider.ts';
import { baseURL, password } from './accounts.ts';

test.describe.configure({ mode: 'serial', timeout: 120_000 });

let provider: TestOidcProvider;
let portal: PortalServer;
let strictPortal: PortalServer;
const dataDirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'portal-oidc-'));
  dataDirs.push(dir);
  return dir;
}

function oidcEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: provider.clientId,
    OIDC_PRIVATE_KEY: provider.clientPrivateKeyPem,
    OIDC_KEY_ID: provider.clientKeyId,
    OIDC_SCOPES: 'openid profile email',
    ...extra,
  };
}

test.beforeAll(async () => {
  // Two portals migrate their own databases while they start: slow on a busy 2-core machine.
  test.setTimeout(180_000);
  const [port, strictPort] = await Promise.all([findFreePort(), findFreePort()]);
  provider = await startOidcProvider({ redirectUris: [`http://127.0.0.1:${port}/account/oidc/callback`, `http://127.0.0.1:${strictPort}/account/oidc/callback`] });
  [portal, strictPortal] = await Promise.all([
    startPortal({ kind: 'pglite', dataDir: tempDir() }, port, oidcEnv()),
    // A service that shows records only to sessions vouched for at P9.
    startPortal({ kind: 'pglite', dataDir: tempDir() }, strictPort, oidcEnv({ OIDC_MINIMUM_LEVEL: 'P9' })),
  ]);
});

test.afterAll(async () => {
  await Promise.all([portal?.stop('SIGTERM'), strictPortal?.stop('SIGTERM')]);
  await provider?.stop();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

test.afterEach(() => provider.setIdTokenTamper('none'));

function post(context: APIRequestContext, server: PortalServer, pathname: string, form: Record<string, string>) {
  return context.post(pathname, { form, headers: { Origin: server.url }, maxRedirects: 0 });
}

/** Presses "Continue to NHS login": returns the provider's authorisation URL the portal sent the browser to. */
async function startAtPortal(context: APIRequestContext, server: PortalServer, returnTo = '/record'): Promise<URL> {
  const started = await post(context, server, '/account/oidc/start', { returnTo });
  expect(started.status()).toBe(303);
  const location = new URL(started.headers().location ?? '');
  expect(location.origin).toBe(provider.issuer);
  return location;
}

/** Comes back to the portal with `callback` (the provider's redirect): returns the status and where the portal sends the person. */
async function returnToPortal(context: APIRequestContext, callback: URL): Promise<{ status: number; location: string | undefined; body: string }> {
  const response = await context.get(`${callback.pathname}${callback.search}`, { maxRedirects: 0 });
  return { status: response.status(), location: response.headers().location, body: await response.text() };
}

/** A whole sign-in with the provider in a fresh context; returns the signed-in context and where it landed. */
async function signInWithProvider(server: PortalServer, login: string, returnTo = '/record') {
  const context = await playwrightRequest.newContext({ baseURL: server.url });
  const callback = await signInWithoutBrowser((await startAtPortal(context, server, returnTo)).href, login);
  const landed = await returnToPortal(context, callback);
  return { context, callback, ...landed };
}

/** A confirmed password account on `server`, signed in. */
async function passwordAccount(server: PortalServer, email: string): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL: server.url });
  expect((await post(context, server, '/account/sign-up', { email, password })).status()).toBe(200);
  const token = await waitForLinkToken(server, email);
  expect((await post(context, server, '/account/verify-email', { token })).status()).toBe(200);
  expect((await post(context, server, '/account/sign-in', { email, password, returnTo: '/record' })).status()).toBe(303);
  return context;
}

async function waitForLinkToken(server: PortalServer, email: string): Promise<string> {
  const { readdir, readFile } = await import('node:fs/promises');
  for (let tries = 0; tries < 50; tries += 1) {
    for (const file of await readdir(server.outboxDir).catch(() => [] as string[])) {
      const text = await readFile(path.join(server.outboxDir, file), 'utf8');
      const token = text.includes(`\nTo: ${email}\n`) ? /verify-email\?token=([a-z2-7]+)/.exec(text)?.[1] : undefined;
      if (token) return token;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('no confirmation email arrived');
}

async function createRecord(context: APIRequestContext, server: PortalServer, name: string): Promise<string> {
  const response = await post(context, server, '/record/new', { kind: 'child', name });
  expect(response.status()).toBe(303);
  return response.headers().location?.split('/').pop() ?? '';
}

test('the sign-in page offers NHS login only where it is configured', async ({ request }) => {
  // The main test server has no provider: no button, and the routes are not there.
  expect(await (await request.get('/account/sign-in')).text()).not.toContain('Continue to NHS login');
  expect((await request.post('/account/oidc/start', { form: { returnTo: '/record' }, headers: { Origin: baseURL }, maxRedirects: 0 })).status()).toBe(404);
  expect((await request.get('/account/oidc/callback?code=x&state=y', { maxRedirects: 0 })).status()).toBe(404);
  const configured = await playwrightRequest.newContext({ baseURL: portal.url });
  expect(await (await configured.get('/account/sign-in')).text()).toContain('Continue to NHS login');
  await configured.dispose();
});

test('a new identity makes a new account; signing in again finds the same account; the request used PKCE, state, nonce and an RS512 client assertion', async () => {
  const first = await signInWithProvider(portal, 'p9-newcomer');
  expect(first.status).toBe(303);
  expect(first.location).toBe('/account?done=account-made-with-provider');
  const authorisation = new URL(first.callback.href);
  expect(authorisation.searchParams.get('code')).toBeTruthy();
  const assertion = provider.lastClientAssertion();
  expect(assertion).toMatchObject({ clientId: provider.clientId, alg: 'RS512', kid: provider.clientKeyId });

  const account = await (await first.context.get(first.location ?? '')).text();
  expect(account).toContain('Your account has been created');
  expect(account).toContain('p9-newcomer@example.com');
  const recordId = await createRecord(first.context, portal, 'Nia');
  // An account with no password has just proved itself at the provider: it may add a second step or delete itself now.
  expect((await first.context.get('/account/two-step/set-up', { maxRedirects: 0 })).status()).toBe(200);
  expect((await first.context.get('/account/delete', { maxRedirects: 0 })).status()).toBe(200);

  const settings = await (await first.context.get('/account/nhs-login')).text();
  expect(settings).toContain('How well NHS login has checked who you are');
  expect(settings).toContain('data-identity-level="P9"');
  expect(settings).toContain('your email address');

  const sessions = await (await first.context.get('/account/sessions')).text();
  expect(sessions).toContain('NHS login');

  const again = await signInWithProvider(portal, 'p9-newcomer');
  expect(again.status).toBe(303);
  expect(again.location).toBe('/record');
  expect(await (await again.context.get(`/record/${recordId}`)).text()).toContain('Nia');
  await Promise.all([first.context.dispose(), again.context.dispose()]);
});

test('an identity is never linked by email: the same address at the provider makes a separate account, and the existing one is untouched', async () => {
  const owner = await passwordAccount(portal, 'p9-clash@example.com');
  const recordId = await createRecord(owner, portal, 'Private child');
  const stranger = await signInWithProvider(portal, 'p9-clash');
  expect(stranger.location).toBe('/account?done=account-made-with-provider');
  const account = await (await stranger.context.get('/account')).text();
  expect(account).toContain('None. You sign in with NHS login');
  expect(account).not.toContain('p9-clash@example.com');
  const peek = await stranger.context.get(`/record/${recordId}`, { maxRedirects: 0 });
  expect(peek.status()).toBe(404);
  expect(await (await stranger.context.get('/record')).text()).not.toContain('Private child');
  await Promise.all([owner.dispose(), stranger.context.dispose()]);
});

test('linking: a signed-in person confirms their password, signs in at the provider, and can then use it to sign in to the same account', async ({ browser }) => {
  const owner = await passwordAccount(portal, 'linker@example.com');
  const recordId = await createRecord(owner, portal, 'Linked child');

  const wrong = await post(owner, portal, '/account/nhs-login', { action: 'link', password: 'not my password' });
  expect(wrong.status()).toBe(400);
  expect(await wrong.text()).toContain('Your password is not right');

  const linking = await post(owner, portal, '/account/nhs-login', { action: 'link', password });
  expect(linking.status()).toBe(303);
  const callback = await signInWithoutBrowser(linking.headers().location ?? '', 'p5-linker');
  const linked = await returnToPortal(owner, callback);
  expect(linked).toMatchObject({ status: 303, location: '/account/nhs-login?done=linked' });
  expect(await (await owner.get('/account/nhs-login?done=linked')).text()).toContain('Your NHS login account is now linked');

  // In a browser, as a person would: the NHS login button, the provider's pages, and back to the record.
  const page = await (await browser.newContext({ baseURL: portal.url })).newPage();
  await page.goto(`/account/sign-in?returnTo=${encodeURIComponent(`/record/${recordId}`)}`);
  await page.getByRole('button', { name: 'Continue to NHS login' }).click();
  await signInAtProvider(page, 'p5-linker');
  await expect(page).toHaveURL(new RegExp(`/record/${recordId}$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Linked child');
  await page.context().close();

  // The same identity cannot be linked to a second account.
  const other = await passwordAccount(portal, 'second-linker@example.com');
  const secondLink = await post(other, portal, '/account/nhs-login', { action: 'link', password });
  const refused = await returnToPortal(other, await signInWithoutBrowser(secondLink.headers().location ?? '', 'p5-linker'));
  expect(refused.status).toBe(400);
  expect(refused.body).toContain('This NHS login account is linked to another account');
  expect(await (await other.get('/account/nhs-login')).text()).toContain('Link NHS login');
  await Promise.all([owner.dispose(), other.dispose()]);
});

test('a forged state is refused, and the real return then finds its attempt spent', async () => {
  const context = await playwrightRequest.newContext({ baseURL: portal.url });
  const callback = await signInWithoutBrowser((await startAtPortal(context, portal)).href, 'p9-forged');
  const forged = new URL(callback.href);
  forged.searchParams.set('state', 'attacker-chosen-state-value-that-is-long-enough');
  const answer = await returnToPortal(context, forged);
  expect(answer.status).toBe(400);
  expect(answer.body).toContain('We could not sign you in');
  expect((await context.get('/record', { maxRedirects: 0 })).status()).toBe(303);
  expect((await returnToPortal(context, callback)).status).toBe(400);
  await context.dispose();
});

test('a return without the browser that started it (login CSRF) is refused', async () => {
  const attacker = await playwrightRequest.newContext({ baseURL: portal.url });
  const callback = await signInWithoutBrowser((await startAtPortal(attacker, portal)).href, 'p9-attacker');
  // The victim's browser has no attempt cookie: the attacker's code must not sign the victim in.
  const victim = await playwrightRequest.newContext({ baseURL: portal.url });
  const answer = await returnToPortal(victim, callback);
  expect(answer.status).toBe(400);
  expect(answer.body).toContain('Your sign-in has expired');
  expect((await victim.get('/record', { maxRedirects: 0 })).status()).toBe(303);
  await Promise.all([attacker.dispose(), victim.dispose()]);
});

test('a replayed return is refused, and a replayed code is refused by the provider even with a fresh attempt', async () => {
  const first = await signInWithProvider(portal, 'p9-replay');
  expect(first.status).toBe(303);
  // The same return again, in the same browser: the attempt was used.
  expect((await returnToPortal(first.context, first.callback)).status).toBe(400);

  // A new attempt with its own state, but the old code: the provider will not exchange a code twice.
  const thief = await playwrightRequest.newContext({ baseURL: portal.url });
  const fresh = await startAtPortal(thief, portal);
  const replay = new URL(first.callback.href);
  replay.searchParams.set('state', fresh.searchParams.get('state') ?? '');
  const answer = await returnToPortal(thief, replay);
  expect(answer.status).toBe(400);
  expect(answer.body).toContain('We could not sign you in');
  expect((await thief.get('/record', { maxRedirects: 0 })).status()).toBe(303);
  expect(portal.log()).toContain('code-rejected');
  await Promise.all([first.context.dispose(), thief.dispose()]);
});

for (const tamper of ['wrong-audience', 'expired', 'wrong-key', 'wrong-issuer'] as const) {
  test(`an ID token ${tamper === 'wrong-audience' ? 'for another audience' : tamper === 'expired' ? 'that has expired' : tamper === 'wrong-key' ? 'signed with a key the provider never published' : 'naming another issuer'} is refused, and nobody is signed in`, async () => {
    provider.setIdTokenTamper(tamper);
    const attempt = await signInWithProvider(portal, `p9-${tamper}`);
    expect(attempt.status).toBe(400);
    expect(attempt.body).toContain('We could not sign you in');
    expect((await attempt.context.get('/record', { maxRedirects: 0 })).status()).toBe(303);
    expect(portal.log()).toMatch(/NHS login sign-in refused: token-rejected/);
    await attempt.context.dispose();
  });
}

test('a person who says no at the provider is told so, and is not signed in', async () => {
  const context = await playwrightRequest.newContext({ baseURL: portal.url });
  const callback = await signInWithoutBrowser((await startAtPortal(context, portal)).href, 'p9-no', { deny: true });
  const answer = await returnToPortal(context, callback);
  expect(answer.status).toBe(400);
  expect(answer.body).toContain('You did not finish signing in');
  await context.dispose();
});

test('with a P9 minimum, record pages need a session vouched for at P9: P5 and password sessions are sent to prove their identity', async () => {
  const p9 = await signInWithProvider(strictPortal, 'p9-strict');
  expect((await p9.context.get('/record', { maxRedirects: 0 })).status()).toBe(200);

  const p5 = await signInWithProvider(strictPortal, 'p5-strict');
  const held = await p5.context.get('/record', { maxRedirects: 0 });
  expect(held.status()).toBe(303);
  expect(held.headers().location).toBe('/account/nhs-login?need=level&returnTo=%2Frecord');
  expect(await (await p5.context.get(held.headers().location ?? '')).text()).toContain('you need to prove who you are with NHS login');

  const withPassword = await passwordAccount(strictPortal, 'strict-password@example.com');
  // Record data anywhere (the records, "download all my data", the calendar feed) waits for the level.
  for (const pathname of ['/record', '/account/download', '/account/calendar']) {
    expect((await withPassword.get(pathname, { maxRedirects: 0 })).headers().location, pathname).toMatch(/^\/account\/nhs-login\?need=level/);
  }
  // Account settings stay open to them, so they can link NHS login.
  expect((await withPassword.get('/account', { maxRedirects: 0 })).status()).toBe(200);
  await Promise.all([p9.context.dispose(), p5.context.dispose(), withPassword.dispose()]);
});

test('the logs name what was refused, and never a token, a code, a subject or an email address', () => {
  const log = `${portal.log()}\n${strictPortal.log()}`;
  for (const secret of ['p9-newcomer@example.com', 'p9-clash@example.com', subjectForLogin('p9-newcomer'), 'eyJ', 'code=', 'state=']) expect(log).not.toContain(secret);
});

test('when the provider cannot be reached, a plain page says so and offers the password sign-in', async () => {
  const deadPort = await findFreePort();
  const port = await findFreePort();
  const offline = await startPortal({ kind: 'pglite', dataDir: tempDir() }, port, { ...oidcEnv(), OIDC_ISSUER: `http://127.0.0.1:${deadPort}` });
  try {
    const context = await playwrightRequest.newContext({ baseURL: offline.url });
    const answer = await post(context, offline, '/account/oidc/start', { returnTo: '/record' });
    expect(answer.status()).toBe(503);
    expect(await answer.text()).toContain('NHS login is not working at the moment');
    await context.dispose();
  } finally {
    await offline.stop('SIGTERM');
  }
});
