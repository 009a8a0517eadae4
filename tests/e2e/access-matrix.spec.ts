/**
 * The access matrix: every route under /record and /account, found by reading the routes folder, so
 * a new route fails this test until its row is written. Five people ask for each with GET and POST:
 * a visitor, the record's owner, a carer, a viewer, and a second family. Statuses are checked without
 * following redirects. A second family never sees the record's contents and never changes anything.
 */
import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test';
import { baseURL, createConfirmedAccount, createRecordFor, postForm, shareRecord } from './accounts.ts';
import { findSignedInRouteFiles, routeFileToUrl } from './routes.ts';

type Role = 'visitor' | 'owner' | 'carer' | 'viewer' | 'secondFamily';
type Statuses = Readonly<Record<Role, number>>;
const roles: readonly Role[] = ['visitor', 'owner', 'carer', 'viewer', 'secondFamily'];

/** The same status for every signed-in person; visitors are sent to sign in (303). */
const signedIn = (status: number): Statuses => ({ visitor: 303, owner: status, carer: status, viewer: status, secondFamily: status });
const everyone = (status: number): Statuses => ({ visitor: status, owner: status, carer: status, viewer: status, secondFamily: status });
/** A record route: what the owner, carer and viewer get; the second family always gets 404 and visitors 303. */
const onRecord = (owner: number, carer: number, viewer: number): Statuses => ({ visitor: 303, owner, carer, viewer, secondFamily: 404 });

/**
 * Route file (relative to site/pages) → expected status for each person, for GET and for a POST of an
 * empty form from this site. Routes that end sessions or leave the record are asked last (see `lastRoutes`).
 */
