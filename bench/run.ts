/**
 * `npm run bench`: figures anyone can rerun, each with a baseline measured in the same run, because this
 * machine is shared and noisy: the ratio means more than the milliseconds. Writes bench/results/latest.md
 * and latest.json. Builds the site first when there is no build.
 *   - Page weight of the built site by page type (HTML, CSS, JS after gzip); guidance pages must ship no JS.
 *   - The clinical engines: centiles and whole immunisation schedules per second (baseline: formatting a date).
 *   - The signed-in home's data work (`/record`) for 3 children and 500 entries, with its SQL queries
 *     (baseline: one `select 1`).
 *   - A reminders run for 10,000 carers (baseline: the same run straight after, with nothing left to send).
 *   - Refused sign-in times by kind of address (no enumeration by timing).
 *   - Signed-in load: 10,000 families in PostgreSQL, /record and the timeline under autocannon, beside an
 *     empty Astro route and a bare Node server (bench/signed-in-load.ts).
 *   - Build scaling at 500, 2,000 and 5,000 documents against a bare Astro build (bench/build-scaling.ts),
 *     then search in Chromium on the 5,000-document site (bench/search.ts).
 *   - Lighthouse (mobile) on the home, stage, article and search pages (bench/lighthouse.ts).
 *   - Fuzzing the forms that store data at 10,000 generated requests each (tests/e2e/fuzz.spec.ts).
 * BENCH_ONLY=name,name runs some steps (page-weight, engines, home, reminders, sign-in, load, build, lighthouse,
 * fuzz); BENCH_SIZES, BENCH_FAMILIES, BENCH_CARERS and BENCH_FUZZ_CASES change sizes.
 */
import { gzipSync } from 'node:zlib';
import { calculateCentile } from '../src/growth/index.ts';
import { assessImmunisations } from '../src/immunisation/index.ts';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { createDatasetSource, parseDatasetNdjson } from '../src/content/dataset.ts';
import { addDays } from '../src/dates/index.ts';
import { createDatabase } from '../src/db/index.ts';
import { entries, entryVersions, recordCarers, records, reminderSubscriptions, users } from '../src/db/schema.ts';
import { sendWeeklyEmails } from '../src/reminders/index.ts';
import { listHomeRecords } from '../src/timeline/card.ts';
import { spawn, spawnSync } from 'node:child_process';
import type { Result } from './result.ts';
import { benchmarkSignInTiming } from './sign-in-timing.ts';
import { benchmarkSignedInLoad } from './signed-in-load.ts';
import { benchmarkBuildScaling } from './build-scaling.ts';
import { benchmarkSearch } from './search.ts';
import { benchmarkLighthouse } from './lighthouse.ts';

const migrationsDir = fileURLToPath(new URL('../drizzle', import.meta.url));
const source = createDatasetSource(parseDatasetNdjson(readFileSync(fileURLToPath(new URL('../studio/data/production.ndjson', import.meta.url)), 'utf8')));
const today = '2026-11-25';

const results: Result[] = [];

/** Operations per second of `work`, run for about `ms` milliseconds. */
function measureRate(work: (index: number) => unknown, ms = 1500): number {
  let count = 0;
  const started = performance.now();
  while (performance.now() - started < ms) {
    for (let index = 0; index < 200; index += 1) work(count + index);
    count += 200;
  }
  return count / ((performance.now() - started) / 1000);
}

/** Page weight: HTML, CSS and JS bytes after gzip for each page type of the built site (run `npm run build` first). */
function benchmarkPageWeight(): void {
  const client = fileURLToPath(new URL('../dist/client/', import.meta.url));
  if (!existsSync(`${client}index.html`)) {
    console.log('Page weight: skipped (no built site; run npm run build first)');
    return;
  }
  const gzipSize = (file: string) => gzipSync(readFileSync(file)).length;
  const pages: [string, string][] = [
    ['Home', 'index.html'],
    ['Stage', 'stages/baby-month-3.html'],
    ['Guide (article)', 'guides/baby-sleep.html'],
    ['When to get help', 'when-to-get-help/high-temperature.html'],
    ['Vaccine', 'vaccines/6-in-1-vaccine.html'],
    ['Search', 'search.html'],
  ];
  const rows: string[] = [];
  let guidanceJs = 0;
  for (const [type, file] of pages) {
    if (!existsSync(`${client}${file}`)) continue;
    const html = readFileSync(`${client}${file}`, 'utf8');
    const assets = [...html.matchAll(/(?:href|src)="(\/_astro\/[^"]+\.(css|js))"/g)].map((match) => ({ path: match[1] ?? '', kind: match[2] }));
    const css = assets.filter((asset) => asset.kind === 'css').reduce((sum, asset) => sum + gzipSize(`${client}${asset.path.slice(1)}`), 0);
    const js = assets.filter((asset) => asset.kind === 'js').reduce((sum, asset) => sum + gzipSize(`${client}${asset.path.slice(1)}`), 0);
    if (type !== 'Search' && type !== 'Home') guidanceJs += js;
    rows.push(`${type}: HTML ${gzipSize(`${client}${file}`)} B, CSS ${css} B, JS ${js} B (gzip)`);
  }
  console.log(`Page weight:\n  ${rows.join('\n  ')}`);
  results.push({ name: 'Page weight (gzip) by page type', figure: rows.join('; '), baseline: 'none: absolute bytes', ratio: '—', goal: `no JS on guidance pages: ${guidanceJs === 0 ? 'met' : `missed (${guidanceJs} B)`}` });
}

