/**
 * The red book in Chromium: a term baby and a baby born at 30 weeks, from details to growth and vaccines.
 * Dates are relative to today, so the suite means the same whenever it runs.
 */
import { expect, test, type Page } from '@playwright/test';
import { createConfirmedAccount, createRecordFor, shareRecord } from './accounts.ts';

/** The date `days` days before today, as the three boxes of a date input. */
function daysAgo(days: number): { day: string; month: string; year: string; iso: string } {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() - days);
  const iso = date.toISOString().slice(0, 10);
  return { day: String(Number(iso.slice(8, 10))), month: String(Number(iso.slice(5, 7))), year: iso.slice(0, 4), iso };
}

async function fillDate(page: Page, name: string, date: { day: string; month: string; year: string }) {
  await page.locator(`#${name}-day`).fill(date.day);
  await page.locator(`#${name}-month`).fill(date.month);
  await page.locator(`#${name}-year`).fill(date.year);
}

async function addDetails(page: Page, recordId: string, bornDaysAgo: number, weeks: string, birthWeight: string) {
  await page.goto(`/record/${recordId}/details`);
  await fillDate(page, 'dateOfBirth', daysAgo(bornDaysAgo));
  await page.getByLabel('Female').check();
  await page.getByLabel('Weeks', { exact: true }).fill(weeks);
  await page.getByLabel('Days', { exact: true }).fill('0');
  await page.getByLabel('Birth weight in kg (optional)').fill(birthWeight);
  await page.getByRole('button', { name: 'Save details' }).click();
  await expect(page.getByText('The details have been saved.')).toBeVisible();
}

async function addWeight(page: Page, recordId: string, kg: string, measuredDaysAgo: number) {
  await page.goto(`/record/${recordId}/measurements`);
  await page.getByLabel('Weight (kg)').check();
  await page.getByLabel('Measurement', { exact: true }).fill(kg);
  await fillDate(page, 'measuredOn', daysAgo(measuredDaysAgo));
  await page.getByRole('button', { name: 'Add measurement' }).click();
}

test('a term baby: details, a weight with its centile, a typo caught, and vaccines by date of birth', async ({ page }) => {
  const owner = await createConfirmedAccount('term-baby');
  const recordId = await createRecordFor(owner.context, 'Ada');
  await page.context().addCookies((await owner.context.storageState()).cookies);
  await addDetails(page, recordId, 70, '40', '3.4');

  await addWeight(page, recordId, '5.1', 0);
  await expect(page.getByText('The measurement has been added.')).toBeVisible();
  await expect(page.locator('.portal-measurements__item').first()).toContainText(/Weight: 5\.1 kg/);
  await expect(page.locator('.portal-measurements__item').first()).toContainText(/age 10 weeks\)\. \d+(st|nd|rd|th) centile\./);
  await expect(page.locator('.portal-measurements__item').first()).toContainText('Added by a parent or carer');

  // 51 kg instead of 5.1 is outside the limits; 15 kg is inside them but very unusual, so it asks first.
  await addWeight(page, recordId, '51', 0);
  await expect(page.getByRole('alert')).toContainText('Enter a weight between 0.3 kg and 40 kg');
  await addWeight(page, recordId, '15', 0);
  await expect(page.getByRole('alert')).toContainText('15 kg is very high for a child of this age');
  await expect(page.locator('.portal-measurements__item')).toHaveCount(1);

  // At 10 weeks, the 8-week vaccines are due.
  await page.goto(`/record/${recordId}/immunisations`);
  const sixInOne = page.locator('.portal-measurements__item', { hasText: '6-in-1 (dose 1)' });
  await expect(sixInOne.locator('.nhsuk-tag')).toHaveText('Due');
  await expect(sixInOne).toContainText('Contact your GP surgery to book');
  await page.getByLabel('Vaccine', { exact: true }).selectOption('dtap-ipv-hib-hepb');
  await fillDate(page, 'givenOn', daysAgo(7));
  await page.getByRole('button', { name: 'Record vaccine' }).click();
  await expect(page.getByText('The vaccine has been recorded.')).toBeVisible();
  await expect(page.locator('.portal-measurements__item', { hasText: '6-in-1 (dose 1)' }).locator('.nhsuk-tag')).toHaveText('Given');
});

test('a baby born at 30 weeks: centiles at corrected age, vaccines at actual age', async ({ page }) => {
  const owner = await createConfirmedAccount('born-early');
  const viewer = await createConfirmedAccount('born-early-viewer');
  const recordId = await createRecordFor(owner.context, 'Bea');
  await shareRecord(owner.context, recordId, viewer, 'viewer');
  await page.context().addCookies((await owner.context.storageState()).cookies);
  // Born 100 days ago at 30 weeks: 70 days early, so 30 days of corrected age.
  await addDetails(page, recordId, 100, '30', '1.4');

  // Measured 80 days ago (20 days after birth): before the due date, so no centile yet.
  await addWeight(page, recordId, '1.6', 80);
  await expect(page.locator('.portal-measurements__item').first()).toContainText('No centile until your baby reaches their due date');
  await addWeight(page, recordId, '3.9', 0);
  await expect(page.locator('.portal-measurements__item').first()).toContainText(/age 3 months, corrected age 4 weeks\)\. \d+(st|nd|rd|th) centile \(corrected age\)\./);

  // Vaccines go by actual age: at 100 days old (30 days corrected) the 8-week doses are already overdue.
  await page.goto(`/record/${recordId}/immunisations`);
  for (const dose of ['6-in-1 (dose 1)', 'MenB (dose 1)']) {
    await expect(page.locator('.portal-measurements__item', { hasText: dose }).locator('.nhsuk-tag')).toHaveText('Overdue');
  }

  // The viewer reads the same growth page but has no form.
  const viewerPage = await page.context().browser()?.newContext({ storageState: await viewer.context.storageState() });
  const readOnly = await viewerPage?.newPage();
  await readOnly?.goto(`/record/${recordId}/measurements`);
  await expect(readOnly!.locator('.portal-measurements__item')).toHaveCount(2);
  await expect(readOnly!.getByRole('button', { name: 'Add measurement' })).toHaveCount(0);
});

