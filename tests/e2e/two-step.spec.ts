/**
 * Two-step verification and signed-in sessions end to end in Chromium: setting up an authenticator
 * app, the second step at sign-in (and everything else held back until it is passed), recovery codes,
 * the attacks a second step must stand up to (a replayed code, guessing, a code for another account,
 * skipping the step), and ending a session on another device.
 */
import { expect, request as playwrightRequest, test, type APIRequestContext, type Page } from '@playwright/test';
import { generateTotpCode, secondStepRateLimit } from '../../src/auth/two-step.ts';
import { baseURL, createConfirmedAccount, createRecordFor, password, postForm } from './accounts.ts';

/** A code the app will show in `offsetSteps` time steps from now (one ahead is accepted, for a clock a little fast). */
function codeFor(secret: string, offsetSteps = 0): string {
  return generateTotpCode(secret, new Date(Date.now() + offsetSteps * 30_000));
}

async function signInWithPage(page: Page, email: string) {
  await page.goto('/account/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Turns on the app for the account signed in on `page`, returning the secret and the recovery codes. */
async function setUpApp(page: Page): Promise<{ secret: string; recoveryCodes: string[] }> {
  await page.goto('/account');
  await page.getByRole('link', { name: 'Set up an authenticator app' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Set up an authenticator app');
  await expect(page.getByRole('img', { name: /QR code for your authenticator app/ })).toBeVisible();
  const secret = ((await page.locator('#setup-key').textContent()) ?? '').replaceAll(' ', '');
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await page.getByLabel('Security code').fill(codeFor(secret));
  await page.getByLabel('Your password').fill(password);
  await page.getByRole('button', { name: 'Turn on two-step verification' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Two-step verification is on');
  const recoveryCodes = await page.getByRole('list', { name: 'Your recovery codes' }).getByRole('listitem').allTextContents();
  expect(recoveryCodes).toHaveLength(10);
  return { secret, recoveryCodes: recoveryCodes.map((code) => code.trim()) };
}

/** Signs in with the password only, through the form, in a fresh API context: the session waits at the second step. */
async function passwordOnlySession(email: string): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL });
  const response = await postForm(context, '/account/sign-in', { email, password, returnTo: '/record' });
  expect(response.status()).toBe(303);
  expect(response.headers().location).toBe('/account/two-step?returnTo=%2Frecord');
  return context;
}

test('setting up an app, then signing in needs its code; nothing is reachable before it', async ({ page }) => {
  const { email, context } = await createConfirmedAccount('two-step');
  const recordId = await createRecordFor(context, 'Ada');
  await signInWithPage(page, email);
  await expect(page).toHaveURL(/\/record$/);

  // Setting up asks for a code the app shows and the password; a wrong code changes nothing.
  await page.goto('/account/two-step/set-up');
  await page.getByLabel('Security code').fill('000000');
  await page.getByLabel('Your password').fill(password);
  await page.getByRole('button', { name: 'Turn on two-step verification' }).click();
  await expect(page).toHaveTitle(/^Error: Set up an authenticator app/);
  await expect(page.getByRole('alert').getByRole('link', { name: /The code is not right/ })).toBeVisible();
  await page.goto('/account');
  await expect(page.locator('.nhsuk-summary-list__row', { hasText: 'Authenticator app' })).toContainText('Off');

  const { secret } = await setUpApp(page);
  await page.goto('/account');
  await expect(page.locator('.nhsuk-summary-list__row', { hasText: 'Authenticator app' })).toContainText('On');
  await expect(page.locator('.nhsuk-summary-list__row', { hasText: 'Recovery codes' })).toContainText('10 left');

  // A session started with only the password can reach nothing but the second step and signing out.
  const pending = await passwordOnlySession(email);
  for (const path of ['/record', `/record/${recordId}`, `/record/${recordId}/timeline`, '/account', '/account/download', '/account/sessions', '/account/two-step/set-up', '/account/passkeys']) {
    const response = await pending.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(303);
    expect(response.headers().location, path).toMatch(/^\/account\/two-step\?returnTo=/);
  }
  for (const path of ['/record/new', `/record/${recordId}/notes`, '/account/two-step/turn-off', '/account/sessions']) {
    const response = await postForm(pending, path, { kind: 'child', name: 'Intruder', body: 'x' });
    expect(response.status(), path).toBe(303);
    expect(response.headers().location, path).toMatch(/^\/account\/two-step\?returnTo=/);
  }

  // In the browser: sign out, sign in, and the second step comes before the records.
  await page.goto('/account/sign-out');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signInWithPage(page, email);
  await expect(page).toHaveURL(/\/account\/two-step\?returnTo=%2Frecord$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Enter your security code');
  await page.getByLabel('Security code').fill('123');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveTitle(/^Error: Enter your security code/);
  await expect(page.getByLabel('Security code')).toHaveAttribute('aria-describedby', /code-error/);
  // The code for the next 30 seconds is accepted (clocks drift); the set-up used this one.
  // Kept, so the replay below sends exactly this code even if a 30-second step has passed meanwhile.
  const usedCode = codeFor(secret, 1);
  await page.getByLabel('Security code').fill(usedCode);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/record$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your records');

  // The same code again, for the waiting session, is refused: a code seen over a shoulder is spent.
  const replay = await postForm(pending, '/account/two-step', { code: usedCode, returnTo: '/record' });
  expect(replay.status()).toBe(400);
  expect(await replay.text()).toContain('The code is not right');
  expect((await pending.get('/record', { maxRedirects: 0 })).status()).toBe(303);
  await pending.dispose();
});

test('recovery codes work once each, and a code is only good for its own account', async ({ page }) => {
  const { email } = await createConfirmedAccount('recovery');
  await signInWithPage(page, email);
  const { secret, recoveryCodes } = await setUpApp(page);
  const other = await createConfirmedAccount('recovery-other');

  const first = await passwordOnlySession(email);
  const used = await postForm(first, '/account/two-step', { code: (recoveryCodes[0] ?? '').toUpperCase(), returnTo: '/record' });
  expect(used.status()).toBe(303);
  expect(used.headers().location).toBe('/account/two-step/recovery-codes?left=9&returnTo=%2Frecord');
  const left = await first.get(used.headers().location ?? '');
  expect(await left.text()).toContain('9 recovery codes');
  expect((await first.get('/record', { maxRedirects: 0 })).status()).toBe(200);

  const second = await passwordOnlySession(email);
  const again = await postForm(second, '/account/two-step', { code: recoveryCodes[0] ?? '', returnTo: '/record' });
  expect(again.status()).toBe(400);
  expect(await again.text()).toContain('has been used');

  // This account's app code and recovery code do nothing for another account with two-step on.
  const otherPage = await page.context().browser()?.newPage();
  if (!otherPage) throw new Error('no second page');
  await signInWithPage(otherPage, other.email);
  await setUpApp(otherPage);
  const otherPending = await passwordOnlySession(other.email);
  for (const code of [codeFor(secret, 1), recoveryCodes[1] ?? '']) {
    const response = await postForm(otherPending, '/account/two-step', { code, returnTo: '/record' });
    expect(response.status()).toBe(400);
  }
  await Promise.all([first.dispose(), second.dispose(), otherPending.dispose(), otherPage.close()]);
});

test(`guessing: after ${secondStepRateLimit.attempts} wrong codes the right one has to wait`, async ({ page }) => {
  const { email } = await createConfirmedAccount('guessing');
  await signInWithPage(page, email);
  const { secret } = await setUpApp(page);
  const pending = await passwordOnlySession(email);
  for (let attempt = 0; attempt < secondStepRateLimit.attempts; attempt += 1) {
    expect((await postForm(pending, '/account/two-step', { code: String(100000 + attempt), returnTo: '/record' })).status()).toBe(400);
  }
  const blocked = await postForm(pending, '/account/two-step', { code: codeFor(secret, 1), returnTo: '/record' });
  expect(blocked.status()).toBe(429);
  expect(await blocked.text()).toContain('You have tried too many times. Wait 15 minutes and try again');
  await pending.dispose();
});

test('turning the app off: sign-in needs only the password again, and old recovery codes stop working', async ({ page }) => {
  const { email } = await createConfirmedAccount('turn-off');
  await signInWithPage(page, email);
  const { recoveryCodes } = await setUpApp(page);
  await page.goto('/account');
  await page.getByRole('link', { name: 'Turn off authenticator app' }).click();
  await page.getByRole('button', { name: 'Turn off' }).click();
  await expect(page.getByText('Your authenticator app has been turned off.')).toBeVisible();
  const context = await playwrightRequest.newContext({ baseURL });
  const signedIn = await postForm(context, '/account/sign-in', { email, password, returnTo: '/record' });
  expect(signedIn.headers().location).toBe('/record');
  // With two-step off, the second-step page just carries on, and a recovery code does nothing.
  const carryOn = await postForm(context, '/account/two-step', { code: recoveryCodes[0] ?? '', returnTo: '/record' });
  expect(carryOn.status()).toBe(303);
  expect(carryOn.headers().location).toBe('/record');
  await context.dispose();
});

test('where you are signed in: each device is listed and can be signed out; another account\'s session cannot be touched', async ({ page }) => {
  const { email, context: laptop } = await createConfirmedAccount('sessions');
  const stranger = await createConfirmedAccount('sessions-stranger');
  await signInWithPage(page, email);
  await page.goto('/account');
  await page.getByRole('link', { name: 'See where you are signed in' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Where you are signed in');
  const rows = page.getByRole('table').getByRole('row');
  // The header, the API context's session and this browser's.
  await expect(rows).toHaveCount(3);
  await expect(page.getByRole('row', { name: /Chrome on Linux.*This device/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /Unknown device/ })).toBeVisible();

  // A handle from another account's page ends nothing.
  const strangerPage = await stranger.context.get('/account/sessions');
  const strangerHandle = /name="session" value="([0-9a-f-]{36})"/.exec(await strangerPage.text())?.[1];
  expect(strangerHandle).toBeUndefined(); // its only session is its own current one: no button
  const mine = /name="session" value="([0-9a-f-]{36})"/.exec(await page.content())?.[1] ?? '';
  const forged = await postForm(stranger.context, '/account/sessions', { session: mine });
  expect(forged.status()).toBe(400);
  expect((await laptop.get('/record', { maxRedirects: 0 })).status()).toBe(200);

  await page.getByRole('button', { name: /Sign out Unknown device/ }).click();
  await expect(page.getByText('You have signed out on that device.')).toBeVisible();
  await expect(rows).toHaveCount(2);
  const afterwards = await laptop.get('/record', { maxRedirects: 0 });
  expect(afterwards.status()).toBe(303);
  expect(afterwards.headers().location).toMatch(/^\/account\/sign-in/);
  await Promise.all([laptop.dispose(), stranger.context.dispose()]);
});

test('the second-step, set-up and recovery pages meet WCAG 2.2 AA, errors included', async ({ page }) => {
  const { AxeBuilder } = await import('@axe-core/playwright');
  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice'];
  const check = async (label: string) => expect((await new AxeBuilder({ page }).withTags(tags).analyze()).violations, label).toEqual([]);
  const { email } = await createConfirmedAccount('two-step-a11y');
  await signInWithPage(page, email);
  await page.goto('/account/two-step/set-up');
  await page.getByRole('button', { name: 'Turn on two-step verification' }).click();
  await check('set-up with errors');
  await page.screenshot({ path: 'test-results/two-step-set-up-errors.png', fullPage: true });
  const { secret } = await setUpApp(page);
  await check('recovery codes shown');
  await page.screenshot({ path: 'test-results/two-step-recovery-codes.png', fullPage: true });
  await page.goto('/account/sign-out');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signInWithPage(page, email);
  await check('second step');
  await page.getByRole('button', { name: 'Continue' }).click();
  await check('second step with an error');
  await page.screenshot({ path: 'test-results/two-step-sign-in-error.png', fullPage: true });
  await page.getByLabel('Security code').fill(codeFor(secret, 1));
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.goto('/account');
  await check('account settings with two-step on');
  await page.screenshot({ path: 'test-results/account-settings-two-step.png', fullPage: true });
  await page.goto('/account/two-step/recovery-codes');
  await check('recovery codes page');
});