/** 1. The clinical engines. */
function benchmarkEngines(): void {
  const format = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const baseline = measureRate((index) => format.format(new Date(Date.UTC(2026, 0, 1 + (index % 365)))));
  const centiles = measureRate((index) =>
    calculateCentile({ sex: index % 2 ? 'male' : 'female', measurement: 'weight', birthDate: '2026-01-01', measuredOn: addDays('2026-01-15', index % 700), value: 3 + (index % 9), gestationAtBirth: { weeks: index % 3 ? 40 : 30, days: 0 } }),
  );
  const schedules = measureRate((index) => assessImmunisations({ dateOfBirth: addDays('2025-01-01', index % 600), given: [], today }), 1500);
  const rate = (perSecond: number) => `${Math.round(perSecond).toLocaleString('en-GB')} a second`;
  console.log(`Engines: centiles ${rate(centiles)}; immunisation schedules ${rate(schedules)}; baseline date formatting ${rate(baseline)}`);
  results.push({ name: 'Centiles (WHO LMS, corrected age where it applies)', figure: rate(centiles), baseline: `date formatting ${rate(baseline)}`, ratio: `${(centiles / baseline).toFixed(2)}×`, goal: 'none set' });
  results.push({ name: 'Whole immunisation schedules assessed', figure: rate(schedules), baseline: `date formatting ${rate(baseline)}`, ratio: `${(schedules / baseline).toFixed(3)}×`, goal: 'none set' });
}

function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function time(runs: number, work: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return samples;
}

const childDetails = (dateOfBirth: string, weeks = 40) => ({
  dateOfBirth,
  sex: 'female',
  nhsNumber: null,
  gestationAtBirth: { weeks, days: 0 },
  birthWeightKg: 3.3,
  birthLengthCm: null,
  birthHeadCircumferenceCm: null,
  placeOfBirth: null,
  healthProblems: null,
  familyHistory: null,
});

/** 1. The home page's work for 3 children and 500 entries. */
async function benchmarkHome(): Promise<void> {
  let queries = 0;
  const database = await createDatabase({ kind: 'pglite', dataDir: null, migrationsDir, onQuery: () => (queries += 1) });
  await database.migrate();
  const [user] = await database.db.insert(users).values({ email: 'bench@example.com', passwordHash: 'x', emailVerified: true }).returning({ id: users.id });
  const userId = user?.id ?? '';
  const births = [['2024-12-01', 40], ['2026-01-15', 30], ['2026-06-20', 39]] as const;
  const recordIds: string[] = [];
  for (const [index, [born, weeks]] of births.entries()) {
    const [record] = await database.db.insert(records).values({ kind: 'child', name: `Child ${index + 1}`, details: childDetails(born, weeks) }).returning({ id: records.id });
    await database.db.insert(recordCarers).values({ recordId: record?.id ?? '', userId, role: 'owner' });
    recordIds.push(record?.id ?? '');
  }
  // 500 entries: weights every few days, with a version each, spread over the three children.
  const rows = Array.from({ length: 500 }, (_, index) => {
    const [born] = births[index % 3] ?? births[0];
    return { recordId: recordIds[index % 3] ?? '', kind: 'measurement', occurredOn: addDays(born, 14 + Math.floor(index / 3) * 2), data: { quantity: 'weight', value: 3.5 + index / 200, position: null, measuredBy: null }, provenance: 'parent-or-carer', createdBy: userId };
  });
  const inserted = await database.db.insert(entries).values(rows).returning({ id: entries.id, occurredOn: entries.occurredOn, data: entries.data });
  await database.db.insert(entryVersions).values(inserted.map((row) => ({ entryId: row.id, version: 1, change: 'created', occurredOn: row.occurredOn, data: row.data, provenance: 'parent-or-carer', changedBy: userId })));

  const renderHome = () => listHomeRecords(database.db, source, userId, today);
  await renderHome();
  queries = 0;
  await renderHome();
  const queriesPerPage = queries;
  const baseline = await time(30, () => database.db.execute(sql`select 1`));
  const home = await time(30, renderHome);
  console.log('Signed-in home (/record data work): 3 children, 500 entries');
  console.log(`  SQL queries per page: ${queriesPerPage}`);
  console.log(`  p50 ${percentile(home, 50).toFixed(1)} ms, p90 ${percentile(home, 90).toFixed(1)} ms (30 runs)`);
  console.log(`  baseline select 1: p50 ${percentile(baseline, 50).toFixed(2)} ms; ratio p50 ${(percentile(home, 50) / percentile(baseline, 50)).toFixed(0)}x`);
  results.push({
    name: 'Signed-in home data work (3 children, 500 entries, in-process PGlite)',
    figure: `p50 ${percentile(home, 50).toFixed(1)} ms, p90 ${percentile(home, 90).toFixed(1)} ms; ${queriesPerPage} SQL queries`,
    baseline: `select 1: p50 ${percentile(baseline, 50).toFixed(2)} ms`,
    ratio: `${(percentile(home, 50) / percentile(baseline, 50)).toFixed(0)}×`,
    goal: `≤ 3 SQL queries (issue 9): ${queriesPerPage <= 3 ? 'met' : 'missed'}`,
  });
  await database.close();
}