const matrix: Readonly<Record<string, { readonly GET: Statuses; readonly POST: Statuses }>> = {
  'account/index.astro': { GET: signedIn(200), POST: signedIn(200) },
  'account/sign-up.astro': { GET: { ...signedIn(303), visitor: 200 }, POST: everyone(400) },
  'account/sign-in.astro': { GET: { ...signedIn(303), visitor: 200 }, POST: everyone(400) },
  'account/sign-out.astro': { GET: { ...signedIn(200), visitor: 303 }, POST: everyone(303) },
  'account/sign-out-everywhere.ts': { GET: signedIn(303), POST: signedIn(303) },
  'account/reset-password.astro': { GET: everyone(200), POST: everyone(400) },
  'account/verify-email.astro': { GET: everyone(410), POST: everyone(410) },
  'account/confirm-email.astro': { GET: everyone(410), POST: everyone(410) },
  'account/change-password.astro': { GET: signedIn(200), POST: signedIn(400) },
  'account/change-email.astro': { GET: signedIn(200), POST: signedIn(400) },
  'account/download.ts': { GET: signedIn(200), POST: signedIn(405) },
  // Only the page's own buttons (action=create or stop) change anything: an empty form is refused.
  'account/calendar.astro': { GET: signedIn(200), POST: signedIn(400) },
  'account/delete.astro': { GET: signedIn(200), POST: signedIn(400) },
  'account/invitation.astro': { GET: signedIn(410), POST: signedIn(410) },
  // Nobody here has two-step verification on: its pages send them on, and an empty set-up form is refused.
  'account/two-step.astro': { GET: signedIn(303), POST: signedIn(303) },
  'account/two-step/set-up.astro': { GET: signedIn(200), POST: signedIn(400) },
  'account/two-step/recovery-codes.astro': { GET: signedIn(303), POST: signedIn(303) },
  'account/two-step/turn-off.astro': { GET: signedIn(303), POST: signedIn(303) },
  'account/sessions.astro': { GET: signedIn(200), POST: signedIn(400) },
  'account/sign-in-again.astro': { GET: signedIn(200), POST: signedIn(200) },
  'account/passkeys.astro': { GET: signedIn(200), POST: signedIn(400) },
  // The passkey endpoints take JSON: an empty form is refused, and only POST is answered.
  'account/passkey/registration/options.ts': { GET: signedIn(405), POST: signedIn(400) },
  'account/passkey/registration/verify.ts': { GET: signedIn(405), POST: signedIn(400) },
  'account/passkey/second-step/options.ts': { GET: signedIn(405), POST: signedIn(400) },
  'account/passkey/second-step/verify.ts': { GET: signedIn(405), POST: signedIn(400) },
  'account/passkey/sign-in/options.ts': { GET: everyone(405), POST: everyone(200) },
  'account/passkey/sign-in/verify.ts': { GET: everyone(405), POST: everyone(400) },
  // This server has no OpenID Connect provider configured: the NHS login pages are not there (tests/e2e/oidc.spec.ts has one).
  'account/nhs-login.astro': { GET: signedIn(404), POST: signedIn(404) },
  'account/oidc/start.astro': { GET: everyone(404), POST: everyone(404) },
  'account/oidc/callback.astro': { GET: everyone(404), POST: everyone(404) },
  'record/index.astro': { GET: signedIn(200), POST: signedIn(200) },
  'record/new.astro': { GET: signedIn(200), POST: signedIn(400) },
  'record/[recordId]/index.astro': { GET: onRecord(200, 200, 200), POST: onRecord(200, 200, 200) },
  'record/[recordId]/notes.astro': { GET: onRecord(200, 200, 200), POST: onRecord(400, 400, 403) },
  'record/[recordId]/details.astro': { GET: onRecord(200, 200, 200), POST: onRecord(400, 400, 403) },
  'record/[recordId]/measurements.astro': { GET: onRecord(200, 200, 200), POST: onRecord(400, 400, 403) },
  'record/[recordId]/immunisations.astro': { GET: onRecord(200, 200, 200), POST: onRecord(400, 400, 403) },
  'record/[recordId]/screening.astro': { GET: onRecord(200, 200, 200), POST: onRecord(400, 400, 403) },
  'record/[recordId]/reviews.astro': { GET: onRecord(200, 200, 200), POST: onRecord(400, 400, 403) },
  'record/[recordId]/firsts.astro': { GET: onRecord(200, 200, 200), POST: onRecord(400, 400, 403) },
  // An empty post is not the confirmation page's "Yes, delete it", so it deletes nothing.
  'record/[recordId]/entries/[entryId].astro': { GET: onRecord(200, 200, 200), POST: onRecord(400, 400, 403) },
  'record/[recordId]/growth-charts.astro': { GET: onRecord(200, 200, 200), POST: onRecord(200, 200, 200) },
  // Everyone who shares a record chooses the weekly email for themselves; an empty form turns it off.
  'record/[recordId]/reminders.astro': { GET: onRecord(200, 200, 200), POST: onRecord(303, 303, 303) },
  'record/[recordId]/timeline.astro': { GET: onRecord(200, 200, 200), POST: onRecord(200, 200, 200) },
  'record/[recordId]/summary.astro': { GET: onRecord(200, 200, 200), POST: onRecord(200, 200, 200) },
  'record/[recordId]/print.astro': { GET: onRecord(200, 200, 200), POST: onRecord(200, 200, 200) },
  'record/[recordId]/export.astro': { GET: onRecord(200, 200, 200), POST: onRecord(200, 200, 200) },
  // Downloads answer anything but GET with 405 before looking at the record, so no one learns anything from it.
  'record/[recordId]/download.ts': { GET: onRecord(200, 200, 200), POST: { ...signedIn(405), visitor: 303 } },
  'record/[recordId]/close.astro': { GET: onRecord(200, 403, 403), POST: onRecord(400, 403, 403) },
  'record/import.astro': { GET: signedIn(200), POST: signedIn(400) },
  // The matrix's record is a child's: the pregnancy pages answer "not found" for it, for everyone.
  'record/[recordId]/pregnancy.astro': { GET: onRecord(404, 404, 404), POST: onRecord(404, 404, 403) },
  'record/[recordId]/outcome.astro': { GET: onRecord(404, 403, 403), POST: onRecord(404, 403, 403) },
  'record/[recordId]/sharing.astro': { GET: onRecord(200, 403, 403), POST: onRecord(400, 403, 403) },
  'record/[recordId]/sharing/remove.astro': { GET: onRecord(303, 403, 403), POST: onRecord(400, 403, 403) },
  'record/[recordId]/sharing/cancel.astro': { GET: onRecord(303, 403, 403), POST: onRecord(400, 403, 403) },
  'record/[recordId]/activity.astro': { GET: onRecord(200, 403, 403), POST: onRecord(200, 403, 403) },
  'record/[recordId]/delete.astro': { GET: onRecord(200, 403, 403), POST: onRecord(400, 403, 403) },
  // The only owner cannot leave (409); carers and viewers can, so this row is asked last of all.
  'record/[recordId]/leave.astro': { GET: onRecord(200, 200, 200), POST: onRecord(409, 303, 303) },
};

