/**
 * Property-based fuzzing (fast-check) of every form and endpoint the server runs on demand, read from
 * the routes folder so a new route is fuzzed as soon as it exists. For each route, FUZZ_CASES (1,000 by
 * default) generated requests: POST bodies built from the fields of the route's own form (and the values
 * it offers) plus hostile text, strangers and repeats, sent form-encoded or multipart; and query strings
 * from every parameter name the site reads:
 *   - never a server error (5xx);
 *   - every rejection (4xx) carries a message a person can read;
 *   - a batch in which everything was rejected stores nothing and sends no email.
 * The fuzzing runs against a server of its own, so its many sign-in attempts cannot lock out other tests.
 * FUZZ_SEED reproduces a run; a failure names the route, the case and the seed. FUZZ_ROUTES (a pattern)
 * picks routes, for long runs.
 */
import { expect, test } from '@playwright/test';
import fc from 'fast-check';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPortalDatabase, seedFamily, startPortal, type PortalServer } from './fault-servers.ts';
import { findOnDemandRouteFiles, findQueryParameterNames, routeFileToUrl } from './routes.ts';

const casesPerRoute = Number(process.env.FUZZ_CASES ?? 1000);
/** Only the routes whose file matches this pattern, when set (`npm run bench` fuzzes the forms that store data at 10,000 cases). */
const routeFilter = process.env.FUZZ_ROUTES ? new RegExp(process.env.FUZZ_ROUTES) : null;
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2_147_483_647);
/** Requests in flight at once: enough to keep the server busy, few enough for a 2-core machine. */
const concurrency = 4;
/** Cases between two checks that nothing was stored. */
const batchSize = 50;

/** Account pages a visitor uses: fuzzed without a session, the way a visitor sends them. */
const visitorRoutes = new Set(['account/sign-up.astro', 'account/sign-in.astro', 'account/reset-password.astro', 'account/verify-email.astro', 'account/confirm-email.astro']);
/** Routes that end every session of the person when they succeed: fuzzed with a session that has ended (a successful sign-out is tested in accounts.spec.ts). */
const sessionEndingRoutes = new Set(['account/sign-out.astro', 'account/sign-out-everywhere.ts']);

/** Text a person, a broken browser or an attacker might send. */
const hostileText = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.integer({ min: -100_000, max: 100_000 }).map(String) },
  { weight: 2, arbitrary: fc.double({ noNaN: false }).map(String) },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10)) },
  { weight: 1, arbitrary: fc.emailAddress() },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '', ' ', '0', '-1', '1e309', 'NaN', '29', '31', '2', '12', '13', '2024', '2026', '1900', 'yes', 'no', 'on', 'child', 'pregnancy', 'owner', 'carer', 'viewer',
      'weight', 'length', 'height', 'head-circumference', '<script>alert(1)</script>', "' or 1=1 --", '../../etc/passwd', '\u0000', '\r\n', '%00', '١٢', '１２',
      '00000000-0000-4000-8000-000000000000', 'x'.repeat(3000), 'https://evil.example/', '//evil.example', '/record', 'javascript:alert(1)',
    ),
  },
);

/** The fields (and the values the page offers for them) of the POST forms on a page that send to `pathname`. */
function readForms(html: string, pathname: string): { fields: Map<string, string[]>; multipart: Set<string> } {
  const fields = new Map<string, string[]>();
  const multipart = new Set<string>();
  for (const form of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const attributes = form[1] ?? '';
    if (!/method="post"/i.test(attributes)) continue;
    const action = /action="([^"]*)"/.exec(attributes)?.[1]?.replace(/&amp;/g, '&');
    if (action !== undefined && action.split('?')[0] !== pathname) continue;
    for (const control of (form[2] ?? '').matchAll(/<(input|select|textarea)\b([^>]*)>/g)) {
      const name = /\bname="([^"]+)"/.exec(control[2] ?? '')?.[1];
      if (!name) continue;
      const values = fields.get(name) ?? [];
      const value = /\bvalue="([^"]*)"/.exec(control[2] ?? '')?.[1];
      if (value !== undefined) values.push(value.replace(/&amp;/g, '&').replace(/&quot;/g, '"'));
      fields.set(name, values);
      if (/type="file"/.test(control[2] ?? '')) multipart.add(name);
    }
    for (const option of (form[2] ?? '').matchAll(/<select\b[^>]*\bname="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
      const values = fields.get(option[1] ?? '') ?? [];
      for (const choice of (option[2] ?? '').matchAll(/<option\b[^>]*value="([^"]*)"/g)) values.push(choice[1] ?? '');
    }
  }
  return { fields, multipart };
}

