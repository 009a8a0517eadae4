/**
 * The red book in Chromium: a term baby and a baby born at 30 weeks, from details to growth and vaccines.
 * Dates are relative to today, so the suite means the same whenever it runs.
 */
import { expect, test, type Page } from '@playwright/test';
import { createConfirmedAccount, createRecordFor, postForm, shareRecord } from './accounts.ts';

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
  await page.getByRole('link', { name: 'Ada', exact: true }).click();
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

test('screening, reviews and firsts: recorded with who recorded them, changed with the earlier version kept, deleted only after asking', async ({ page }) => {
  test.setTimeout(90_000);
  const owner = await createConfirmedAccount('screening');
  const viewer = await createConfirmedAccount('screening-viewer');
  const recordId = await createRecordFor(owner.context, 'Esme');
  await shareRecord(owner.context, recordId, viewer, 'viewer');
  await page.context().addCookies((await owner.context.storageState()).cookies);
  await addDetails(page, recordId, 60, '39', '3.3');

  // Blood spot: one carrier result, the rest not suspected, recorded by a professional.
  await page.goto(`/record/${recordId}/screening`);
  await expect(page.locator('.portal-measurements__item', { hasText: 'Blood spot (heel prick) test' }).locator('.nhsuk-tag')).toHaveText('Not recorded');
  await page.getByRole('link', { name: /^Add the result\s*: Blood spot \(heel prick\) test$/ }).click();
  await page.getByRole('button', { name: 'Save result' }).click();
  await expect(page.getByRole('alert')).toContainText('Enter the date it was done');
  await page.getByLabel('Sickle cell disease').selectOption('carrier');
  for (const condition of ['Cystic fibrosis', 'Congenital hypothyroidism', 'Phenylketonuria', 'Medium-chain acyl-CoA dehydrogenase deficiency', 'Maple syrup urine disease', 'Isovaleric acidaemia', 'Glutaric aciduria type 1', 'Homocystinuria (pyridoxine unresponsive)', 'Tyrosinaemia type 1']) {
    await page.getByLabel(condition, { exact: true }).selectOption('not-suspected');
  }
  // Carrier is offered only where it is a possible result.
  await expect(page.getByLabel('Phenylketonuria', { exact: true }).locator('option[value="carrier"]')).toHaveCount(0);
  await fillDate(page, 'doneOn', daysAgo(55));
  await page.getByLabel('A health professional').check();
  await page.getByRole('button', { name: 'Save result' }).click();
  await expect(page.getByText('The result has been added.')).toBeVisible();
  const bloodSpot = page.locator('.portal-measurements__item', { hasText: 'Blood spot (heel prick) test' });
  await expect(bloodSpot.locator('.nhsuk-tag')).toHaveText('Recorded');
  await expect(bloodSpot).toContainText('Sickle cell disease: carrier.');
  await expect(bloodSpot).toContainText('Every other condition: not suspected.');
  await expect(bloodSpot).toContainText('From a health professional, added by the family');

  // "Not sure" in a parent checklist asks the family to talk to someone.
  await page.getByRole('link', { name: /^Answer the questions\s*: Can your baby hear\?$/ }).click();
  await page.getByRole('group', { name: /jump or blink at a sudden loud noise/ }).getByLabel('Not sure').check();
  await fillDate(page, 'doneOn', daysAgo(1));
  await page.getByRole('button', { name: 'Save result' }).click();
  await expect(page.locator('.nhsuk-warning-callout')).toContainText("your baby's hearing should be checked");

  // A health review, done, with who did it.
  await page.goto(`/record/${recordId}/reviews`);
  await expect(page.locator('.portal-measurements__item', { hasText: 'New baby review' }).locator('.nhsuk-tag')).toHaveText('Overdue');
  await page.getByLabel('New baby review (10 to 14 days)').check();
  await fillDate(page, 'doneOn', daysAgo(48));
  await page.getByLabel('Who did the review (optional)').fill('Health visitor');
  await page.getByRole('button', { name: 'Record review' }).click();
  await expect(page.locator('.portal-measurements__item', { hasText: 'New baby review' }).locator('.nhsuk-tag')).toHaveText('Done');
  await expect(page.locator('.portal-measurements__item', { hasText: '6 to 8 week review' }).locator('.nhsuk-tag')).toHaveText('Due now');

  // A first of their own, then changed: the history keeps both versions.
  await page.goto(`/record/${recordId}/firsts`);
  await page.getByRole('radio', { name: 'Something else' }).check();
  await page.getByRole('button', { name: 'Add first' }).click();
  await expect(page.getByRole('alert')).toContainText('Enter what your child did');
  await page.getByLabel('If something else, what did they do?').fill('First bath');
  await fillDate(page, 'happenedOn', daysAgo(50));
  await page.getByRole('button', { name: 'Add first' }).click();
  await page.getByRole('link', { name: /^See history, change or delete\s*: First bath$/ }).click();
  await page.getByRole('link', { name: 'Change this entry' }).click();
  await page.getByLabel('If something else, what did they do?').fill('First bath at home');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('The first has been changed. The earlier version is kept in its history.')).toBeVisible();
  await page.getByRole('link', { name: /^See history, change or delete\s*: First bath at home$/ }).click();
  await expect(page.locator('.portal-history > li')).toHaveCount(2);
  await expect(page.locator('.portal-history > li').nth(0)).toContainText('Changed');
  await expect(page.locator('.portal-history > li').nth(1)).toContainText('First bath.');

  // The viewer reads the history but cannot change or delete.
  const viewerResponse = await viewer.context.get(page.url());
  expect(viewerResponse.status()).toBe(200);
  expect(await viewerResponse.text()).not.toContain('Delete this entry');
  expect((await viewer.context.post(page.url(), { form: { action: 'delete' }, headers: { Origin: new URL(page.url()).origin }, maxRedirects: 0 })).status()).toBe(403);

  // Deleting asks first; afterwards the first is gone from the page.
  await page.getByRole('link', { name: 'Delete this entry' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Are you sure you want to delete this entry?');
  await page.getByRole('button', { name: 'Yes, delete it' }).click();
  await expect(page.getByText('The first has been deleted.')).toBeVisible();
  await expect(page.getByText('No firsts have been added yet.')).toBeVisible();

  // The summary shows what a professional needs, each with who recorded it.
  await page.goto(`/record/${recordId}/summary`);
  const screeningRow = page.locator('tr', { hasText: 'Blood spot (heel prick) test' });
  await expect(screeningRow).toContainText('Sickle cell disease: carrier.');
  await expect(screeningRow).toContainText('From a health professional, added by the family');
  await expect(page.locator('tr', { hasText: 'New baby review' })).toContainText('Added by a parent or carer');
});

test('growth charts: SVG with a title and description, corrected or actual age for a baby born early, and the same data as a table', async ({ page }) => {
  const owner = await createConfirmedAccount('charts');
  const recordId = await createRecordFor(owner.context, 'Finn');
  await page.context().addCookies((await owner.context.storageState()).cookies);
  // Born 150 days ago at 30 weeks: 70 days early. One weight before the due date, two after.
  await addDetails(page, recordId, 150, '30', '1.3');
  await addWeight(page, recordId, '1.8', 130);
  await addWeight(page, recordId, '3.4', 60);
  await addWeight(page, recordId, '5.0', 1);
  await page.goto(`/record/${recordId}/growth-charts`);
  const weightChart = page.getByRole('img', { name: /^Weight chart: WHO Child Growth Standards for girls/ });
  await expect(weightChart).toBeVisible();
  await expect(page.locator('svg[role="img"]')).toHaveCount(3);
  await expect(page.getByText('Measurements are shown at corrected age')).toBeVisible();
  await expect(page.getByText(/1 measurement is not shown on the chart, because there is no corrected age before the due date/)).toBeVisible();
  await expect(weightChart.locator('circle:has(title)')).toHaveCount(2);
  await expect(page.getByRole('table', { name: 'Weight chart measurements' }).locator('tbody tr')).toHaveCount(3);
  await page.getByRole('link', { name: 'Show them at actual age' }).click();
  await expect(page.getByText('Measurements are shown at actual age')).toBeVisible();
  await expect(page.getByRole('img', { name: /^Weight chart/ }).locator('circle:has(title)')).toHaveCount(3);
  // No BMI chart before age 2.
  await expect(page.getByRole('heading', { name: /BMI/ })).toHaveCount(0);
});

test("a child who has died: an owner closes the record gently; it is kept read-only for the family and nothing is due", async ({ page }) => {
  const owner = await createConfirmedAccount('child-died');
  const carer = await createConfirmedAccount('child-died-carer');
  const recordId = await createRecordFor(owner.context, 'Gus');
  await shareRecord(owner.context, recordId, carer, 'carer');
  await page.context().addCookies((await owner.context.storageState()).cookies);
  await addDetails(page, recordId, 90, '40', '3.5');
  await addWeight(page, recordId, '5.2', 2);
  expect((await carer.context.get(`/record/${recordId}/close`, { maxRedirects: 0 })).status()).toBe(403);

  await page.goto(`/record/${recordId}`);
  await page.getByRole('link', { name: 'If your child has died' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('If your child has died');
  await page.getByRole('button', { name: 'Close the record' }).click();
  await expect(page.getByRole('alert')).toContainText('Tick the box if you want us to close this record');
  await page.getByLabel("I want to close Gus's record").check();
  await page.getByRole('button', { name: 'Close the record' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('We are so sorry');
  await expect(page.getByRole('link', { name: 'loss and grief' })).toHaveAttribute('href', '/topics/loss-and-grief');
  expect((await page.request.get('/topics/loss-and-grief')).status()).toBe(200);

  // Everyone who shares it can still read it; no one can add to it; nothing is due or overdue.
  const carerPage = await (await page.context().browser()!.newContext({ storageState: await carer.context.storageState() })).newPage();
  await carerPage.goto(`/record/${recordId}`);
  await expect(carerPage.getByText('This record is closed and kept for your family. We will not send you anything about it.')).toBeVisible();
  await carerPage.goto(`/record/${recordId}/measurements`);
  await expect(carerPage.locator('.portal-measurements__item')).toHaveCount(1);
  await expect(carerPage.getByRole('button', { name: 'Add measurement' })).toHaveCount(0);
  for (const path of ['immunisations', 'screening', 'reviews', 'firsts', 'notes']) {
    await carerPage.goto(`/record/${recordId}/${path}`);
    await expect(carerPage.locator('main form')).toHaveCount(0);
  }
  expect((await postForm(carer.context, `/record/${recordId}/firsts`, { first: 'smiled', ...Object.fromEntries(Object.entries(daysAgo(1)).map(([part, value]) => [`happenedOn-${part}`, value])) })).status()).toBe(409);
  await page.goto(`/record/${recordId}`);
  await expect(page.getByRole('link', { name: 'If your child has died' })).toHaveCount(0);
  await expect(page.locator('main')).not.toContainText(/congratulations/i);
});

test('a red book downloaded, and added back from the file, keeps every entry and who recorded it; the FHIR file is a Bundle with LOINC codes', async ({ page }) => {
  test.setTimeout(60_000);
  const owner = await createConfirmedAccount('portability');
  const recordId = await createRecordFor(owner.context, 'Hal');
  await page.context().addCookies((await owner.context.storageState()).cookies);
  await addDetails(page, recordId, 80, '40', '3.6');
  await addWeight(page, recordId, '5.4', 3);
  await postForm(owner.context, `/record/${recordId}/firsts`, { first: 'smiled', ...Object.fromEntries(Object.entries(daysAgo(40)).map(([part, value]) => [`happenedOn-${part}`, value])), provenance: 'parent-or-carer' });
  await postForm(owner.context, `/record/${recordId}/immunisations`, { vaccine: 'dtap-ipv-hib-hepb', ...Object.fromEntries(Object.entries(daysAgo(20)).map(([part, value]) => [`givenOn-${part}`, value])), provenance: 'professional', batch: 'XY12' });

  await page.goto(`/record/${recordId}/export`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the red book file (JSON)' }).click()]);
  const file = await download.path();
  expect(download.suggestedFilename()).toMatch(/^red-book-\d{4}-\d{2}-\d{2}\.json$/);

  await page.goto('/record/import');
  await page.getByLabel('Red book file').setInputFiles(file);
  await page.getByRole('button', { name: 'Add record' }).click();
  await expect(page.getByText('The record has been added from your file.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hal');
  await page.getByRole('link', { name: 'Show to a health professional' }).click();
  await expect(page.locator('tr', { hasText: 'Weight: 5.4 kg' })).toContainText('Added by a parent or carer');
  await expect(page.locator('tr', { hasText: '6-in-1 (dose 1)' })).toContainText('Given');
  await page.goto('/record');
  await expect(page.locator('.nhsuk-card__link')).toHaveText(['Hal', 'Hal']);

  // A file that is not a red book is turned back with a message, and nothing is added.
  await page.goto('/record/import');
  await page.getByLabel('Red book file').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": "world"}') });
  await page.getByRole('button', { name: 'Add record' }).click();
  await expect(page.getByRole('alert')).toContainText('The file must be a red book file downloaded from this service');

  const fhir = await (await owner.context.get(`/record/${recordId}/download?format=fhir`)).json();
  expect(fhir.resourceType).toBe('Bundle');
  const codes = fhir.entry.flatMap((entry: { resource: { resourceType: string; code?: { coding?: { code: string }[] } } }) => (entry.resource.resourceType === 'Observation' ? (entry.resource.code?.coding ?? []).map((coding) => coding.code) : []));
  expect(codes).toContain('29463-7');
  expect(fhir.entry.filter((entry: { resource: { resourceType: string } }) => entry.resource.resourceType === 'Immunization')).toHaveLength(1);
});

test('the antenatal health visitor contact: due from 28 weeks, recorded with who and notes, changed with history, and then no longer due', async ({ page }) => {
  const owner = await createConfirmedAccount('antenatal');
  const recordId = await createRecordFor(owner.context, 'Our pregnancy', 'pregnancy');
  await page.context().addCookies((await owner.context.storageState()).cookies);
  await page.goto(`/record/${recordId}/pregnancy`);
  // Due in 70 days: 30 weeks pregnant, so the contact is due.
  await fillDate(page, 'dueDate', daysAgo(-70));
  await page.getByRole('button', { name: 'Save due date' }).click();
  await expect(page.locator('.portal-measurements__item', { hasText: 'Antenatal visit from your health visitor' }).locator('.nhsuk-tag')).toHaveText('Due');

  await page.getByRole('button', { name: 'Record contact' }).click();
  await expect(page.getByRole('alert')).toContainText('Enter the date of the visit');
  await fillDate(page, 'doneOn', daysAgo(3));
  await page.getByLabel('Who contacted you (optional)').fill('Health visitor');
  await page.getByLabel('Notes (optional)').fill('Talked about feeding');
  await page.getByRole('button', { name: 'Record contact' }).click();
  await expect(page.getByText('Your antenatal health visitor contact has been recorded.')).toBeVisible();
  await expect(page.locator('.portal-measurements__item', { hasText: 'Antenatal visit from your health visitor' })).toHaveCount(0);
  await expect(page.getByText('By Health visitor.')).toBeVisible();

  await page.getByRole('link', { name: /^See history, change or delete/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Antenatal health visitor contact (from 28 weeks of pregnancy)');
  await page.getByRole('link', { name: 'Change this entry' }).click();
  await page.getByLabel('Notes (optional)').fill('Talked about feeding and sleep');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('link', { name: /^See history, change or delete/ }).click();
  await expect(page.locator('.portal-history > li')).toHaveCount(2);

  // The home card no longer lists it as due.
  await page.goto('/record');
  await expect(page.locator('.portal-this-week')).not.toContainText('Antenatal visit');
});