test('a pregnancy: due date, what is due, then twins are born and each gets a record shared as the pregnancy was', async ({ page }) => {
  const owner = await createConfirmedAccount('twins-owner');
  const carer = await createConfirmedAccount('twins-carer');
  const recordId = await createRecordFor(owner.context, 'Our pregnancy', 'pregnancy');
  await shareRecord(owner.context, recordId, carer, 'carer');
  await page.context().addCookies((await owner.context.storageState()).cookies);

  // Due in 60 days: 31 weeks and 3 days pregnant, so the whooping cough and RSV vaccines are due.
  await page.goto(`/record/${recordId}/pregnancy`);
  const due = daysAgo(-60);
  await fillDate(page, 'dueDate', due);
  await page.getByRole('button', { name: 'Save due date' }).click();
  await expect(page.locator('.nhsuk-body-l')).toContainText('You are 31 weeks and 3 days pregnant.');
  for (const item of ['Whooping cough vaccine', 'RSV vaccine']) await expect(page.locator('.portal-measurements__item', { hasText: item }).locator('.nhsuk-tag')).toHaveText('Due');

  // A carer cannot record the birth; only owners can.
  expect((await carer.context.get(`/record/${recordId}/outcome`, { maxRedirects: 0 })).status()).toBe(403);

  await page.goto(`/record/${recordId}`);
  await page.getByRole('link', { name: 'Tell us your baby has been born, or your pregnancy has ended' }).click();
  await page.getByRole('link', { name: 'My baby has been born' }).click();
  await page.getByRole('link', { name: 'More than one baby? Add twins or triplets' }).click();
  await fillDate(page, 'dateOfBirth', daysAgo(1));
  await page.locator('#baby1-name').fill('Ada');
  await page.locator('#baby1-sex').check();
  await page.locator('#baby2-name').fill('Ben');
  await page.locator('#baby2-sex-2').check();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText("Your babies' records have been made, one for each baby.")).toBeVisible();
  await expect(page.locator('.nhsuk-card__link')).toHaveText(['Our pregnancy', 'Ada', 'Ben']);

  // Born 61 days before the due date: 31+2 weeks, so Ada's growth is at corrected age.
  await page.getByRole('link', { name: 'Ada' }).click();
  await page.getByRole('link', { name: 'Details' }).click();
  await expect(page.getByLabel('Weeks', { exact: true })).toHaveValue('31');
  await expect(page.getByLabel('Days', { exact: true })).toHaveValue('2');

  // The carer shares both babies' records as a carer.
  const carerPage = await (await page.context().browser()!.newContext({ storageState: await carer.context.storageState() })).newPage();
  await carerPage.goto('/record');
  await expect(carerPage.locator('.nhsuk-card__link')).toHaveText(['Our pregnancy', 'Ada', 'Ben']);
  await expect(carerPage.locator('.nhsuk-card', { hasText: 'Ben' })).toContainText('You are a carer.');
});

test('a pregnancy loss: the record closes gently, nothing is due, no congratulations, support is offered', async ({ page }) => {
  const owner = await createConfirmedAccount('loss');
  const recordId = await createRecordFor(owner.context, 'Our pregnancy', 'pregnancy');
  await page.context().addCookies((await owner.context.storageState()).cookies);
  await page.goto(`/record/${recordId}/pregnancy`);
  await fillDate(page, 'dueDate', daysAgo(-100));
  await page.getByRole('button', { name: 'Save due date' }).click();
  await expect(page.locator('.portal-measurements__item')).not.toHaveCount(0);

  await page.goto(`/record/${recordId}/outcome`);
  await page.getByRole('link', { name: 'My pregnancy has ended (pregnancy loss)' }).click();
  await page.getByRole('button', { name: 'Close this record' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('We are so sorry for your loss');
  await expect(page.getByRole('link', { name: 'miscarriage and pregnancy loss' })).toHaveAttribute('href', '/guides/miscarriage-and-pregnancy-loss');
  await expect(page.locator('main')).not.toContainText(/congratulations/i);

  await page.goto(`/record/${recordId}/pregnancy`);
  await expect(page.getByText('This record is closed. Nothing is due and we will not send you anything about it.')).toBeVisible();
  await expect(page.locator('.portal-measurements__item')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Save due date' })).toHaveCount(0);
  await page.goto(`/record/${recordId}`);
  await expect(page.getByRole('link', { name: /Tell us your baby has been born/ })).toHaveCount(0);
  await expect(page.locator('main')).not.toContainText(/congratulations/i);
});
