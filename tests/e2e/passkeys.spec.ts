/**
 * Passkeys end to end, in Chromium with a CDP virtual authenticator (a platform authenticator that
 * keeps discoverable credentials and verifies the person): adding one from the settings page, signing
 * in with it and no password, using it as the second step after a password, and removing it. Then
 * what an attacker might try: replaying an answer, using one family's passkey at another account's
 * second step, answering a challenge we never issued, and posting garbage.
 *
 * WebAuthn refuses an IP address as the relying party, and the shared test server is served at
 * 127.0.0.1, so these tests start a portal of their own at http://localhost:<port> (SITE_URL decides
 * the relying party), seeded with two confirmed parents.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findFreePort } from '../../scripts/free-port.ts';
import { openPortalDatabase, seedFamily, seededPassword, startPortal, type PortalServer } from './fault-servers.ts';

test.describe.configure({ mode: 'serial' });

const parent = { email: 'passkey-parent@example.com', passkeyId: '' };
const otherParent = { email: 'passkey-other-parent@example.com', passkeyId: '' };

let dataDir = '';
let siteUrl = '';
let server: PortalServer | undefined;
let context: BrowserContext;
let page: Page;

async function openBrowserWithAuthenticator(browser: Browser): Promise<void> {
  context = await browser.newContext({ baseURL: siteUrl });
  page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
}

/** axe (WCAG 2.0–2.2 A and AA, plus best practice), as tests/a11y does for the other account pages. */
async function expectNoAccessibilityViolations(): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice']).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`)).toEqual([]);
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'portal-passkeys-pglite-'));
  // PGlite allows one process at a time: seed, close, then start the server.
  await seedFamily(await openPortalDatabase({ kind: 'pglite', dataDir }), { email: parent.email });
  await seedFamily(await openPortalDatabase({ kind: 'pglite', dataDir }), { email: otherParent.email });
  const port = await findFreePort();
  siteUrl = `http://localhost:${port}`;
  server = await startPortal({ kind: 'pglite', dataDir }, port, { SITE_URL: siteUrl });
  await openBrowserWithAuthenticator(browser);
});

