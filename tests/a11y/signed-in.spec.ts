/**
 * Accessibility of the account and record pages, signed in and out, including their error states:
 * axe (WCAG 2.0–2.2 A and AA, plus best practice), zero violations.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { createConfirmedAccount, createRecordFor, postForm, shareRecord } from '../e2e/accounts.ts';

const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice'];

async function expectNoViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(tags).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`)).toEqual([]);
}

for (const path of ['/account/sign-up', '/account/sign-in', '/account/reset-password', '/account/verify-email?token=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa']) {
  test(`${path} (signed out) has no accessibility violations`, async ({ page }) => {
    await page.goto(path);
    await expectNoViolations(page);
  });
}

test('sign-up and sign-in error states have no accessibility violations', async ({ page }) => {
  await page.goto('/account/sign-up');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveTitle(/^Error:/);
  await expectNoViolations(page);
  await page.goto('/account/sign-in');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveTitle(/^Error:/);
  await expectNoViolations(page);
});

test.describe('signed in', () => {
  let recordId = '';
  let cookies: Awaited<ReturnType<Awaited<ReturnType<typeof createConfirmedAccount>>['context']['storageState']>>['cookies'] = [];

  test.beforeAll(async () => {
    const owner = await createConfirmedAccount('a11y-owner');
    const carer = await createConfirmedAccount('a11y-carer');
    recordId = await createRecordFor(owner.context, 'Ada');
    await postForm(owner.context, `/record/${recordId}/notes`, { note: 'First smile today' });
    await shareRecord(owner.context, recordId, carer, 'carer');
    // A pending invitation, so the sharing page shows both tables.
    await postForm(owner.context, `/record/${recordId}/sharing`, { email: 'grandparent@example.com', role: 'viewer' });
    cookies = (await owner.context.storageState()).cookies;
  });

  test.beforeEach(async ({ context }) => {
    await context.addCookies(cookies);
  });

  for (const path of ['/record', '/record/new', '/account', '/account/two-step/set-up', '/account/sessions', '/account/passkeys', '/account/change-password', '/account/change-email', '/account/delete', '/account/calendar', '/account/sign-out', '/record/{id}', '/record/{id}/notes', '/record/{id}/sharing', '/record/{id}/activity', '/record/{id}/leave', '/record/{id}/delete', '/record/00000000-0000-4000-8000-000000000000']) {
    test(`${path} has no accessibility violations`, async ({ page }) => {
      await page.goto(path.replace('{id}', recordId));
      await expectNoViolations(page);
    });
  }

  test('record and note error states have no accessibility violations', async ({ page }) => {
    await page.goto('/record/new');
    await page.getByRole('button', { name: 'Add record' }).click();
    await expect(page).toHaveTitle(/^Error:/);
    await expectNoViolations(page);
    await page.goto(`/record/${recordId}/notes`);
    await page.getByRole('button', { name: 'Add note' }).click();
    await expect(page).toHaveTitle(/^Error:/);
    await expectNoViolations(page);
    await page.goto(`/record/${recordId}/sharing`);
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await expect(page).toHaveTitle(/^Error:/);
    await expectNoViolations(page);
    await page.goto('/account/delete');
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await expect(page).toHaveTitle(/^Error:/);
    await expectNoViolations(page);
  });
});

test('the red book pages, filled in and in their error states, have no accessibility violations', async ({ page }) => {
  // A dozen full axe runs over long pages: more than the default 30 seconds on a busy 2-core machine.
  test.setTimeout(120_000);
  const owner = await createConfirmedAccount('a11y-red-book');
  const recordId = await createRecordFor(owner.context, 'Cal');
  await page.context().addCookies((await owner.context.storageState()).cookies);
  for (const path of ['details', 'measurements', 'immunisations']) {
    await page.goto(`/record/${recordId}/${path}`);
    await expectNoViolations(page);
  }
  await page.goto(`/record/${recordId}/details`);
  await page.getByRole('button', { name: 'Save details' }).click();
  await expect(page).toHaveTitle(/^Error:/);
  await expectNoViolations(page);
  await postForm(owner.context, `/record/${recordId}/details`, { 'dateOfBirth-day': '1', 'dateOfBirth-month': '9', 'dateOfBirth-year': '2026', sex: 'male', gestationWeeks: '39', gestationDays: '3', birthWeightKg: '3.6' });
  await postForm(owner.context, `/record/${recordId}/measurements`, { quantity: 'weight', value: '4.9', 'measuredOn-day': '1', 'measuredOn-month': '11', 'measuredOn-year': '2026' });
  for (const path of ['details', 'measurements', 'immunisations']) {
    await page.goto(`/record/${recordId}/${path}`);
    await expectNoViolations(page);
  }
  await page.goto(`/record/${recordId}/measurements`);
  await page.getByRole('button', { name: 'Add measurement' }).click();
  await expect(page).toHaveTitle(/^Error:/);
  await expectNoViolations(page);
  await page.goto(`/record/${recordId}/immunisations`);
  await page.getByRole('button', { name: 'Record vaccine' }).click();
  await expect(page).toHaveTitle(/^Error:/);
  await expectNoViolations(page);
});

test('the pregnancy pages and the outcome forms have no accessibility violations', async ({ page }) => {
  const owner = await createConfirmedAccount('a11y-pregnancy');
  const recordId = await createRecordFor(owner.context, 'Bump', 'pregnancy');
  await page.context().addCookies((await owner.context.storageState()).cookies);
  await page.goto(`/record/${recordId}/pregnancy`);
  await expectNoViolations(page);
  await page.getByRole('button', { name: 'Save due date' }).click();
  await expect(page).toHaveTitle(/^Error:/);
  await expectNoViolations(page);
  const due = new Date(Date.now() + 60 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
  await postForm(owner.context, `/record/${recordId}/pregnancy`, { 'dueDate-day': String(Number(due.slice(8))), 'dueDate-month': String(Number(due.slice(5, 7))), 'dueDate-year': due.slice(0, 4) });
  for (const path of ['pregnancy', 'outcome', 'outcome?outcome=born', 'outcome?outcome=born&babies=3', 'outcome?outcome=loss']) {
    await page.goto(`/record/${recordId}/${path}`);
    await expectNoViolations(page);
  }
  await page.goto(`/record/${recordId}/outcome?outcome=born&babies=2`);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveTitle(/^Error:/);
  await expectNoViolations(page);
});

test('screening, reviews, firsts, an entry and its history, charts, the summary, print, downloads, import and closing a record have no accessibility violations', async ({ page }) => {
  test.setTimeout(120_000);
  const owner = await createConfirmedAccount('a11y-more');
  const recordId = await createRecordFor(owner.context, 'Dee');
  await page.context().addCookies((await owner.context.storageState()).cookies);
  const ago = (days: number, name: string) => {
    const iso = new Date(Date.now() - days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    return { [`${name}-day`]: String(Number(iso.slice(8))), [`${name}-month`]: String(Number(iso.slice(5, 7))), [`${name}-year`]: iso.slice(0, 4) };
  };
  // Born 120 days ago at 33 weeks, so the charts offer corrected age.
  await postForm(owner.context, `/record/${recordId}/details`, { ...ago(120, 'dateOfBirth'), sex: 'male', gestationWeeks: '33', gestationDays: '0', birthWeightKg: '2.1' });
  await postForm(owner.context, `/record/${recordId}/measurements`, { quantity: 'weight', value: '4.6', ...ago(5, 'measuredOn') });
  await postForm(owner.context, `/record/${recordId}/measurements`, { quantity: 'length', value: '58', position: 'lying', ...ago(5, 'measuredOn') });
  await postForm(owner.context, `/record/${recordId}/screening`, { test: 'hearing', 'hearing-left': 'clear-response', 'hearing-right': 'clear-response', 'hearing-followUp': 'none', ...ago(110, 'doneOn') });
  await postForm(owner.context, `/record/${recordId}/screening`, { test: 'can-your-baby-hear', 'answer-startles': 'not-sure', ...ago(30, 'doneOn') });
  await postForm(owner.context, `/record/${recordId}/reviews`, { review: 'new-baby', by: 'Health visitor', ...ago(108, 'doneOn') });
  await postForm(owner.context, `/record/${recordId}/firsts`, { first: 'smiled', ...ago(60, 'happenedOn') });
  const entryId = /\/entries\/([0-9a-f-]{36})/.exec(await (await owner.context.get(`/record/${recordId}/firsts`)).text())?.[1] ?? '';
  expect(entryId).not.toBe('');
  const pages = [
    'screening',
    'screening?add=blood-spot',
    'screening?add=hearing',
    'screening?add=nipe-6-to-8-weeks',
    'screening?add=can-your-baby-see',
    'reviews',
    'firsts',
    `firsts?edit=${entryId}`,
    `entries/${entryId}`,
    `entries/${entryId}?delete=confirm`,
    'growth-charts',
    'growth-charts?basis=chronological',
    'timeline',
    'timeline?show=due',
    'reminders',
    'summary',
    'print',
    'export',
    'close',
  ];
  for (const path of pages) {
    await page.goto(`/record/${recordId}/${path}`);
    await expectNoViolations(page);
  }
  for (const [path, button] of [
    ['screening?add=blood-spot', 'Save result'],
    ['screening?add=can-your-baby-hear', 'Save result'],
    ['reviews', 'Record review'],
    ['firsts', 'Add first'],
    ['close', 'Close the record'],
  ] as const) {
    await page.goto(`/record/${recordId}/${path}`);
    await page.getByRole('button', { name: button }).click();
    await expect(page).toHaveTitle(/^Error:/);
    await expectNoViolations(page);
  }
  // The signed-in home with a "This week" card.
  await page.goto('/record');
  await expect(page.locator('.portal-this-week')).toHaveCount(1);
  await expectNoViolations(page);
  await page.goto('/record/import');
  await expectNoViolations(page);
  await page.getByRole('button', { name: 'Add record' }).click();
  await expect(page).toHaveTitle(/^Error:/);
  await expectNoViolations(page);
});
