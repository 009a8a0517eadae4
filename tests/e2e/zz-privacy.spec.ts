/**
 * Privacy scan, run after the rest of the e2e suite (files run in name order): a family's personal data
 * (name, NHS number, date of birth, email, the text of a note) entered through the pages never appears in
 * the server's log, in the Pagefind search index, or in any URL the browser asked for while reading and
 * changing every part of the record.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { createConfirmedAccount, createRecordFor, postForm } from './accounts.ts';
import { findSignedInRouteFiles, routeFileToUrl } from './routes.ts';

const serverLog = path.resolve('.test-output/e2e-server.log');
const pagefindFragments = path.resolve('dist/client/pagefind/fragment');

test('no personal data in the server log, the search index or any URL visited', async ({ page }) => {
  test.setTimeout(120_000);
  const owner = await createConfirmedAccount('privacy-scan');
  const name = 'Quillonby';
  const recordId = await createRecordFor(owner.context, name);
  const born = new Date(Date.now() - 200 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
  const [year, month, day] = born.split('-');
  await postForm(owner.context, `/record/${recordId}/details`, {
    'dateOfBirth-day': String(Number(day)),
    'dateOfBirth-month': String(Number(month)),
    'dateOfBirth-year': year ?? '',
    sex: 'female',
    gestationWeeks: '39',
    gestationDays: '0',
    nhsNumber: '943 476 5919',
    healthProblems: 'Xylophagous reflux',
  });
  await postForm(owner.context, `/record/${recordId}/notes`, { note: 'Vorpalish teething note' });
  await postForm(owner.context, `/record/${recordId}/measurements`, { quantity: 'weight', value: '6.9', 'measuredOn-day': String(Number(day)), 'measuredOn-month': String(Number(month)), 'measuredOn-year': year ?? '' });

  const visited: string[] = [];
  page.on('request', (request) => visited.push(request.url()));
  await page.context().addCookies((await owner.context.storageState()).cookies);
  for (const route of findSignedInRouteFiles().filter((file) => !/sign-out|leave|delete|sharing\/|close|download/.test(file))) {
    await page.goto(routeFileToUrl(route, recordId));
  }
  await page.goto(`/record/${recordId}/timeline?show=recorded`);
  await page.goto('/search?q=reflux');

  const secrets = [name, '9434765919', '943 476 5919', born, 'Xylophagous', 'Vorpalish', owner.email];
  const urls = visited.join('\n');
  for (const secret of secrets) expect(urls, 'a URL visited').not.toContain(secret);

  const log = readFileSync(serverLog, 'utf8');
  expect(log.length).toBeGreaterThan(0);
  for (const secret of [...secrets, '@example.com']) expect(log, 'the server log').not.toContain(secret);

  // Pagefind fragments are gzip; the index holds only the public guidance pages.
  const index = readdirSync(pagefindFragments)
    .map((file) => gunzipSync(readFileSync(path.join(pagefindFragments, file))).toString('utf8'))
    .join('\n');
  expect(index).toContain('safe sleep');
  for (const secret of [...secrets, '@example.com', '/record/', '/account/']) expect(index, 'the search index').not.toContain(secret);
});
