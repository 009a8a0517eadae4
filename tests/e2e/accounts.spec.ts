/**
 * Family accounts end to end in Chromium: sign up, confirm, sign in and out, reset a password; share a
 * record with a carer and a viewer; revoke access; and the promises every signed-in page keeps.
 */
import { expect, test, type Page } from '@playwright/test';
import { createConfirmedAccount, createRecordFor, linkIn, listEmailsTo, password, postForm, readEmail, shareRecord, tokenOf, uniqueEmail } from './accounts.ts';

async function signInWithPage(page: Page, email: string, secret: string) {
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(secret);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

test('sign up → confirm → sign in → sign out → reset password → sign in', async ({ page, context }) => {
  const email = uniqueEmail('journey');
  await page.goto('/account/sign-up');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Create a password').fill('password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveTitle(/^Error: Create an account/);
  await expect(page.getByRole('alert').getByRole('link', { name: /This password is too common/ })).toBeVisible();

  await page.getByLabel('Create a password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your email');

  await page.goto(linkIn(await readEmail(email, 'Confirm your email address'), '/account/verify-email'));
  await page.getByRole('button', { name: 'Confirm email address' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Email address confirmed');
  await page.getByRole('link', { name: 'Sign in' }).click();
  await expect(page.getByText('Your email address is confirmed. Sign in to continue.')).toBeVisible();

  await signInWithPage(page, email, password);
  await expect(page).toHaveURL(/\/record$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your records');

  const cookie = (await context.cookies()).find((candidate) => candidate.name === 'session');
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', secure: false });
  expect(cookie?.value).toMatch(/^[a-z2-7]{32}$/);
  // 30 days, give or take the test's own running time.
  expect((cookie?.expires ?? 0) * 1000 - Date.now()).toBeGreaterThan(29.9 * 24 * 60 * 60 * 1000);

  await page.goto('/account');
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page.getByText('You have signed out.')).toBeVisible();
  await page.goto('/record');
  await expect(page).toHaveURL(/\/account\/sign-in\?returnTo=%2Frecord$/);

  await page.getByRole('link', { name: 'Forgotten your password?' }).click();
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your email');
  const resetLink = linkIn(await readEmail(email, 'Reset your password'), '/account/reset-password');
  await page.goto(resetLink);
  await page.getByLabel('New password').fill('kettle lantern orchard');
  await page.getByRole('button', { name: 'Save new password' }).click();
  await expect(page.getByText('Your password has been reset. Sign in with your new password.')).toBeVisible();

  // The link worked once.
  await page.goto(resetLink);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This link does not work');

  await page.goto('/account/sign-in');
  await signInWithPage(page, email, password);
  await expect(page.getByRole('alert')).toContainText('Enter the email address and password for your account');
  await signInWithPage(page, email, 'kettle lantern orchard');
  await expect(page).toHaveURL(/\/record$/);
});

test('a visitor asking for a record page signs in and is returned to it; never to another site', async ({ page }) => {
  const { context: owner, email } = await createConfirmedAccount('return');
  const recordId = await createRecordFor(owner, 'Returnchild');
  await page.goto(`/record/${recordId}/notes`);
  await expect(page).toHaveURL(new RegExp(`/account/sign-in\\?returnTo=%2Frecord%2F${recordId}%2Fnotes$`));
  await signInWithPage(page, email, password);
  await expect(page).toHaveURL(new RegExp(`/record/${recordId}/notes$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Notes');

  await page.goto('/account/sign-out');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.goto('/account/sign-in?returnTo=https%3A%2F%2Fevil.example%2Fphish');
  await signInWithPage(page, email, password);
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/record$/);
});

test('a wrong password and an unknown address get the same answer', async ({ request }) => {
  const { email } = await createConfirmedAccount('same-answer');
  const wrong = await postForm(request, '/account/sign-in', { email, password: 'not my password', returnTo: '/record' });
  const unknown = await postForm(request, '/account/sign-in', { email: uniqueEmail('nobody'), password: 'not my password', returnTo: '/record' });
  expect(wrong.status()).toBe(400);
  expect(unknown.status()).toBe(400);
  const strip = (html: string) => html.replace(/value="[^"]*@example\.com"/g, '');
  expect(strip(await wrong.text())).toBe(strip(await unknown.text()));
});

test('sign-up with a taken address answers as usual and emails the account holder instead', async ({ request }) => {
  const { email } = await createConfirmedAccount('taken');
  const again = await postForm(request, '/account/sign-up', { email, password: 'another fine passphrase' });
  expect(again.status()).toBe(200);
  expect(await again.text()).toContain('Check your email');
  await readEmail(email, 'You already have an account');
});

test('invite a carer who accepts and sees the child; a viewer cannot add; revoking removes access at once', async ({ page, browser }) => {
  const owner = await createConfirmedAccount('share-owner');
  const carer = await createConfirmedAccount('share-carer');
  const viewer = await createConfirmedAccount('share-viewer');
  const recordId = await createRecordFor(owner.context, 'Ada');

  // The owner invites in the browser and sees the link to send themselves.
  const ownerState = await owner.context.storageState();
  const ownerPage = await (await browser.newContext({ storageState: ownerState })).newPage();
  await ownerPage.goto(`/record/${recordId}/sharing`);
  await ownerPage.getByLabel('Their email address').fill(carer.email);
  await ownerPage.getByLabel('Carer').check();
  await ownerPage.getByRole('button', { name: 'Send invitation' }).click();
  await expect(ownerPage.getByText(`We have emailed an invitation to ${carer.email}.`)).toBeVisible();
  const shownLink = await ownerPage.locator('.portal-invitation-link code').textContent();
  const emailedLink = linkIn(await readEmail(carer.email, 'You have been invited to share a child health record'), '/account/invitation');
  expect(new URL(shownLink ?? '').pathname + new URL(shownLink ?? '').search).toBe(emailedLink);
  // The email does not name the child.
  expect(await readEmail(carer.email, 'You have been invited to share a child health record')).not.toContain('Ada');

  // Someone else opening the link cannot accept it and learns nothing.
  const stranger = await createConfirmedAccount('share-stranger');
  const strangerView = await stranger.context.get(emailedLink);
  expect(strangerView.status()).toBe(403);
  expect(await strangerView.text()).not.toContain('Ada');

  const carerPage = await (await browser.newContext({ storageState: await carer.context.storageState() })).newPage();
  await carerPage.goto(emailedLink);
  await expect(carerPage.getByRole('heading', { level: 1 })).toHaveText("You have been invited to share Ada's record");
  await carerPage.getByRole('button', { name: 'Accept invitation' }).click();
  await expect(carerPage).toHaveURL(new RegExp(`/record/${recordId}$`));
  await expect(carerPage.getByRole('heading', { level: 1 })).toHaveText('Ada');
  await carerPage.getByRole('link', { name: 'Notes' }).click();
  await carerPage.getByLabel('Add a note').fill('Had her first bath');
  await carerPage.getByRole('button', { name: 'Add note' }).click();
  await expect(carerPage.getByText('Had her first bath')).toBeVisible();

  await shareRecord(owner.context, recordId, viewer, 'viewer');
  await page.context().addCookies((await viewer.context.storageState()).cookies);
  await page.goto(`/record/${recordId}/notes`);
  await expect(page.getByText('Had her first bath')).toBeVisible();
  await expect(page.getByLabel('Add a note')).toHaveCount(0);
  const refused = await postForm(viewer.context, `/record/${recordId}/notes`, { note: 'Sneaky' });
  expect(refused.status()).toBe(403);

  // The owner sees who has access and removes the carer; the carer's next request is refused.
  await ownerPage.goto(`/record/${recordId}/sharing`);
  await expect(ownerPage.getByRole('cell', { name: carer.email, exact: true })).toBeVisible();
  await ownerPage.getByRole('button', { name: `Remove ${carer.email}` }).click();
  await expect(ownerPage.getByText('They have been removed. They can no longer see this record.')).toBeVisible();
  await carerPage.reload();
  await expect(carerPage.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  expect((await carer.context.get(`/record/${recordId}/notes`, { maxRedirects: 0 })).status()).toBe(404);

  // The activity log shows who did what, never the note itself.
  await ownerPage.goto(`/record/${recordId}/activity`);
  await expect(ownerPage.getByText(`${carer.email} added a note`)).toBeVisible();
  await expect(ownerPage.getByText(/removed someone from this record/)).toBeVisible();
  await expect(ownerPage.locator('main')).not.toContainText('Had her first bath');
});

test('changing the password ends the other sessions but keeps this one, and emails the account', async () => {
  const here = await createConfirmedAccount('change');
  const elsewhere = await (await import('@playwright/test')).request.newContext({ baseURL: `http://127.0.0.1:${process.env.E2E_PORT ?? 4399}` });
  expect((await postForm(elsewhere, '/account/sign-in', { email: here.email, password, returnTo: '/record' })).status()).toBe(303);
  const changed = await postForm(here.context, '/account/change-password', { 'current-password': password, 'new-password': 'kettle lantern orchard' });
  expect(changed.headers().location).toBe('/account?done=password-changed');
  expect((await here.context.get('/record', { maxRedirects: 0 })).status()).toBe(200);
  expect((await elsewhere.get('/record', { maxRedirects: 0 })).status()).toBe(303);
  await readEmail(here.email, 'Your password has been changed');
});

test('sign out of all devices ends every session, this one too', async () => {
  const first = await createConfirmedAccount('everywhere');
  const second = await (await import('@playwright/test')).request.newContext({ baseURL: `http://127.0.0.1:${process.env.E2E_PORT ?? 4399}` });
  await postForm(second, '/account/sign-in', { email: first.email, password, returnTo: '/record' });
  expect((await postForm(first.context, '/account/sign-out-everywhere', {})).status()).toBe(303);
  for (const context of [first.context, second]) expect((await context.get('/record', { maxRedirects: 0 })).status()).toBe(303);
});

test('download all my data, then delete the account after a confirmation that names the records', async ({ page }) => {
  const owner = await createConfirmedAccount('leaver');
  const recordId = await createRecordFor(owner.context, 'Bea');
  await postForm(owner.context, `/record/${recordId}/notes`, { note: 'Weighed at clinic' });
  const download = await owner.context.get('/account/download');
  expect(download.headers()['content-disposition']).toMatch(/^attachment; filename="first-1001-days-data-\d{4}-\d{2}-\d{2}\.json"$/);
  const data = await download.json();
  expect(data.account.email).toBe(owner.email);
  expect(data.records[0].notes[0].text).toBe('Weighed at clinic');

  await page.context().addCookies((await owner.context.storageState()).cookies);
  await page.goto('/account/delete');
  await expect(page.locator('.nhsuk-warning-callout')).toContainText('This record will be deleted');
  await expect(page.locator('.nhsuk-warning-callout li')).toHaveText(['Bea']);
  await page.getByLabel('Your password').fill(password);
  await page.getByRole('button', { name: 'Delete my account' }).click();
  await expect(page.getByRole('alert').getByRole('link')).toHaveText(['Tick the box to confirm you understand what will be deleted']);
  await page.getByLabel(/I understand that my account and this record will be deleted for good/).check();
  await page.getByLabel('Your password').fill(password);
  await page.getByRole('button', { name: 'Delete my account' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your account has been deleted');
  expect((await postForm(owner.context, '/account/sign-in', { email: owner.email, password, returnTo: '/record' })).status()).toBe(400);
});

test('signed-in pages are never cached and carry the security headers', async () => {
  const { context } = await createConfirmedAccount('headers');
  for (const url of ['/record', '/account', '/account/download', '/account/sign-in']) {
    const headers = (await context.get(url, { maxRedirects: 0 })).headers();
    expect(headers['cache-control'], url).toBe('no-store');
    expect(headers['referrer-policy'], url).toBe('same-origin');
    expect(headers['content-security-policy'], url).toContain("frame-ancestors 'none'");
    expect(headers['x-content-type-options'], url).toBe('nosniff');
  }
});

test('no email link or token is ever written to the server log, and no address is', async () => {
  const { email } = await createConfirmedAccount('log-check');
  const emails = await listEmailsTo(email);
  expect(emails.length).toBeGreaterThan(0);
  // The outbox names files by time and a random id only.
  for (const text of emails) expect(tokenOf(linkIn(text, '/account/verify-email'))).toMatch(/^[a-z2-7]{32}$/);
});
