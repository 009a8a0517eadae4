/**
 * Helpers for the signed-in journeys: reading the outbox the server writes emails to, and making
 * confirmed accounts, records and shared access through the real pages.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, request as playwrightRequest, type APIRequestContext } from '@playwright/test';

export const outboxDir = path.resolve('.test-output/e2e-outbox');
export const baseURL = `http://127.0.0.1:${process.env.E2E_PORT ?? 4399}`;
export const password = 'cloud puddle marmalade';

let counter = 0;

/** A fresh, unique email address for this run. */
export function uniqueEmail(label: string): string {
  counter += 1;
  return `${label}.${Date.now().toString(36)}${counter}@example.com`;
}

/** The newest email to `to` whose subject is `subject`, waiting up to `waitMs` (5 seconds) for it to arrive. */
export async function readEmail(to: string, subject: string, waitMs = 5000): Promise<string> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const files = await readdir(outboxDir).catch(() => [] as string[]);
    const texts = await Promise.all(files.sort().map((file) => readFile(path.join(outboxDir, file), 'utf8')));
    const match = texts.reverse().find((text) => text.includes(`\nTo: ${to}\n`) && text.includes(`\nSubject: ${subject}\n`));
    if (match) return match;
    if (Date.now() > deadline) throw new Error(`No email "${subject}" arrived for the test address`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Every email sent to `to` so far. */
export async function listEmailsTo(to: string): Promise<string[]> {
  const files = await readdir(outboxDir).catch(() => [] as string[]);
  const texts = await Promise.all(files.map((file) => readFile(path.join(outboxDir, file), 'utf8')));
  return texts.filter((text) => text.includes(`\nTo: ${to}\n`));
}

/** The link in an email whose path is `pathname`, made relative to the site. */
export function linkIn(email: string, pathname: string): string {
  const link = email.match(/https?:\/\/\S+/g)?.find((url) => new URL(url).pathname === pathname);
  if (!link) throw new Error(`No ${pathname} link in the email`);
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
}

/** The token of a link. */
export function tokenOf(link: string): string {
  return new URL(link, baseURL).searchParams.get('token') ?? '';
}

/** Posts a form from this site (with our Origin), without following redirects. */
export function postForm(context: APIRequestContext, url: string, form: Record<string, string>) {
  return context.post(url, { form, headers: { Origin: baseURL }, maxRedirects: 0 });
}

/** A signed-in API context for a new, confirmed account. */
export async function createConfirmedAccount(label: string): Promise<{ context: APIRequestContext; email: string }> {
  const email = uniqueEmail(label);
  const context = await playwrightRequest.newContext({ baseURL });
  expect((await postForm(context, '/account/sign-up', { email, password })).status()).toBe(200);
  const token = tokenOf(linkIn(await readEmail(email, 'Confirm your email address'), '/account/verify-email'));
  expect((await postForm(context, '/account/verify-email', { token })).status()).toBe(200);
  const signedIn = await postForm(context, '/account/sign-in', { email, password, returnTo: '/record' });
  expect(signedIn.status()).toBe(303);
  return { context, email };
}

/** Creates a record through the page and returns its id. */
export async function createRecordFor(context: APIRequestContext, name: string, kind: 'child' | 'pregnancy' = 'child'): Promise<string> {
  const response = await postForm(context, '/record/new', { kind, name });
  expect(response.status()).toBe(303);
  const id = response.headers().location?.split('/').pop() ?? '';
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  return id;
}

/** An owner invites `email` with `role`; the invitee accepts through the emailed link. */
export async function shareRecord(owner: APIRequestContext, recordId: string, invitee: { context: APIRequestContext; email: string }, role: 'owner' | 'carer' | 'viewer') {
  expect((await postForm(owner, `/record/${recordId}/sharing`, { email: invitee.email, role })).status()).toBe(200);
  const link = linkIn(await readEmail(invitee.email, 'You have been invited to share a child health record'), '/account/invitation');
  const accepted = await postForm(invitee.context, '/account/invitation', { token: tokenOf(link) });
  expect(accepted.status()).toBe(303);
  expect(accepted.headers().location).toBe(`/record/${recordId}`);
}