/** One generated request. */
interface FuzzCase {
  readonly method: 'GET' | 'POST';
  readonly query: readonly (readonly [string, string])[];
  readonly fields: readonly (readonly [string, string])[];
  readonly encoding: 'urlencoded' | 'multipart';
}

/** Generated POST bodies: the route's fields (often left out), the values it offers, hostile text, strangers and repeats. */
function postCases(fields: Map<string, string[]>, multipart: boolean): fc.Arbitrary<FuzzCase> {
  const names = [...fields.keys()];
  const valueFor = (name: string) => {
    const offered = fields.get(name) ?? [];
    return offered.length > 0 ? fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...offered) }, { weight: 3, arbitrary: hostileText }) : hostileText;
  };
  const known = fc.tuple(...names.map((name) => fc.option(valueFor(name).map((value) => [name, value] as const), { nil: undefined, freq: 3 })));
  const strangers = fc.array(fc.tuple(fc.oneof(fc.constantFrom('note', 'name', 'kind', 'email', 'password', 'confirm', 'token', 'role', ...names), fc.string({ maxLength: 8 })), hostileText), { maxLength: 3 });
  return fc.record({ known, strangers, encoding: multipart ? fc.constant('multipart' as const) : fc.constantFrom('urlencoded' as const, 'urlencoded' as const, 'urlencoded' as const, 'multipart' as const) }).map(({ known: chosen, strangers: extra, encoding }) => ({
    method: 'POST' as const,
    query: [],
    fields: [...chosen.filter((pair): pair is readonly [string, string] => pair !== undefined), ...extra],
    encoding,
  }));
}

/** Generated query strings from every parameter name the site reads. */
function getCases(parameterNames: readonly string[]): fc.Arbitrary<FuzzCase> {
  return fc.array(fc.tuple(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...parameterNames) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }), hostileText), { maxLength: 4 }).map((query) => ({ method: 'GET' as const, query, fields: [], encoding: 'urlencoded' as const }));
}

/** What was wrong with the server's answer to a case, or null when it was right. */
function findProblem(status: number, contentType: string, body: string): string | null {
  if (status >= 500) return `answered ${status}`;
  if (status < 400) return null;
  if (body.trim() === '') return `answered ${status} with an empty body`;
  if (contentType.includes('text/html')) {
    if (!/<h1[^>]*>\s*[^<\s]/.test(body)) return `answered ${status} without a heading saying what happened`;
    // A form sent back to be fixed lists what to fix. (A 400 page without a form says what happened in its heading and text.)
    const formSentBack = /<form\b[^>]*method="post"/i.test(body.replace(/<header[\s\S]*?<\/header>/, ''));
    if (status === 400 && formSentBack && !/nhsuk-error-summary[\s\S]*?<li\b[^>]*>\s*<a\b[^>]*>\s*[^<\s]/.test(body)) return 'answered 400 with its form but without an error summary naming what to fix';
  }
  return null;
}

