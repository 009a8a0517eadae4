/**
 * Signed-in load: PostgreSQL seeded with synthetic families (scripts/seed-families.ts), the built
 * portal served by `scripts/serve.ts`, and autocannon driving it over loopback with a random signed-in
 * family on every request. Four targets, one after another in the same run, on the same machine:
 *   - a bare Node `http` server (a child process, like the portal) answering the bytes `/record` answered:
 *     the machine's limit;
 *   - `/health/live`, an on-demand route that does nothing, in the portal's own server: the framework's floor;
 *   - `/record`, the signed-in home, and a child's timeline.
 * SQL statements per request are counted by PostgreSQL itself: `pg_stat_database.xact_commit` of the
 * bench database across a fixed number of requests to each route (every statement the portal sends outside
 * a transaction is one transaction), divided by that number; an in-process count of the same page work
 * (the middleware's session check and the page's reads) is shown beside it.
 * Everything listens on 127.0.0.1, every run stops after its duration, and the children are stopped on exit.
 *
 *   node bench/signed-in-load.ts [families] [seconds]      (10,000 and 10 by default; run `npm run build` first)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { findFreePort } from '../scripts/free-port.ts';
import { fileURLToPath } from 'node:url';
import autocannon, { type Options, type Result as LoadResult } from 'autocannon';
import postgres from 'postgres';
import { getSessionCookieName } from '../site/lib/session-cookie.ts';
import { createSession, generateSessionToken, validateSessionToken } from '../src/auth/session.ts';
import { createDatasetSource, parseDatasetNdjson } from '../src/content/dataset.ts';
import { instantToLondonDate } from '../src/dates/index.ts';
import { createDatabase, type Database } from '../src/db/index.ts';
import { listNotes } from '../src/records/notes.ts';
import { listEntries, readRecord } from '../src/red-book/entries.ts';
import { listHomeRecords } from '../src/timeline/card.ts';
import { createSeedProgressPrinter, seedFamilies } from '../scripts/seed-families.ts';
import type { Result } from './result.ts';

const projectDir = fileURLToPath(new URL('..', import.meta.url));
const serverEntry = fileURLToPath(new URL('../dist/server/entry.mjs', import.meta.url));
const serveScript = fileURLToPath(new URL('../scripts/serve.ts', import.meta.url));
const migrationsDir = fileURLToPath(new URL('../drizzle', import.meta.url));
const datasetPath = fileURLToPath(new URL('../studio/data/production.ndjson', import.meta.url));

/** What `benchmarkSignedInLoad` does. */
export interface SignedInLoadOptions {
  /** Families seeded (10,000 by default). */
  readonly families?: number;
  /** Seconds of load on each target (10 by default). */
  readonly durationSeconds?: number;
  /** Concurrent connections (50 by default). */
  readonly connections?: number;
  /** Signed-in families the requests are spread over, one session each (1,000 by default). */
  readonly sessions?: number;
  /** A PostgreSQL database the bench may create and drop: the server's maintenance database is used only to do that. */
  readonly postgresUrl?: string;
  /** The bench database's name (`bench_load`): dropped and created again at the start of each run, dropped at the end. */
  readonly databaseName?: string;
  /** Keep the bench database afterwards, to look at it. */
  readonly keepDatabase?: boolean;
}

/** One target's load run. */
interface Measured {
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly responses: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
}

/** A signed-in family as a request carries it. */
interface Visitor {
  readonly cookie: string;
  readonly timelinePath: string;
}

