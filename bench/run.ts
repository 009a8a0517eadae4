/**
 * `npm run bench`: figures anyone can rerun, each with a baseline measured in the same run, because this
 * machine is shared and noisy: the ratio means more than the milliseconds. Writes bench/results/latest.md
 * and latest.json.
 *   0. Page weight of the built site by page type (HTML, CSS, JS after gzip); guidance pages must ship no JS.
 *   1. The clinical engines: centiles and whole immunisation schedules per second. Baseline: formatting a
 *      date (a small, fixed piece of work) per second.
 *   2. The signed-in home's work (`/record`): a carer with 3 children and 500 entries. Counts SQL queries.
 *      Baseline: one `select 1` round trip.
 *   3. A reminders run for 10,000 carers, each with one child. Baseline: the same run again straight after,
 *      when every email has already gone (the run's fixed cost: finding who is due).
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

const migrationsDir = fileURLToPath(new URL('../drizzle', import.meta.url));
const source = createDatasetSource(parseDatasetNdjson(readFileSync(fileURLToPath(new URL('../studio/data/production.ndjson', import.meta.url)), 'utf8')));
const today = '2026-11-25';

/** One reported figure, with the baseline it is compared to. */
interface Result {
  readonly name: string;
  readonly figure: string;
  readonly baseline: string;
  readonly ratio: string;
  readonly goal: string;
}
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

benchmarkPageWeight();
benchmarkEngines();
await benchmarkHome();
await benchmarkReminders(Number(process.env.BENCH_CARERS ?? 10_000));

const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(resultsDir, { recursive: true });
const ranAt = new Date().toISOString();
writeFileSync(`${resultsDir}latest.json`, `${JSON.stringify({ ranAt, node: process.version, results }, null, 2)}\n`);
writeFileSync(
  `${resultsDir}latest.md`,
  [
    `# Benchmark results (${ranAt}, Node ${process.version})`,
    '',
    'Each figure is compared to a baseline measured in the same run (this machine is shared and noisy).',
    '',
    '| what | figure | baseline | ratio | goal |',
    '|---|---|---|---|---|',
    ...results.map((result) => `| ${result.name} | ${result.figure} | ${result.baseline} | ${result.ratio} | ${result.goal} |`),
    '',
  ].join('\n'),
);
console.log('Results written to bench/results/latest.md and latest.json');