/** Asked after every other route, in this order: they end sessions or change who can see the record. */
const lastRoutes = ['record/[recordId]/leave.astro', 'account/sign-out-everywhere.ts', 'account/sign-out.astro'];



test('every route under /record and /account has a row in the access matrix', () => {
  expect(findSignedInRouteFiles()).toEqual(Object.keys(matrix).sort());
});

test.describe.serial('the access matrix', () => {
  const people = {} as Record<Role, APIRequestContext>;
  let recordId = '';
  let entryId = '';
  let secrets: string[] = [];

  test.beforeAll(async () => {
    const owner = await createConfirmedAccount('matrix-owner');
    const carer = await createConfirmedAccount('matrix-carer');
    const viewer = await createConfirmedAccount('matrix-viewer');
    const secondFamily = await createConfirmedAccount('matrix-second');
    recordId = await createRecordFor(owner.context, 'Matrixchild');
    await postForm(owner.context, `/record/${recordId}/notes`, { note: 'Secret note about the matrix child' });
    await postForm(owner.context, `/record/${recordId}/details`, { 'dateOfBirth-day': '1', 'dateOfBirth-month': '3', 'dateOfBirth-year': '2026', sex: 'female', gestationWeeks: '40', gestationDays: '0' });
    await postForm(owner.context, `/record/${recordId}/firsts`, { first: 'own', label: 'Secret first of the matrix child', 'happenedOn-day': '2', 'happenedOn-month': '3', 'happenedOn-year': '2026' });
    entryId = /\/entries\/([0-9a-f-]{36})/.exec(await (await owner.context.get(`/record/${recordId}/firsts`)).text())?.[1] ?? '';
    expect(entryId).not.toBe('');
    await shareRecord(owner.context, recordId, carer, 'carer');
    await shareRecord(owner.context, recordId, viewer, 'viewer');
    await createRecordFor(secondFamily.context, 'Otherchild');
    Object.assign(people, { visitor: await playwrightRequest.newContext({ baseURL }), owner: owner.context, carer: carer.context, viewer: viewer.context, secondFamily: secondFamily.context });
    secrets = ['Matrixchild', 'Secret note about the matrix child', 'Secret first of the matrix child', owner.email, carer.email, viewer.email];
  });

  const ordered = [...Object.keys(matrix).filter((route) => !lastRoutes.includes(route)), ...lastRoutes];
  for (const method of ['GET', 'POST'] as const) {
    for (const route of method === 'GET' ? ordered : ordered.filter((candidate) => !lastRoutes.includes(candidate))) {
      test(`${method} ${route}`, async () => {
        const seen: string[] = [];
        for (const role of roles) {
          const url = routeFileToUrl(route, recordId, entryId);
          const response = method === 'GET' ? await people[role].get(url, { maxRedirects: 0 }) : await postForm(people[role], url, {});
          seen.push(`${role} ${response.status()}`);
          if (role === 'secondFamily' || role === 'visitor') {
            const body = await response.text();
            for (const secret of secrets) expect(body, `${role} must not see the record's contents`).not.toContain(secret);
          }
          if (role !== 'visitor' || route.startsWith('record/')) expect(response.headers()['cache-control']).toBe('no-store');
        }
        expect(seen).toEqual(roles.map((role) => `${role} ${matrix[route]?.[method][role]}`));
      });
    }
  }

  // The routes that end sessions or change membership, asked last: each person in turn.
  for (const route of lastRoutes) {
    test(`POST ${route}`, async () => {
      const seen: string[] = [];
      for (const role of roles) {
        const response = await postForm(people[role], routeFileToUrl(route, recordId, entryId), {});
        seen.push(`${role} ${response.status()}`);
      }
      expect(seen).toEqual(roles.map((role) => `${role} ${matrix[route]?.POST[role]}`));
    });
  }

  test(`the matrix covers ${Object.keys(matrix).length} routes × ${roles.length} people × 2 methods`, () => {
    expect(Object.keys(matrix).length * roles.length * 2).toBeGreaterThanOrEqual(200);
  });
});