/** 2. A reminders run for 10,000 carers. */
async function benchmarkReminders(carers: number): Promise<void> {
  const database = await createDatabase({ kind: 'pglite', dataDir: null, migrationsDir });
  await database.migrate();
  const seedStarted = performance.now();
  for (let start = 0; start < carers; start += 1000) {
    const size = Math.min(1000, carers - start);
    const people = await database.db
      .insert(users)
      .values(Array.from({ length: size }, (_, index) => ({ email: `carer-${start + index}@example.com`, passwordHash: 'x', emailVerified: true })))
      .returning({ id: users.id });
    const children = await database.db
      .insert(records)
      .values(Array.from({ length: size }, (_, index) => ({ kind: 'child', name: `Child ${start + index}`, details: childDetails(addDays(today, -((start + index) % 1000) - 1)) })))
      .returning({ id: records.id });
    await database.db.insert(recordCarers).values(children.map((child, index) => ({ recordId: child.id, userId: people[index]?.id ?? '', role: 'owner' })));
    await database.db.insert(reminderSubscriptions).values(children.map((child, index) => ({ recordId: child.id, userId: people[index]?.id ?? '' })));
  }
  const seedMs = performance.now() - seedStarted;
  let sent = 0;
  const services = { db: database.db, source, siteUrl: 'http://localhost:4321', now: () => new Date(`${today}T08:00:00Z`), mailer: { send: async () => void (sent += 1) } };
  const firstStarted = performance.now();
  const first = await sendWeeklyEmails(services);
  const firstMs = performance.now() - firstStarted;
  const secondStarted = performance.now();
  const second = await sendWeeklyEmails(services);
  const secondMs = performance.now() - secondStarted;
  console.log(`Weekly emails: ${carers.toLocaleString('en-GB')} carers, one child each (seeded in ${(seedMs / 1000).toFixed(1)} s)`);
  console.log(`  first run: ${first.sent.toLocaleString('en-GB')} sent in ${(firstMs / 1000).toFixed(1)} s (${(firstMs / Math.max(1, first.sent)).toFixed(2)} ms each)`);
  console.log(`  baseline, the run straight after (${second.sent} sent, ${second.considered} still due): ${secondMs.toFixed(0)} ms; ratio ${(firstMs / secondMs).toFixed(0)}x`);
  if (sent !== carers || second.sent !== 0) throw new Error('The reminders benchmark did not send each email exactly once');
  results.push({
    name: `Weekly emails for ${carers.toLocaleString('en-GB')} carers (in-process PGlite)`,
    figure: `${(firstMs / 1000).toFixed(1)} s (${(firstMs / Math.max(1, first.sent)).toFixed(2)} ms an email)`,
    baseline: `the run straight after, all sent: ${secondMs.toFixed(0)} ms`,
    ratio: `${(firstMs / secondMs).toFixed(0)}×`,
    goal: 'each email exactly once: met',
  });
  await database.close();
}