test.afterAll(async () => {
  await context?.close();
  await server?.stop('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
});

/** Signs in with the email address and password through the real form (no JavaScript needed). Returns where the server sent the browser. */
async function signInWithPassword(email: string): Promise<string> {
  const response = await page.request.post('/account/sign-in', { form: { email, password: seededPassword, returnTo: '/account' }, headers: { Origin: siteUrl }, maxRedirects: 0 });
  expect(response.status()).toBe(303);
  return response.headers().location ?? '';
}

async function signOut(): Promise<void> {
  await page.request.post('/account/sign-out', { form: {}, headers: { Origin: siteUrl }, maxRedirects: 0 });
  await page.goto('/account/sign-in');
}

/** Where a signed-in page leaves the browser: the page itself, or the second step, or sign-in. */
async function landingOf(pathname: string): Promise<string> {
  await page.goto(pathname);
  return new URL(page.url()).pathname;
}

/** Posts from the page, as the passkey button does (same origin, so the browser sends our Origin). */
async function postFromPage(pathname: string, body: unknown, contentType = 'application/json'): Promise<{ status: number; data: Record<string, unknown> | null }> {
  return page.evaluate(
    async ({ pathname: url, body: sent, contentType: type }) => {
      const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': type }, body: typeof sent === 'string' ? sent : JSON.stringify(sent) });
      const text = await response.text();
      try {
        return { status: response.status, data: JSON.parse(text) as Record<string, unknown> };
      } catch {
        return { status: response.status, data: null };
      }
    },
    { pathname, body, contentType },
  );
}

/**
 * In the page: gets a challenge from `mode`'s options endpoint (or uses `challenge`, one we never
 * issued), lets the virtual authenticator answer it (with `credentialId` when given: the authenticator
 * holds both parents' passkeys), and returns the answer as @simplewebauthn/browser would post it.
 */
async function answerChallenge(options: { mode: 'sign-in' | 'second-step'; credentialId?: string; challenge?: string }): Promise<Record<string, unknown>> {
  return page.evaluate(async ({ mode, credentialId, challenge }) => {
    const toBytes = (text: string) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=')), (character) => character.charCodeAt(0));
    const toText = (buffer: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(buffer))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    let issued = challenge;
    let allow = credentialId ? [credentialId] : [];
    if (!issued) {
      const answer = await fetch(`/account/passkey/${mode}/options`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      if (answer.status !== 200) throw new Error(`The ${mode} options answered ${answer.status}`);
      const data = (await answer.json()) as { options: { challenge: string; allowCredentials?: { id: string }[] } };
      issued = data.options.challenge;
      if (!credentialId) allow = (data.options.allowCredentials ?? []).map((credential) => credential.id);
    }
    const credential = (await navigator.credentials.get({
      publicKey: { challenge: toBytes(issued), rpId: location.hostname, userVerification: 'required', allowCredentials: allow.map((id) => ({ type: 'public-key' as const, id: toBytes(id) })) },
    })) as PublicKeyCredential;
    const response = credential.response as AuthenticatorAssertionResponse;
    return {
      id: credential.id,
      rawId: toText(credential.rawId),
      type: credential.type,
      clientExtensionResults: {},
      response: {
        clientDataJSON: toText(response.clientDataJSON),
        authenticatorData: toText(response.authenticatorData),
        signature: toText(response.signature),
        ...(response.userHandle ? { userHandle: toText(response.userHandle) } : {}),
      },
    };
  }, options);
}

/** Adds a passkey through the settings page and its button; returns the new passkey's id (from its Remove form). */
async function addPasskeyFromSettings(): Promise<string> {
  await page.goto('/account/passkeys');
  await expect(page.getByText('You have not added a passkey yet.')).toBeVisible();
  const button = page.getByRole('button', { name: 'Add a passkey' });
  await expect(button).toBeEnabled();
  await expectNoAccessibilityViolations();
  // The first passkey turns on two-step verification, so the password is asked for first.
  // Errors are said in the live region beside the button.
  const status = page.locator('[data-passkey-status]');
  await button.click();
  await expect(status).toHaveText('Error: Enter your password');
  await page.getByLabel('Your password').fill('not my password at all');
  await button.click();
  await expect(status).toHaveText('Error: Your password is not right');
  await expectNoAccessibilityViolations();
  await page.getByLabel('Your password').fill(seededPassword);
  await button.click();
  await page.waitForURL('**/account/passkeys?done=added');
  await expect(page.getByText('Your passkey has been added. You can now use it to sign in.')).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: 'Chrome on Linux' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Not used yet');
  // Two-step verification is now on, and no recovery codes have been made yet.
  await expect(page.getByRole('link', { name: 'Make recovery codes' })).toHaveAttribute('href', '/account/two-step/recovery-codes');
  await expectNoAccessibilityViolations();
  return (await page.locator('form[action="/account/passkeys"] input[name="passkey"]').getAttribute('value')) ?? '';
}

test('a parent adds a passkey from their settings, and adding it counts as this session’s second step', async () => {
  expect(await signInWithPassword(parent.email)).toBe('/account');
  parent.passkeyId = await addPasskeyFromSettings();
  expect(parent.passkeyId).toMatch(/^[A-Za-z0-9_-]+$/);
  expect(await landingOf('/account')).toBe('/account');
});

test('after signing out, the parent signs in with the passkey and no password', async () => {
  await signOut();
  expect(await landingOf('/account')).toBe('/account/sign-in');
  await page.goto('/account/sign-in?returnTo=%2Faccount');
  const button = page.getByRole('button', { name: 'Sign in with a passkey' });
  if ((await button.count()) > 0) {
    test.info().annotations.push({ type: 'path', description: 'the sign-in page’s passkey button' });
    await expect(button).toBeEnabled();
    await button.click();
    await page.waitForURL(/\/(account|record)$/);
  } else {
    test.info().annotations.push({ type: 'path', description: 'the sign-in endpoints (the sign-in page has no passkey button yet)' });
    const answer = await postFromPage('/account/passkey/sign-in/verify', { response: await answerChallenge({ mode: 'sign-in' }), returnTo: '/account' });
    expect(answer).toEqual({ status: 200, data: { redirect: '/account' } });
  }
  // Signed in, and through the second step too: the passkey was both.
  expect(await landingOf('/account')).toBe('/account');
  expect(await landingOf('/record')).toBe('/record');
  await page.goto('/account/passkeys');
  await expect(page.getByRole('row').filter({ hasText: 'Chrome on Linux' })).not.toContainText('Not used yet');
});

test('a password sign-in then asks for the second step, which the passkey passes', async () => {
  await signOut();
  await signInWithPassword(parent.email);
  expect(await landingOf('/account')).toBe('/account/two-step');
  const button = page.getByRole('button', { name: 'Use a passkey' });
  if ((await button.count()) > 0) {
    test.info().annotations.push({ type: 'path', description: 'the two-step page’s passkey button' });
    await expect(button).toBeEnabled();
    await button.click();
    await page.waitForURL(/\/(account|record)$/);
  } else {
    test.info().annotations.push({ type: 'path', description: 'the second-step endpoints (the two-step page has no passkey button yet)' });
    const answer = await postFromPage('/account/passkey/second-step/verify', { response: await answerChallenge({ mode: 'second-step' }), returnTo: '/account' });
    expect(answer).toEqual({ status: 200, data: { redirect: '/account' } });
  }
  expect(await landingOf('/account')).toBe('/account');
});

test('a replayed answer is refused, at sign-in and at the second step', async () => {
  const secondStep = await answerChallenge({ mode: 'second-step' });
  expect((await postFromPage('/account/passkey/second-step/verify', { response: secondStep })).status).toBe(200);
  expect(await postFromPage('/account/passkey/second-step/verify', { response: secondStep })).toEqual({
    status: 400,
    data: { message: 'This passkey request has already been used or did not come from us. Try again' },
  });

  await signOut();
  const signIn = await answerChallenge({ mode: 'sign-in', credentialId: parent.passkeyId });
  expect(await postFromPage('/account/passkey/sign-in/verify', { response: signIn })).toEqual({ status: 200, data: { redirect: '/record' } });
  await signOut();
  expect(await postFromPage('/account/passkey/sign-in/verify', { response: signIn })).toEqual({
    status: 400,
    data: { message: 'This passkey request has already been used or did not come from us. Try again' },
  });
  expect(await landingOf('/account')).toBe('/account/sign-in');
});

test('one parent’s passkey is refused at another account’s second step', async () => {
  // The other parent adds a passkey of their own (on the same device), which turns on their second step.
  await signOut();
  await signInWithPassword(otherParent.email);
  otherParent.passkeyId = await addPasskeyFromSettings();
  expect(otherParent.passkeyId).not.toBe(parent.passkeyId);

  await signOut();
  // An answer to a sign-in challenge (which names no account), made as a visitor before signing in.
  const signInAnswer = await answerChallenge({ mode: 'sign-in', credentialId: parent.passkeyId });
  await signInWithPassword(otherParent.email);
  expect(await landingOf('/account')).toBe('/account/two-step');
  // The other parent's challenge, answered with the first parent's passkey.
  const borrowed = await answerChallenge({ mode: 'second-step', credentialId: parent.passkeyId });
  expect(await postFromPage('/account/passkey/second-step/verify', { response: borrowed, returnTo: '/account' })).toEqual({
    status: 400,
    data: { message: 'We do not recognise this passkey. Try another passkey, or sign in another way' },
  });
  // The sign-in answer is no good as a second step either.
  expect((await postFromPage('/account/passkey/second-step/verify', { response: signInAnswer })).status).toBe(400);
  expect(await landingOf('/account')).toBe('/account/two-step');
  // Their own passkey works.
  const own = await answerChallenge({ mode: 'second-step', credentialId: otherParent.passkeyId });
  expect(await postFromPage('/account/passkey/second-step/verify', { response: own, returnTo: '/account' })).toEqual({ status: 200, data: { redirect: '/account' } });
  expect(await landingOf('/account')).toBe('/account');
});

test('an answer to a challenge we never issued, or with no challenge, is refused', async () => {
  await signOut();
  const invented = await answerChallenge({ mode: 'sign-in', credentialId: parent.passkeyId, challenge: 'bm90LWEtY2hhbGxlbmdlLXdlLWlzc3VlZC1ldmVyLTEyMzQ' });
  expect(await postFromPage('/account/passkey/sign-in/verify', { response: invented })).toEqual({
    status: 400,
    data: { message: 'This passkey request has already been used or did not come from us. Try again' },
  });
  const real = await answerChallenge({ mode: 'sign-in', credentialId: parent.passkeyId });
  const withoutChallenge = { ...real, response: { ...(real.response as Record<string, string>), clientDataJSON: Buffer.from('{"type":"webauthn.get","origin":"x"}').toString('base64url') } };
  expect((await postFromPage('/account/passkey/sign-in/verify', { response: withoutChallenge })).status).toBe(400);
  expect(await landingOf('/account')).toBe('/account/sign-in');
});

test('garbage answers 400 with a message, never a server error', async () => {
  await signInWithPassword(parent.email);
  const answer = await answerChallenge({ mode: 'second-step' });
  expect((await postFromPage('/account/passkey/second-step/verify', { response: answer })).status).toBe(200);
  const bodies: readonly [string, unknown, string?][] = [
    ['text', 'not json at all', 'text/plain'],
    ['a form', 'response=abc&returnTo=%2Frecord', 'application/x-www-form-urlencoded'],
    ['broken JSON', '{"response":', 'application/json'],
    ['null', null],
    ['an empty object', {}],
    ['a response of the wrong shape', { response: { id: 1, response: 'x' } }],
    ['a response with a hostile id', { response: { ...answer, id: "' or 1=1 --", rawId: "' or 1=1 --" } }],
    ['a very long body', { response: 'a'.repeat(100 * 1024) }],
  ];
  for (const endpoint of ['sign-in/verify', 'second-step/verify', 'registration/verify']) {
    for (const [name, body, type] of bodies) {
      const result = await postFromPage(`/account/passkey/${endpoint}`, body, type);
      expect(result.status, `${endpoint} with ${name}`).toBe(400);
      expect(typeof result.data?.message, `${endpoint} with ${name} says why`).toBe('string');
    }
  }
  for (const endpoint of ['sign-in/options', 'second-step/options', 'registration/options']) {
    for (const [name, body, type] of bodies) {
      const result = await postFromPage(`/account/passkey/${endpoint}`, body, type);
      expect(result.status, `${endpoint} with ${name}`).toBeLessThan(500);
    }
  }
  for (const endpoint of ['sign-in/options', 'sign-in/verify', 'second-step/options', 'second-step/verify', 'registration/options', 'registration/verify']) {
    const response = await page.request.get(`/account/passkey/${endpoint}?returnTo=%2F%2Fevil.example`, { maxRedirects: 0 });
    expect(response.status(), `GET ${endpoint}`).toBe(405);
    expect(((await response.json()) as { message?: unknown }).message).toEqual(expect.any(String));
  }
});

test('removing the passkey: another account’s cannot be removed, and a removed one no longer signs in', async () => {
  await page.goto('/account/passkeys');
  const remove = page.getByRole('button', { name: /^Remove passkey 1, Chrome on Linux$/ });
  // The other parent's passkey id, sent from this account's Remove button, does nothing.
  await page.locator('input[name="passkey"]').evaluate((input, id) => ((input as HTMLInputElement).value = id), otherParent.passkeyId);
  const refused = page.waitForResponse((response) => response.url().endsWith('/account/passkeys') && response.request().method() === 'POST');
  await remove.click();
  expect((await refused).status()).toBe(400);
  await expect(page).toHaveTitle(/^Error: Passkeys/);
  await expect(page.getByRole('alert').getByRole('link', { name: 'We could not find that passkey. It may have been removed already' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Chrome on Linux' })).toHaveCount(1);
  await expectNoAccessibilityViolations();

  await remove.click();
  await page.waitForURL('**/account/passkeys?done=removed');
  await expect(page.getByText('Your passkey has been removed.')).toBeVisible();
  await expect(page.getByText('You have not added a passkey yet.')).toBeVisible();

  await signOut();
  // The device still holds the passkey, but the portal no longer knows it.
  const stale = await answerChallenge({ mode: 'sign-in', credentialId: parent.passkeyId });
  expect(await postFromPage('/account/passkey/sign-in/verify', { response: stale })).toEqual({
    status: 400,
    data: { message: 'We do not recognise this passkey. Try another passkey, or sign in another way' },
  });
  // With no passkey left, two-step verification is off again: the password alone signs in.
  await signInWithPassword(parent.email);
  expect(await landingOf('/account')).toBe('/account');

  // The other parent's passkey is untouched and still signs them in.
  await signOut();
  const stillThere = await answerChallenge({ mode: 'sign-in', credentialId: otherParent.passkeyId });
  expect((await postFromPage('/account/passkey/sign-in/verify', { response: stillThere, returnTo: '/account' })).status).toBe(200);
  expect(await landingOf('/account')).toBe('/account');
});
