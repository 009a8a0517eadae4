/**
 * Guessing passwords over HTTP: after 10 wrong attempts an account is refused (even the right password)
 * with a message saying how long to wait, and an address with no account gets exactly the same answers,
 * status by status and word by word, so guessing cannot reveal who has an account.
 */
import { expect, request as playwrightRequest, test } from '@playwright/test';
import { baseURL, createConfirmedAccount, password, postForm, uniqueEmail } from './accounts.ts';

test('ten wrong passwords, then refused, for a real account and an unknown address alike', async () => {
  const owner = await createConfirmedAccount('brute-force');
  const unknown = uniqueEmail('brute-force-unknown');
  const answers: Record<string, string[]> = {};
  for (const email of [owner.email, unknown]) {
    const context = await playwrightRequest.newContext({ baseURL });
    answers[email] = [];
    for (let attempt = 1; attempt <= 11; attempt += 1) {
      const response = await postForm(context, '/account/sign-in', { email, password: `wrong guess ${attempt}` });
      // The address typed is echoed back into the form; everything else must match.
      const body = (await response.text()).replaceAll(email, 'EMAIL');
      answers[email].push(`${response.status()} ${body}`);
    }
    const rightPassword = await postForm(context, '/account/sign-in', { email, password });
    expect(rightPassword.status(), 'the right password is refused too while the account is locked').toBe(429);
    await context.dispose();
  }
  const known = answers[owner.email] ?? [];
  const unknownAnswers = answers[unknown] ?? [];
  expect(known.map((answer) => answer.slice(0, 3))).toEqual([...Array(10).fill('400'), '429']);
  expect(known.at(-1)).toContain('You have tried too many times. Wait 15 minutes and try again');
  expect(unknownAnswers).toEqual(known);
});