const log = (line: string) => console.log(line);
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const format = (value: number, digits = 0) => value.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Waits until `url` answers 200, or the child exits, or 60 s pass. */
async function waitForUrl(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server stopped before it answered (exit code ${child.exitCode}):\n${output()}`);
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // Not listening yet.
    }
    await wait(200);
  }
  throw new Error(`The server did not answer ${url} within 60 s:\n${output()}`);
}

/** Starts a child process, keeping what it prints, and stops it when this process exits. */
function startChild(args: readonly string[], env: NodeJS.ProcessEnv, children: Set<ChildProcess>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, args, { cwd: projectDir, env, stdio: ['pipe', 'pipe', 'pipe'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return { child, output: () => text };
}

/** Stops a child process and waits for it to go (SIGKILL after 5 s). */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await gone;
  clearTimeout(timer);
}

/** The bare Node server: the same status, headers and body for every request, from its own process. */
const bareServerSource = `
import http from 'node:http';
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const { headers, body } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const bytes = Buffer.from(body, 'base64');
const server = http.createServer((request, response) => {
  response.writeHead(200, { ...headers, 'content-length': bytes.length });
  response.end(bytes);
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

/** Requests made to warm each target up, and again to count its SQL statements. */
const countedRequests = 300;

/** One GET a visitor, signed in with their session cookie; each connection goes through them all in its own random order. */
function spreadOver(visitors: readonly Visitor[], pathOf: (visitor: Visitor) => string, cookieName: string): Pick<Options, 'requests' | 'setupClient'> {
  const requests = visitors.map((visitor) => ({ method: 'GET', path: pathOf(visitor), headers: { accept: 'text/html', cookie: `${cookieName}=${visitor.cookie}` } }));
  const shuffled = () => {
    const copy = [...requests];
    for (let index = copy.length - 1; index > 0; index -= 1) {
      const other = Math.floor(Math.random() * (index + 1));
      [copy[index], copy[other]] = [copy[other]!, copy[index]!];
    }
    return copy;
  };
  return { requests: shuffled(), setupClient: (client) => client.setRequests(shuffled()) };
}

/** Loads `baseUrl` for `seconds` at `connections`, each connection going through every visitor in its own random order. */
async function measure(label: string, baseUrl: string, visitors: readonly Visitor[], pathOf: (visitor: Visitor) => string, seconds: number, connections: number, cookieName: string): Promise<Measured> {
  const instance = autocannon({ url: baseUrl, connections, duration: seconds, timeout: 10, ...spreadOver(visitors, pathOf, cookieName) });
  let responses = 0;
  instance.on('response', () => (responses += 1));
  const started = Date.now();
  const ticker = setInterval(() => log(`    ${label}: ${Math.round((Date.now() - started) / 1000)} s, ${format(responses)} responses`), 3000);
  let result: LoadResult;
  try {
    result = await instance;
  } finally {
    clearInterval(ticker);
  }
  const measured = {
    requestsPerSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    responses: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
  log(`  ${label}: ${describe(measured)}`);
  return measured;
}

const describe = (run: Measured) =>
  `${format(run.requestsPerSecond)} req/s, p50 ${run.p50} ms, p99 ${run.p99} ms, ${format(run.non2xx)} non-2xx, ${format(run.errors)} errors (${format(run.timeouts)} timeouts)`;

/** Counts the SQL statements the page work sends, in this process: the middleware's session check plus the page's own reads. */
async function countQueriesInProcess(url: string, token: string, userId: string, recordId: string): Promise<{ record: number; timeline: number }> {
  let queries = 0;
  const database = await createDatabase({ kind: 'postgresql', url, migrationsDir, maxConnections: 2, onQuery: () => (queries += 1) });
  try {
    const source = createDatasetSource(parseDatasetNdjson(readFileSync(datasetPath, 'utf8')));
    const today = instantToLondonDate(new Date());
    const count = async (work: () => Promise<unknown>) => {
      queries = 0;
      await work();
      return queries;
    };
    const record = await count(async () => {
      await validateSessionToken(database.db, token, new Date());
      await listHomeRecords(database.db, source, userId, today);
    });
    // As site/pages/record/[recordId]/timeline.astro does it.
    const timeline = await count(async () => {
      await validateSessionToken(database.db, token, new Date());
      await readRecord(database.db, userId, recordId, 'read');
      await Promise.all([listEntries(database.db, userId, recordId), listNotes(database.db, userId, recordId)]);
    });
    return { record, timeline };
  } finally {
    await database.close();
  }
}

/**
 * Runs the signed-in load benchmark and returns its rows. Needs the built site (`npm run build`) and a
 * PostgreSQL server the bench may create a database on.
 */
export async function benchmarkSignedInLoad(options: SignedInLoadOptions = {}): Promise<Result[]> {
  const familyCount = options.families ?? 10_000;
  const seconds = options.durationSeconds ?? 10;
  const connections = options.connections ?? 50;
  const sessionCount = Math.min(options.sessions ?? 1000, familyCount);
  const databaseName = options.databaseName ?? 'bench_load';
  if (!/^[a-z_][a-z0-9_]*$/.test(databaseName)) throw new Error('The bench database name must be lower-case letters, digits and underscores, such as bench_load');
  if (!existsSync(serverEntry)) throw new Error('The site has not been built: run "npm run build" first.');
  const adminUrl = new URL(options.postgresUrl ?? process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const benchUrl = new URL(adminUrl);
  benchUrl.pathname = `/${databaseName}`;

  const children = new Set<ChildProcess>();
  const stopAll = () => {
    for (const child of children) child.kill('SIGKILL');
  };
  process.once('exit', stopAll);
  const admin = postgres(adminUrl.href, { max: 1, onnotice: () => {} });
  let database: Database | undefined;
  try {
    log(`Signed-in load: ${format(familyCount)} families, ${seconds} s a target at ${connections} connections`);
    await admin.unsafe(`drop database if exists ${databaseName} with (force)`);
    await admin.unsafe(`create database ${databaseName}`);

    // 1. Seed, then bring the planner's statistics up to date (as autovacuum would soon after).
    database = await createDatabase({ kind: 'postgresql', url: benchUrl.href, migrationsDir });
    await database.migrate();
    const today = instantToLondonDate(new Date());
    const seeded = await seedFamilies(database.db, familyCount, today, { onProgress: createSeedProgressPrinter() });
    const { counts } = seeded;
    log(`  seeded in ${seeded.seconds.toFixed(1)} s: ${format(counts.users)} accounts, ${format(counts.records)} records, ${format(counts.entries)} entries, ${format(counts.notes)} notes`);
    const analyseStarted = performance.now();
    const maintenance = postgres(benchUrl.href, { max: 1, onnotice: () => {} });
    await maintenance.unsafe('vacuum analyze');
    await maintenance.end({ timeout: 5 });
    log(`  vacuum analyze: ${((performance.now() - analyseStarted) / 1000).toFixed(1)} s`);

    // 2. A session for each of a sample of families (every nth), each request going to one of that family's children.
    const step = familyCount / sessionCount;
    const signedIn: { token: string; userId: string; email: string; recordId: string }[] = [];
    for (let index = 0; index < sessionCount; index += 1) {
      const family = seeded.families[Math.floor(index * step)];
      const recordId = family?.childRecordIds[index % family.childRecordIds.length];
      if (!family || !recordId) continue;
      const token = generateSessionToken((length) => crypto.getRandomValues(new Uint8Array(length)));
      await createSession(database.db, token, family.userId, new Date());
      signedIn.push({ token, userId: family.userId, email: family.email, recordId });
    }
    await database.close();
    const visitors: Visitor[] = signedIn.map((person) => ({ cookie: person.token, timelinePath: `/record/${person.recordId}/timeline` }));
    const first = signedIn[0];
    if (!first) throw new Error('No family was signed in: seed at least one family.');

    // 3. The portal, as `npm run serve` runs it, on the bench database.
    const port = await findFreePort();
    const siteUrl = `http://127.0.0.1:${port}`;
    const cookieName = getSessionCookieName(siteUrl);
    const { PATH, HOME, LANG, TMPDIR } = process.env;
    const portal = startChild([serveScript], { PATH, HOME, LANG, TMPDIR, NODE_ENV: 'production', ASTRO_TELEMETRY_DISABLED: '1', DATABASE_URL: benchUrl.href, SITE_URL: siteUrl, PORT: String(port), HOST: '127.0.0.1' }, children);
    await waitForUrl(`${siteUrl}/health`, portal.child, portal.output);
    if ((await fetch(`${siteUrl}/health/live`)).status !== 200) throw new Error('The built site has no /health/live route: run "npm run build" again.');
    const page = await fetch(`${siteUrl}/record`, { headers: { cookie: `${cookieName}=${first.token}`, accept: 'text/html' }, redirect: 'manual' });
    const html = Buffer.from(await page.arrayBuffer());
    if (page.status !== 200) throw new Error(`/record answered ${page.status} for a seeded family: the session or the seeded data is wrong`);
    const timelinePage = await fetch(`${siteUrl}${visitors[0]?.timelinePath}`, { headers: { cookie: `${cookieName}=${first.token}` }, redirect: 'manual' });
    if (timelinePage.status !== 200) throw new Error(`The timeline answered ${timelinePage.status} for a seeded family's child`);
    log(`  portal on ${siteUrl}: /record is ${format(html.length)} bytes`);

    // 4. The bare Node server, with the same headers and body as that /record response.
    const barePort = await findFreePort();
    const bare = startChild(['--input-type=module', '-e', bareServerSource], { PATH, PORT: String(barePort) }, children);
    const kept = Object.fromEntries([...page.headers].filter(([name]) => !['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'set-cookie'].includes(name)));
    bare.child.stdin?.end(JSON.stringify({ headers: kept, body: html.toString('base64') }));
    await waitForUrl(`http://127.0.0.1:${barePort}/`, bare.child, bare.output);

    // 5. Warm-up, SQL counts from PostgreSQL, then the timed load runs side by side.
    // Read from the maintenance database, so these reads are not in the bench database's count.
    const readCommits = async () => Number((await admin<{ commits: string }[]>`select xact_commit::text as commits from pg_stat_database where datname = ${databaseName}`)[0]?.commits ?? 0);
    /** Backends report their counts when idle, at the latest 10 s later (PostgreSQL 15 PGSTAT_IDLE_INTERVAL): wait until the count is still. */
    const readSettledCommits = async () => {
      await wait(10_500);
      let last = await readCommits();
      for (let tries = 0; tries < 20; tries += 1) {
        await wait(1000);
        const now = await readCommits();
        if (now === last) return now;
        last = now;
      }
      return last;
    };
    const targets = [
      { label: 'bare Node http', url: `http://127.0.0.1:${barePort}`, pathOf: () => '/record', counted: false },
      { label: 'empty Astro route /health/live', url: siteUrl, pathOf: () => '/health/live', counted: true },
      { label: '/record', url: siteUrl, pathOf: () => '/record', counted: true },
      { label: 'timeline', url: siteUrl, pathOf: (visitor: Visitor) => visitor.timelinePath, counted: true },
    ] as const;
    // Warm up every target first: each portal connection prepares its statements on first use, which
    // PostgreSQL counts as extra transactions. Then count SQL over a fixed number of requests that all
    // complete (requests cut off at the end of a timed run would have sent queries without being counted).
    const fixedRun = (target: (typeof targets)[number]) => autocannon({ url: target.url, connections: 10, amount: countedRequests, timeout: 10, ...spreadOver(visitors, target.pathOf, cookieName) });
    for (const target of targets) {
      log(`  warming up ${target.label} (${countedRequests} requests)`);
      await fixedRun(target);
    }
    log("  counting SQL statements: each route's requests, then about 11 s for PostgreSQL's count");
    let commits = await readSettledCommits();
    const queriesPerRequest = new Map<string, number>();
    for (const target of targets.filter((candidate) => candidate.counted)) {
      const counted = await fixedRun(target);
      const after = await readSettledCommits();
      queriesPerRequest.set(target.label, (after - commits) / counted.requests.total);
      commits = after;
      log(`    ${target.label}: ${queriesPerRequest.get(target.label)?.toFixed(2)} SQL statements a request`);
    }
    const runs: (Measured & { queriesPerRequest: number | null })[] = [];
    for (const target of targets) runs.push({ ...(await measure(target.label, target.url, visitors, target.pathOf, seconds, connections, cookieName)), queriesPerRequest: queriesPerRequest.get(target.label) ?? null });
    const inProcess = await countQueriesInProcess(benchUrl.href, first.token, first.userId, first.recordId);
    log(`  in-process count of the same work: /record ${inProcess.record}, timeline ${inProcess.timeline} SQL statements`);

    // 6. Nothing personal in the portal's log: no seeded address, session token or record id.
    const serverLog = portal.output();
    const leaked = signedIn.some((person) => serverLog.includes(person.email) || serverLog.includes(person.token) || serverLog.includes(person.recordId));
    const logLines = serverLog.split('\n').filter((line) => line.trim() !== '').length;
    log(`  portal log: ${logLines} lines, ${leaked ? 'HOLDS PERSONAL DATA' : 'no address, token or record id'}`);

    const [bareRun, emptyRun, recordRun, timelineRun] = runs;
    if (!bareRun || !emptyRun || !recordRun || !timelineRun) throw new Error('A load run is missing');
    const metOrMissed = (ok: boolean) => (ok ? 'met' : 'missed');
    const pageRow = (name: string, run: Measured & { queriesPerRequest: number | null }, inProcessCount: number): Result => {
      const ofEmpty = run.requestsPerSecond / emptyRun.requestsPerSecond;
      const ofBare = run.requestsPerSecond / bareRun.requestsPerSecond;
      const queries = run.queriesPerRequest ?? Number.NaN;
      const failures = run.non2xx + run.errors + run.timeouts;
      return {
        name,
        figure: `${describe(run)}; ${queries.toFixed(2)} SQL statements a request (PostgreSQL's count; ${inProcessCount} in-process)`,
        baseline: `empty Astro route ${format(emptyRun.requestsPerSecond)} req/s; bare Node ${format(bareRun.requestsPerSecond)} req/s`,
        ratio: `${ofEmpty.toFixed(2)}× empty Astro; ${ofBare.toFixed(3)}× bare Node`,
        // Each request sends a whole number of statements. A portal connection's first use of a statement's shape (an IN
        // list of another length) adds a prepare, which PostgreSQL counts as one more transaction: a few hundredths.
        goal: `≥ 0.5× empty Astro: ${metOrMissed(ofEmpty >= 0.5)}; p99 ≤ 50 ms: ${metOrMissed(run.p99 <= 50)}; ≤ 3 SQL: ${metOrMissed(Math.round(queries) <= 3)}; 0 errors: ${metOrMissed(failures === 0)}`,
      };
    };
    const emptyFailures = emptyRun.non2xx + emptyRun.errors + emptyRun.timeouts;
    return [
      {
        name: `Seeding ${format(familyCount)} families into PostgreSQL`,
        figure: `${seeded.seconds.toFixed(1)} s: ${format(counts.users)} accounts, ${format(counts.records)} records, ${format(counts.entries)} entries (+ ${format(counts.entryVersions)} versions), ${format(counts.notes)} notes`,
        baseline: 'none: absolute time',
        ratio: '—',
        goal: 'a few minutes at most: ' + metOrMissed(seeded.seconds <= 300),
      },
      {
        name: `Bare Node http, the /record bytes (${format(html.length)} B), ${connections} connections`,
        figure: describe(bareRun),
        baseline: "none: the machine's limit",
        ratio: '—',
        goal: `0 errors: ${metOrMissed(bareRun.non2xx + bareRun.errors + bareRun.timeouts === 0)}`,
      },
      {
        name: `Empty Astro on-demand route /health/live, same server, ${connections} connections`,
        figure: `${describe(emptyRun)}; ${(emptyRun.queriesPerRequest ?? Number.NaN).toFixed(2)} SQL statements a request`,
        baseline: `bare Node ${format(bareRun.requestsPerSecond)} req/s`,
        ratio: `${(emptyRun.requestsPerSecond / bareRun.requestsPerSecond).toFixed(3)}× bare Node`,
        goal: `none (the framework's floor; about 0.05× bare Node measured before); 0 errors: ${metOrMissed(emptyFailures === 0)}`,
      },
      pageRow(`Signed-in home /record, ${format(familyCount)} families, ${format(signedIn.length)} signed in, ${connections} connections`, recordRun, inProcess.record),
      pageRow(`Child timeline /record/{id}/timeline, ${format(familyCount)} families, ${connections} connections`, timelineRun, inProcess.timeline),
      {
        name: 'Portal log during the load',
        figure: `${logLines} lines`,
        baseline: 'none',
        ratio: '—',
        goal: `no address, session token or record id: ${metOrMissed(!leaked)}`,
      },
    ];
  } finally {
    for (const child of [...children]) await stopChild(child);
    await database?.close().catch(() => undefined);
    process.removeListener('exit', stopAll);
    if (!options.keepDatabase) await admin.unsafe(`drop database if exists ${databaseName} with (force)`).catch(() => undefined);
    await admin.end({ timeout: 5 });
  }
}

if (import.meta.main) {
  const [families, seconds] = process.argv.slice(2).map(Number);
  const results = await benchmarkSignedInLoad({ ...(families ? { families } : {}), ...(seconds ? { durationSeconds: seconds } : {}), keepDatabase: process.env.BENCH_KEEP_DATABASE === '1' });
  for (const result of results) console.log(`\n${result.name}\n  ${result.figure}\n  baseline: ${result.baseline}\n  ratio: ${result.ratio}\n  goal: ${result.goal}`);
}
