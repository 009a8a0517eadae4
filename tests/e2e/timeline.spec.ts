/**
 * The personalised home and timeline: a baby born at 30 weeks gets the stage page for their corrected age
 * and vaccines by actual age; a pregnancy gets its week; a closed record gets no card; the timeline merges
 * what was recorded with guidance and what is to come, filters, and jumps to now.
 */
import { expect, test } from '@playwright/test';
import { createConfirmedAccount, createRecordFor, postForm, readEmail } from './accounts.ts';

function daysFromToday(days: number): string {
  return new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}
const dateFields = (name: string, iso: string) => ({ [`${name}-day`]: String(Number(iso.slice(8, 10))), [`${name}-month`]: String(Number(iso.slice(5, 7))), [`${name}-year`]: iso.slice(0, 4) });

test('this week: a baby born at 30 weeks sees the stage for corrected age and vaccines by actual age; a pregnancy sees its week; a closed record has no card', async ({ page }) => {
  const owner = await createConfirmedAccount('this-week');
  const babyId = await createRecordFor(owner.context, 'Iris');
  // Born 100 days ago at 30+0: 70 days early, so corrected age 30 days (1 month).
  await postForm(owner.context, `/record/${babyId}/details`, { ...dateFields('dateOfBirth', daysFromToday(-100)), sex: 'female', gestationWeeks: '30', gestationDays: '0', birthWeightKg: '1.3' });
  await postForm(owner.context, `/record/${babyId}/measurements`, { quantity: 'weight', value: '3.9', ...dateFields('measuredOn', daysFromToday(-1)) });
  const pregnancyId = await createRecordFor(owner.context, 'Bump', 'pregnancy');
  // Due in 140 days: 20 weeks pregnant today.
  await postForm(owner.context, `/record/${pregnancyId}/pregnancy`, dateFields('dueDate', daysFromToday(140)));
  const closedId = await createRecordFor(owner.context, 'Jo');
  await postForm(owner.context, `/record/${closedId}/details`, { ...dateFields('dateOfBirth', daysFromToday(-60)), sex: 'male', gestationWeeks: '40', gestationDays: '0' });
  expect((await postForm(owner.context, `/record/${closedId}/close`, { confirm: 'yes' })).status()).toBe(200);

  await page.context().addCookies((await owner.context.storageState()).cookies);
  await page.goto('/record');
  const baby = page.locator('.nhsuk-card', { hasText: 'Iris' });
  await expect(baby.getByRole('heading', { name: /^This week: Iris is 3 months old \(corrected age 4 weeks\)$/ })).toBeVisible();
  await expect(baby.getByRole('link', { name: 'Your baby at 1 month' })).toHaveAttribute('href', '/stages/baby-month-1');
  await expect(baby.locator('li', { hasText: '6-in-1 (dose 1)' })).toContainText('Overdue');
  await expect(baby.locator('li', { hasText: '6-in-1 (dose 1)' })).toContainText('Contact your GP surgery to book');
  await expect(baby).toContainText('Weight: 3.9 kg');
  await expect(baby).toContainText('(corrected age)');
  await expect(baby.getByRole('heading', { name: 'Coming up next' })).toBeVisible();

  const bump = page.locator('.nhsuk-card', { hasText: 'Bump' });
  await expect(bump.getByRole('heading', { name: /^This week: You are 20 weeks and 0 days pregnant$/ })).toBeVisible();
  await expect(bump.getByRole('link', { name: '20 weeks pregnant' })).toBeVisible();
  await expect(bump.locator('li', { hasText: 'Whooping cough vaccine' })).toContainText('Due now');

  const closed = page.locator('.nhsuk-card', { hasText: 'Jo' });
  await expect(closed.locator('.portal-this-week')).toHaveCount(0);
  await expect(closed).not.toContainText(/Overdue|Due now|Coming up/);
  // No page about loss is suggested to a family whose records are open.
  await expect(page.locator('main')).not.toContainText(/stillbirth|miscarriage/i);
});

