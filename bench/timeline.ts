/**
 * Benchmarks for the personalised home and the weekly emails, on an in-memory PGlite and the bundled
 * content. Each figure is reported with a baseline measured in the same run, because this machine is
 * shared and noisy: the ratio means more than the milliseconds.
 *   1. The signed-in home's work (`/record`): a carer with 3 children and 500 entries. Counts SQL queries.
 *      Baseline: one `select 1` round trip.
 *   2. A reminders run for 10,000 carers, each with one child. Baseline: the same run again straight after,
 *      when every email has already gone (the run's fixed cost: finding who is due).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { createDatasetSource, parseDatasetNdjson } from '../src/content/dataset.ts';
import { addDays } from '../src/dates/index.ts';
import { createDatabase } from '../src/db/index.ts';
import { entries, entryVersions, recordCarers, records, reminderSubscriptions, users } from '../src/db/schema.ts';
import { listAccessibleRecords } from '../src/records/access.ts';
import { sendWeeklyEmails } from '../src/reminders/index.ts';
import { buildThisWeekCard } from '../src/timeline/card.ts';

const migrationsDir = fileURLToPath(new URL('../drizzle', import.meta.url));
const source = createDatasetSource(parseDatasetNdjson(readFileSync(fileURLToPath(new URL('../studio/data/production.ndjson', import.meta.url)), 'utf8')));
const today = '2026-11-25';

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

  const renderHome = async () => {
    const list = await listAccessibleRecords(database.db, userId);
    return Promise.all(list.map((record) => buildThisWeekCard(database.db, source, userId, record.recordId, today)));
  };
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
  await database.close();
}

await benchmarkHome();
await benchmarkReminders(Number(process.env.BENCH_CARERS ?? 10_000));