/** Fuzzing at bench size: the fuzz suite run on the forms that store data, with more cases each than CI runs. */
async function benchmarkFuzzing(cases: number, routes: string): Promise<Result[]> {
  console.log(`Fuzzing: ${cases.toLocaleString('en-GB')} generated requests on each route matching ${routes}`);
  const started = performance.now();
  const output = await new Promise<{ code: number | null; text: string }>((resolve) => {
    const child = spawn('npx', ['playwright', 'test', 'tests/e2e/fuzz.spec.ts', '--reporter=line'], { env: { ...process.env, FUZZ_CASES: String(cases), FUZZ_ROUTES: routes }, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    const collect = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      for (const line of chunk.toString('utf8').split('\n')) if (/cases, answers/.test(line)) console.log(`  ${line.trim()}`);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('close', (code) => resolve({ code, text }));
  });
  const minutes = (performance.now() - started) / 60_000;
  const routeLines = [...output.text.matchAll(/^(\S+): (\d+) cases, answers (\{[^}]*\})/gm)];
  const requests = routeLines.reduce((sum, match) => sum + Number(match[2]), 0);
  const serverErrors = routeLines.reduce((sum, match) => sum + Object.entries(JSON.parse(match[3] ?? '{}') as Record<string, number>).filter(([status]) => Number(status) >= 500).reduce((total, [, count]) => total + count, 0), 0);
  const passed = output.code === 0;
  return [
    {
      name: `Fuzzing the forms that store data (${routeLines.length} routes, ${cases.toLocaleString('en-GB')} generated requests each)`,
      figure: `${requests.toLocaleString('en-GB')} requests in ${minutes.toFixed(1)} minutes; ${serverErrors} server errors; ${passed ? 'every rejection explained, nothing stored by a rejected batch' : 'FAILED: see the fuzz suite output'}`,
      baseline: 'CI: 1,000 requests on each of every on-demand route (npm test)',
      ratio: '—',
      goal: `never a 5xx, every rejection has a message, nothing stored: ${passed && serverErrors === 0 ? 'met' : 'missed'}`,
    },
  ];
}

/** Builds the site (npm run build) when there is no build, so a fresh clone can run the bench. */
function buildSiteIfMissing(): void {
  const built = fileURLToPath(new URL('../dist/server/entry.mjs', import.meta.url));
  if (existsSync(built) && existsSync(fileURLToPath(new URL('../dist/client/index.html', import.meta.url)))) return;
  console.log('No build found: running npm run build first');
  const outcome = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (outcome.status !== 0) throw new Error('npm run build failed, so the benchmarks that need the built site cannot run');
}

const only = new Set((process.env.BENCH_ONLY ?? '').split(',').map((name) => name.trim()).filter(Boolean));
const runs = (step: string) => only.size === 0 || only.has(step);
const benchStarted = performance.now();

if (runs('page-weight') || runs('load') || runs('lighthouse') || runs('fuzz')) buildSiteIfMissing();
if (runs('page-weight')) benchmarkPageWeight();
if (runs('engines')) benchmarkEngines();
if (runs('home')) await benchmarkHome();
if (runs('reminders')) await benchmarkReminders(Number(process.env.BENCH_CARERS ?? 10_000));
if (runs('sign-in')) results.push(...(await benchmarkSignInTiming()));
if (runs('load')) results.push(...(await benchmarkSignedInLoad({ families: Number(process.env.BENCH_FAMILIES ?? 10_000) })));
if (runs('build')) {
  const sizes = (process.env.BENCH_SIZES ?? '500,2000,5000').split(',').map(Number).filter((size) => size > 0);
  const largest = Math.max(...sizes);
  const { results: scaling, keptSite } = await benchmarkBuildScaling(sizes, { keepSiteOf: largest });
  results.push(...scaling);
  try {
    if (keptSite) results.push(...(await benchmarkSearch(keptSite.clientDir)));
  } finally {
    keptSite?.remove();
  }
}
if (runs('lighthouse')) results.push(...(await benchmarkLighthouse(fileURLToPath(new URL('../dist/client', import.meta.url)))));
if (runs('fuzz')) results.push(...(await benchmarkFuzzing(Number(process.env.BENCH_FUZZ_CASES ?? 10_000), process.env.BENCH_FUZZ_ROUTES ?? '^(record/\\[recordId\\]/(notes|measurements|immunisations)|record/(new|import)|account/sign-(in|up))\\.astro$')));
console.log(`The bench took ${((performance.now() - benchStarted) / 60_000).toFixed(1)} minutes`);

const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(resultsDir, { recursive: true });
const ranAt = new Date().toISOString();
// A run of some steps only (BENCH_ONLY) must not replace the full results.
const resultsName = only.size === 0 ? 'latest' : 'partial';
writeFileSync(`${resultsDir}${resultsName}.json`, `${JSON.stringify({ ranAt, node: process.version, results }, null, 2)}\n`);
writeFileSync(
  `${resultsDir}${resultsName}.md`,
  [
    `# Benchmark results (${ranAt}, Node ${process.version}${only.size === 0 ? '' : `; only ${[...only].join(', ')}`})`,
    '',
    'Each figure is compared to a baseline measured in the same run (this machine is shared and noisy).',
    '',
    '| what | figure | baseline | ratio | goal |',
    '|---|---|---|---|---|',
    ...results.map((result) => `| ${result.name} | ${result.figure} | ${result.baseline} | ${result.ratio} | ${result.goal} |`),
    '',
  ].join('\n'),
);
console.log(`Results written to bench/results/${resultsName}.md and ${resultsName}.json`);
