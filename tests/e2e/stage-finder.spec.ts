/** "How old is your baby?": keyboard only, no date ever in a web address, errors in NHS style. */
import { expect, test, type Page } from '@playwright/test';
import { addDays, instantToLondonDate } from '../../src/dates/index.ts';
import { tabTo } from './keyboard.ts';

const today = instantToLondonDate(new Date());
const split = (date: string) => {
  const [year = '', month = '', day = ''] = date.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
};

async function typeDate(page: Page, prefix: string, date: string): Promise<void> {
  const { day, month, year } = split(date);
  await tabTo(page, page.locator(`#${prefix}-day`));
  await page.keyboard.type(day);
  await page.keyboard.press('Tab');
  await page.keyboard.type(month);
  await page.keyboard.press('Tab');
  await page.keyboard.type(year);
}

test('a parent types their baby\'s date of birth with the keyboard and reaches the right month, with no date in the address', async ({ page }) => {
  const posts: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST') posts.push(request.url());
  });
  await page.goto('/');
  await typeDate(page, 'birth', addDays(today, -70));
  await tabTo(page, page.getByRole('button', { name: "Show my baby's stage" }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/stages\/baby-month-2$/);
  expect(posts.every((url) => new URL(url).search === '')).toBe(true);
  expect(new URL(page.url()).pathname + new URL(page.url()).search).not.toMatch(/\d{4}/);
});

test('a baby born early and not yet due reaches the "born early" stage', async ({ page }) => {
  await page.goto('/');
  await page.locator('#birth-day').fill(split(addDays(today, -14)).day);
  await page.locator('#birth-month').fill(split(addDays(today, -14)).month);
  await page.locator('#birth-year').fill(split(addDays(today, -14)).year);
  await page.locator('#due-day').fill(split(addDays(today, 42)).day);
  await page.locator('#due-month').fill(split(addDays(today, 42)).month);
  await page.locator('#due-year').fill(split(addDays(today, 42)).year);
  await page.getByRole('button', { name: "Show my baby's stage" }).click();
  await expect(page).toHaveURL(/\/stages\/born-early$/);
});

test('a due date in 20 weeks goes to 20 weeks pregnant', async ({ page }) => {
  await page.goto('/');
  await typeDate(page, 'pregnancy-due', addDays(today, 140));
  await page.getByRole('button', { name: 'Show my week of pregnancy' }).click();
  await expect(page).toHaveURL(/\/stages\/pregnancy-week-20$/);
});

test('a date of birth in the future is turned back with a message, keeping what was typed', async ({ page }) => {
  await page.goto('/');
  const future = split(addDays(today, 3));
  await page.locator('#birth-day').fill(future.day);
  await page.locator('#birth-month').fill(future.month);
  await page.locator('#birth-year').fill(future.year);
  await page.getByRole('button', { name: "Show my baby's stage" }).click();
  await expect(page).toHaveURL(/\/find-your-stage$/);
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.getByRole('alert')).toContainText('Date of birth must be today or in the past');
  await expect(page.locator('#birth-day')).toHaveValue(future.day);
});

test('empty and cross-site submissions never cause a server error', async ({ request, baseURL }) => {
  const origin = new URL(baseURL ?? 'http://127.0.0.1').origin;
  const empty = await request.post('/find-your-stage', { headers: { 'content-type': 'application/x-www-form-urlencoded', origin }, data: 'kind=born' });
  expect(empty.status()).toBe(400);
  expect(await empty.text()).toContain("Enter your baby&#39;s date of birth");
  const crossSite = await request.post('/find-your-stage', { headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' }, data: 'kind=born' });
  expect(crossSite.status()).toBe(403);
});