test('the timeline merges records, guidance and what is to come; filters and "jump to now" work without JavaScript', async ({ browser }) => {
  const owner = await createConfirmedAccount('timeline');
  const childId = await createRecordFor(owner.context, 'Kit');
  await postForm(owner.context, `/record/${childId}/details`, { ...dateFields('dateOfBirth', daysFromToday(-70)), sex: 'male', gestationWeeks: '40', gestationDays: '0' });
  await postForm(owner.context, `/record/${childId}/firsts`, { first: 'smiled', ...dateFields('happenedOn', daysFromToday(-20)) });
  await postForm(owner.context, `/record/${childId}/notes`, { note: 'Slept through for the first time' });
  const context = await browser.newContext({ javaScriptEnabled: false, storageState: await owner.context.storageState() });
  const page = await context.newPage();
  await page.goto(`/record/${childId}/timeline`);
  const items = page.locator('.portal-timeline__item');
  await expect(items.filter({ hasText: 'First: First smile' })).toHaveCount(1);
  await expect(items.filter({ hasText: 'Slept through for the first time' })).toHaveCount(1);
  await expect(items.filter({ hasText: 'Your baby at 2 months' })).toHaveCount(1);
  await expect(items.filter({ hasText: 'MMRV (dose 1)' }).first()).toContainText('To come');
  await expect(page.locator('#now')).toContainText('Today');

  // Dates run in order.
  const dates = await page.locator('.portal-timeline__item > p:first-child').allTextContents();
  const parsed = dates.map((text) => Date.parse(text.replace(/\s*(Recorded|Guidance|To come)\s*$/, '')));
  expect(parsed).toEqual([...parsed].sort((a, b) => a - b));

  await page.getByRole('link', { name: 'What you recorded' }).click();
  await expect(page).toHaveURL(/show=recorded/);
  await expect(page.locator('.portal-timeline__item--guidance, .portal-timeline__item--due')).toHaveCount(0);
  await expect(items).toHaveCount(2);
  await page.getByRole('link', { name: 'Vaccines and reviews to come' }).click();
  await expect(page.locator('.portal-timeline__item--recorded')).toHaveCount(0);
  await page.getByRole('link', { name: 'Jump to now' }).click();
  await expect(page).toHaveURL(/#now$/);
});

test('the weekly email, chosen on the record, arrives in the outbox and says what the home page says', async ({ page }) => {
  test.setTimeout(120_000);
  const owner = await createConfirmedAccount('weekly-email');
  const childId = await createRecordFor(owner.context, 'Mo');
  await postForm(owner.context, `/record/${childId}/details`, { ...dateFields('dateOfBirth', daysFromToday(-45)), sex: 'male', gestationWeeks: '39', gestationDays: '0' });
  await page.context().addCookies((await owner.context.storageState()).cookies);
  await page.goto(`/record/${childId}`);
  await page.getByRole('link', { name: 'Weekly email' }).click();
  await page.getByLabel('Email me once a week').check();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('You will get the weekly email.')).toBeVisible();
  await expect(page.getByLabel('Email me once a week')).toBeChecked();

  // The server's schedule runs every minute in this suite.
  const email = await readEmail(owner.email, 'Your weekly update from First 1,001 days', 75_000);
  await page.goto('/record');
  const card = page.locator('.nhsuk-card', { hasText: 'Mo' }).locator('.portal-this-week');
  const heading = (await card.getByRole('heading', { level: 3 }).textContent()) ?? '';
  expect(email).toContain(`${heading.trim()}.`);
  for (const name of await card.locator('li', { has: page.locator('.nhsuk-tag') }).allTextContents()) {
    const vaccineOrReview = /(?:Overdue|Due now|Coming up)\s*(.+?)(?:,|\.)/.exec(name)?.[1]?.trim() ?? '';
    expect(email).toContain(vaccineOrReview);
  }
  const stage = (await card.locator('p a').first().textContent()) ?? '';
  expect(email).toContain(stage.trim());
});

test('the private calendar feed parses, lists what the home page says is due, and a second family\'s feed never shows this family', async ({ page, playwright }) => {
  const owner = await createConfirmedAccount('calendar');
  const childId = await createRecordFor(owner.context, 'Nell Rose');
  // 75 days old: the 8-week vaccines are due now and the 12-week ones coming up.
  await postForm(owner.context, `/record/${childId}/details`, { ...dateFields('dateOfBirth', daysFromToday(-75)), sex: 'female', gestationWeeks: '40', gestationDays: '0' });
  const other = await createConfirmedAccount('calendar-other');
  const otherChild = await createRecordFor(other.context, 'Olly');
  await postForm(other.context, `/record/${otherChild}/details`, { ...dateFields('dateOfBirth', daysFromToday(-30)), sex: 'male', gestationWeeks: '40', gestationDays: '0' });

  await page.context().addCookies((await owner.context.storageState()).cookies);
  await page.goto('/account');
  await page.getByRole('link', { name: 'Add vaccines and reviews to your calendar' }).click();
  await page.getByLabel('Initials').check();
  await page.getByRole('button', { name: 'Make a calendar link' }).click();
  const link = (await page.locator('#calendar-link').textContent()) ?? '';
  expect(link).toMatch(/\/calendar\/[a-z2-7]{32}\.ics$/);

  // A calendar app has no cookies: the secret alone opens the feed.
  const anonymous = await playwright.request.newContext();
  const response = await anonymous.get(link);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('text/calendar');
  const ICAL = (await import('ical.js')).default;
  const events = new ICAL.Component(ICAL.parse(await response.text())).getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
  const summaries = events.map((event) => event.summary);
  expect(summaries.every((summary) => summary.startsWith('N.R.: '))).toBe(true);
  expect(summaries.join('\n')).not.toContain('Nell');

  await page.goto('/record');
  const card = page.locator('.nhsuk-card', { hasText: 'Nell Rose' });
  for (const due of await card.locator('li', { has: page.locator('.nhsuk-tag') }).allTextContents()) {
    const vaccine = /(?:Overdue|Due now|Coming up)\s*(.+?) \(dose (\d)\)/.exec(due);
    if (vaccine) expect(summaries).toContain(`N.R.: ${vaccine[1]} vaccine (dose ${vaccine[2]}) due`);
  }

  // The other family's own feed shows their child only.
  const otherPage = await (await page.context().browser()!.newContext({ storageState: await other.context.storageState() })).newPage();
  await otherPage.goto('/account/calendar');
  await otherPage.getByRole('button', { name: 'Make a calendar link' }).click();
  const otherFeed = await (await anonymous.get((await otherPage.locator('#calendar-link').textContent()) ?? '')).text();
  expect(otherFeed).toContain('SUMMARY:Olly: ');
  expect(otherFeed).not.toMatch(/N\.R\.|Nell/);

  // A new link stops the old one.
  await page.goto('/account/calendar');
  await page.getByRole('button', { name: 'Make a new link' }).click();
  expect((await anonymous.get(link)).status()).toBe(404);
});