test.describe('fuzzing every on-demand form and endpoint', () => {
  const routes = findOnDemandRouteFiles().filter((route) => !routeFilter || routeFilter.test(route));
  const parameterNames = findQueryParameterNames();
  const recordRoutes = routes.filter((route) => route.includes('[recordId]'));
  let server: PortalServer;
  let dataDir = '';
  let family: Awaited<ReturnType<typeof seedFamily>>;
  let nextChild = 0;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'portal-fuzz-pglite-'));
    // A fresh child record for every record route (and a pregnancy for the pregnancy pages): a case that
    // closes or deletes a record must not change what the next route is fuzzed against.
    family = await seedFamily(await openPortalDatabase({ kind: 'pglite', dataDir }), { email: 'fuzz-carer@example.com', children: recordRoutes.length + 2, pregnancies: 2 });
    server = await startPortal({ kind: 'pglite', dataDir });
    console.log(`fuzzing ${routes.length} on-demand routes, ${casesPerRoute} generated requests each (POST bodies and query strings) (FUZZ_SEED=${seed})`);
  });

  test.afterAll(async () => {
    await server?.stop('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The owner's data (without the moment it was exported) and the number of emails sent. */
  async function snapshot(): Promise<string> {
    const response = await fetch(`${server.url}/account/download`, { headers: { Cookie: `session=${family.token}` } });
    expect(response.status, 'the owner can still download their data').toBe(200);
    const data = (await response.json()) as Record<string, unknown>;
    delete data.exportedAt;
    return `${JSON.stringify(data)}\n${readdirSync(server.outboxDir).length} emails`;
  }

  for (const [routeIndex, route] of routes.entries()) {
    test(`${route}: generated requests never get a server error, every rejection says why, and rejected batches store nothing`, async () => {
      test.setTimeout(600_000);
      // Pregnancy pages (and the outcome of a pregnancy) get a pregnancy record; every other record page a child's.
      const recordId = route.includes('pregnancy') ? (family.pregnancyRecordIds[0] ?? '') : route.includes('outcome') ? (family.pregnancyRecordIds[1] ?? '') : (family.childRecordIds[route.includes('[recordId]') ? nextChild++ : 0] ?? '');
      let entryId: string | undefined;
      if (route.includes('[entryId]')) {
        // A real entry, so that editing it is fuzzed too.
        const day = new Date().toISOString().slice(0, 10).split('-');
        await fetch(`${server.url}/record/${recordId}/measurements`, {
          method: 'POST',
          redirect: 'manual',
          headers: { Origin: server.url, Cookie: `session=${family.token}`, 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ quantity: 'weight', value: '6.1', 'measuredOn-day': String(Number(day[2])), 'measuredOn-month': String(Number(day[1])), 'measuredOn-year': day[0] ?? '', measuredBy: 'parent-or-carer' }),
        });
        const page = await (await fetch(`${server.url}/record/${recordId}/measurements`, { headers: { Cookie: `session=${family.token}` } })).text();
        entryId = new RegExp(`/record/${recordId}/entries/([0-9a-f-]{36})`).exec(page)?.[1];
        expect(entryId, 'a measurement to fuzz the entry page with').toBeTruthy();
      }
      const token = route.includes('[token]') ? 'not-a-real-calendar-token' : '';
      const url = routeFileToUrl(route, recordId, entryId).replace('[token]', token);
      const pathname = url.split('?')[0] ?? url;
      const asVisitor = visitorRoutes.has(route);
      const cookie = asVisitor ? '' : `session=${sessionEndingRoutes.has(route) ? 'a-session-that-has-ended' : family.token}`;
      const page = await fetch(`${server.url}${url}`, { headers: { Cookie: cookie } });
      const { fields, multipart } = readForms(await page.text(), pathname);
      const arbitrary = fc.oneof(postCases(fields, multipart.size > 0), getCases(parameterNames));
      const cases = fc.sample(arbitrary, { numRuns: casesPerRoute, seed: seed + routeIndex });

      const send = async (fuzzCase: FuzzCase): Promise<{ status: number; problem: string | null }> => {
        const query = fuzzCase.query.length > 0 ? `?${new URLSearchParams(fuzzCase.query.map(([name, value]) => [name, value])).toString()}` : '';
        let body: BodyInit | undefined;
        if (fuzzCase.method === 'POST') {
          if (fuzzCase.encoding === 'multipart') {
            const form = new FormData();
            for (const [name, value] of fuzzCase.fields) {
              if (multipart.has(name)) form.append(name, new Blob([value], { type: 'application/json' }), 'red-book.json');
              else form.append(name, value);
            }
            body = form;
          } else {
            body = new URLSearchParams(fuzzCase.fields.map(([name, value]) => [name, value]));
          }
        }
        const response = await fetch(`${server.url}${url}${query}`, { method: fuzzCase.method, redirect: 'manual', headers: { Origin: server.url, Cookie: cookie }, body });
        const text = await response.text();
        return { status: response.status, problem: findProblem(response.status, response.headers.get('content-type') ?? '', text) };
      };

      const statuses = new Map<number, number>();
      for (let start = 0; start < cases.length; start += batchSize) {
        const batch = cases.slice(start, start + batchSize);
        const before = await snapshot();
        let allRejected = true;
        for (let offset = 0; offset < batch.length; offset += concurrency) {
          const slice = batch.slice(offset, offset + concurrency);
          const answers = await Promise.all(slice.map(send));
          for (const [index, answer] of answers.entries()) {
            statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
            if (answer.status < 400 && slice[index]?.method === 'POST') allRejected = false;
            if (answer.problem) throw new Error(`${route} ${answer.problem} for ${JSON.stringify(slice[index])} (reproduce with FUZZ_SEED=${seed})`);
          }
        }
        if (allRejected) expect(await snapshot(), `${route}: a batch of rejected requests changed what is stored (FUZZ_SEED=${seed})`).toBe(before);
      }
      console.log(`${route}: ${cases.length} cases, answers ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`);
    });
  }
});
