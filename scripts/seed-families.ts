/**
 * Seeds a database with synthetic families for load tests: each family is a verified account with one
 * or two children born in the last two years (some preterm, some twins), sometimes a pregnancy (open, or
 * closed when the baby was born), a partner or grandparent sharing the records, and the red book a
 * family of that age would have: screening, reviews, the immunisations the schedule says were due,
 * weights along a WHO centile, firsts and notes. Every entry has its first version, as `addEntry`
 * writes it, and a few have been edited. Rows go 1,000 to a statement, with ids made here.
 *
 *   DATABASE_URL=postgres://… node scripts/seed-families.ts [families]   (10,000 by default)
 *
 * Every address is at example.com and every name is made up. All accounts share one argon2id hash
 * (of `seededPassword`), so seeding takes minutes, not hours.
 */
import { randomUUID } from 'node:crypto';
import { hashPassword } from '../src/auth/password.ts';
import { addDays, daysBetween, instantToLondonDate, type IsoDate } from '../src/dates/index.ts';
import { getTableColumns, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { PortalDatabase } from '../src/db/index.ts';
import { entries, entryVersions, notes, recordCarers, records, reminderSubscriptions, users } from '../src/db/schema.ts';
import { ChildHealthError } from '../src/errors.ts';
import { calculateLmsValue, getLmsParameters } from '../src/growth/index.ts';
import { getImmunisationSchedule } from '../src/immunisation/index.ts';
import { createRandom } from './seeded-random.ts';

/** The password of every seeded account. */
export const seededPassword = 'seeded families load test';

/** A seeded family as a load test needs it: the account and its records. */
export interface SeededFamily {
  readonly userId: string;
  readonly email: string;
  /** The family's children's records, oldest child first. */
  readonly childRecordIds: readonly string[];
}

/** What was seeded, and how long it took. */
export interface SeedOutcome {
  readonly families: readonly SeededFamily[];
  readonly counts: { readonly users: number; readonly records: number; readonly entries: number; readonly entryVersions: number; readonly notes: number };
  readonly seconds: number;
}

/** How `seedFamilies` runs. */
export interface SeedOptions {
  /** Told after each batch of families. */
  readonly onProgress?: (done: number, count: number) => void;
  /** Email addresses are `<prefix>-<n>@example.com`: change it to seed the same database twice. */
  readonly emailPrefix?: string;
  /** The random seed: the same seed, count and day give the same families (ids apart). */
  readonly seed?: number;
  /** The stored hash of every account's password; by default `seededPassword` hashed once. */
  readonly passwordHash?: string;
}

/** Families generated, then written, at a time. */
const familiesPerBatch = 250;
/** Rows per INSERT statement. */
const rowsPerInsert = 1000;

type UserRow = typeof users.$inferInsert;
type RecordRow = typeof records.$inferInsert;
type CarerRow = typeof recordCarers.$inferInsert;
type EntryRow = typeof entries.$inferInsert & { id: string; createdBy: string };
type VersionRow = typeof entryVersions.$inferInsert;
type NoteRow = typeof notes.$inferInsert;
type SubscriptionRow = typeof reminderSubscriptions.$inferInsert;

/** One batch of rows, in the order they must be written. */
interface Batch {
  readonly users: UserRow[];
  readonly records: RecordRow[];
  readonly carers: CarerRow[];
  readonly entries: EntryRow[];
  readonly versions: VersionRow[];
  readonly notes: NoteRow[];
  readonly subscriptions: SubscriptionRow[];
}

const childNames = ['Amelia', 'Olivia', 'Isla', 'Ava', 'Freya', 'Lily', 'Ivy', 'Florence', 'Willow', 'Sophia', 'Noah', 'Oliver', 'George', 'Arthur', 'Leo', 'Muhammad', 'Harry', 'Oscar', 'Theo', 'Jack', 'Amara', 'Zainab', 'Kai', 'Rhys', 'Siân', 'Eilidh', "O'Neill", 'Ada-Rose'];
const midwifeNotes = [null, null, null, 'Seen at home by the community midwife', 'Done on the ward before going home'];
const noteTexts = [
  'Slept from 7 until 2 for the first time.',
  'Started mixed feeding: loved mashed banana, not keen on broccoli.',
  'Bit of a cold this week, runny nose but feeding well.',
  'Nappy rash cleared up after a few days of barrier cream.',
  'Health visitor said weight gain is good. Next weigh-in in a month.',
  'Teething: red cheeks and chewing everything.',
  'Went swimming for the first time.',
  'Questions for the 1 year review: sleep, and how much milk now.',
];
const firstTimes: readonly [code: 'smiled' | 'rolled-over' | 'sat-up' | 'crawled' | 'stood' | 'walked' | 'first-word' | 'first-tooth', day: number][] = [
  ['smiled', 42],
  ['rolled-over', 150],
  ['first-tooth', 200],
  ['sat-up', 200],
  ['crawled', 260],
  ['stood', 310],
  ['first-word', 360],
  ['walked', 390],
];
/** Median birth weight (kg) by completed weeks of gestation for babies born early (rounded, for realism only). */
const pretermBirthWeightKg: Readonly<Record<number, number>> = { 30: 1.4, 31: 1.6, 32: 1.8, 33: 2.0, 34: 2.3, 35: 2.5, 36: 2.8 };
const weighDays = [5, 14, 28, 42, 56, 84, 112, 150, 180, 240, 300, 365, 450, 540, 640, 730];

/** Builds one batch of families: pure apart from the random numbers and ids. */
function buildBatch(first: number, size: number, today: IsoDate, random: () => number, prefix: string, passwordHash: string, families: SeededFamily[]): Batch {
  const batch: Batch = { users: [], records: [], carers: [], entries: [], versions: [], notes: [], subscriptions: [] };
  const chance = (p: number) => random() < p;
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const stamp = (on: IsoDate, laterDays = 0) => {
    const at = new Date(`${addDays(on, laterDays)}T${String(between(7, 21)).padStart(2, '0')}:${String(between(0, 59)).padStart(2, '0')}:00Z`);
    return at.getTime() > Date.now() ? new Date() : at;
  };

  for (let index = first; index < first + size; index += 1) {
    const owner = { id: randomUUID(), email: `${prefix}-${index}@example.com` };
    batch.users.push({ id: owner.id, email: owner.email, emailVerified: true, passwordHash });
    // A partner shares 30% of families' records as a carer; a grandparent 5% as a viewer.
    const sharers: { id: string; role: 'carer' | 'viewer' }[] = [];
    if (chance(0.3)) sharers.push({ id: randomUUID(), role: 'carer' });
    if (chance(0.05)) sharers.push({ id: randomUUID(), role: 'viewer' });
    sharers.forEach((sharer, number) => batch.users.push({ id: sharer.id, email: `${prefix}-${index}-${sharer.role}${number}@example.com`, emailVerified: true, passwordHash }));
    const writers = [owner.id, ...sharers.filter((sharer) => sharer.role === 'carer').map((sharer) => sharer.id)];
    const share = (recordId: string, addedOn: IsoDate) => {
      batch.carers.push({ recordId, userId: owner.id, role: 'owner', addedAt: stamp(addedOn) });
      for (const sharer of sharers) batch.carers.push({ recordId, userId: sharer.id, role: sharer.role, addedAt: stamp(addedOn, 2) });
      if (chance(0.5)) batch.subscriptions.push({ userId: owner.id, recordId });
    };
    const addEntry = (recordId: string, kind: EntryRow['kind'], occurredOn: IsoDate, data: Record<string, unknown>, provenance: 'parent-or-carer' | 'professional') => {
      if (occurredOn > today) return;
      const id = randomUUID();
      const createdBy = pick(writers);
      const createdAt = stamp(occurredOn, between(0, 3));
      const edited = chance(0.03);
      batch.entries.push({ id, recordId, kind, occurredOn, data, provenance, createdBy, createdAt, ...(edited ? { updatedBy: createdBy, updatedAt: new Date(Math.min(Date.now(), createdAt.getTime() + 86_400_000)) } : {}) });
      batch.versions.push({ entryId: id, version: 1, change: 'created', occurredOn, data, provenance, changedBy: createdBy, changedAt: createdAt });
      // An edit keeps what the entry said before: here, the same values with a different date.
      if (edited) batch.versions.push({ entryId: id, version: 2, change: 'edited', occurredOn, data, provenance, changedBy: createdBy, changedAt: new Date(Math.min(Date.now(), createdAt.getTime() + 86_400_000)) });
    };

    // One child (70%) or two: twins (a third of those) or siblings at least 10 months apart, all born in the last 2 years.
    const twoChildren = chance(0.3);
    const twins = twoChildren && chance(1 / 3);
    const births: IsoDate[] = [];
    if (!twoChildren) births.push(addDays(today, -between(0, 729)));
    else if (twins) {
      const born = addDays(today, -between(0, 729));
      births.push(born, born);
    } else {
      const older = addDays(today, -between(300, 729));
      births.push(older, addDays(older, between(300, daysBetween(older, today))));
    }
    const childRecordIds: string[] = [];
    const twinGestation = { weeks: between(32, 37), days: between(0, 6) };
    for (const born of births) {
      const recordId = randomUUID();
      childRecordIds.push(recordId);
      const sex = chance(0.5) ? 'female' : 'male';
      const gestationAtBirth = twins ? twinGestation : chance(0.08) ? { weeks: between(30, 36), days: between(0, 6) } : { weeks: between(37, 41), days: between(0, 6) };
      const preterm = gestationAtBirth.weeks < 37;
      const birthWeightKg = Math.round((preterm ? (pretermBirthWeightKg[gestationAtBirth.weeks] ?? 2.8) : 3.3) * (1 + 0.1 * normal()) * 100) / 100;
      batch.records.push({
        id: recordId,
        kind: 'child',
        status: 'open',
        name: pick(childNames),
        details: {
          dateOfBirth: born,
          sex,
          nhsNumber: null,
          gestationAtBirth,
          birthWeightKg,
          birthLengthCm: chance(0.6) ? Math.round((preterm ? 42 : 50) + 2 * normal()) : null,
          birthHeadCircumferenceCm: chance(0.6) ? Math.round(((preterm ? 30 : 34.5) + normal()) * 10) / 10 : null,
          placeOfBirth: pick([null, 'St Mary’s Hospital', 'Royal Infirmary maternity unit', 'At home']),
          healthProblems: preterm && chance(0.4) ? 'Needed help with breathing and feeding in the neonatal unit' : null,
          familyHistory: chance(0.1) ? 'Dad had hip problems as a baby' : null,
        },
        createdAt: stamp(born, between(1, 20)),
      });
      share(recordId, born);
      const age = daysBetween(born, today);
      const correction = preterm ? 280 - (gestationAtBirth.weeks * 7 + gestationAtBirth.days) : 0;

      // Newborn screening, recorded by most families from the red book's pages.
      const examination = (result: string) => ({ eyes: result, heart: result, hips: result, testes: sex === 'male' ? result : null });
      if (chance(0.85)) addEntry(recordId, 'screening', addDays(born, 1), { test: 'nipe-72-hours', examination: examination('no-concerns'), by: 'Doctor', notes: pick(midwifeNotes) }, 'professional');
      if (chance(0.85)) addEntry(recordId, 'screening', addDays(born, 5), { test: 'blood-spot', bloodSpot: { scd: chance(0.03) ? 'carrier' : 'not-suspected', cf: 'not-suspected', cht: 'not-suspected', pku: 'not-suspected', mcadd: 'not-suspected', msud: 'not-suspected', iva: 'not-suspected', ga1: 'not-suspected', hcu: 'not-suspected', ht1: 'not-suspected' }, by: 'Midwife', notes: null }, 'professional');
      if (chance(0.8)) addEntry(recordId, 'screening', addDays(born, between(1, 20)), { test: 'hearing', hearing: { left: 'clear-response', right: chance(0.05) ? 'no-clear-response' : 'clear-response', followUp: 'none' }, by: 'Newborn hearing screener', notes: null }, 'professional');
      if (gestationAtBirth.weeks < 32 && chance(0.8)) addEntry(recordId, 'screening', addDays(born, 28), { test: 'blood-spot-cht-repeat', bloodSpot: { cht: 'not-suspected' }, by: 'Neonatal nurse', notes: null }, 'professional');
      if (chance(0.7)) addEntry(recordId, 'screening', addDays(born, between(42, 62)), { test: 'nipe-6-to-8-weeks', examination: examination(chance(0.02) ? 'referred' : 'no-concerns'), by: 'GP', notes: null }, 'professional');

      // Health visitor reviews.
      for (const [review, day, p] of [['new-baby', 12, 0.85], ['6-to-8-weeks', 50, 0.8], ['9-to-12-months', 300, 0.7]] as const) {
        if (chance(p)) addEntry(recordId, 'health-review', addDays(born, day + between(-2, 14)), { review, by: 'Health visitor', notes: chance(0.2) ? 'Feeding and sleep discussed' : null }, 'professional');
      }

      // Immunisations: most doses given within two weeks of being due; some families fall behind.
      const catchUp = chance(0.15);
      for (const dose of getImmunisationSchedule(born)) {
        const givenOn = addDays(dose.dueOn, catchUp ? between(10, 60) : between(0, 14));
        if (givenOn <= today && chance(catchUp ? 0.6 : 0.93)) addEntry(recordId, 'immunisation', givenOn, { vaccine: dose.vaccine, place: pick([null, 'GP surgery', 'Children’s centre clinic']), batch: chance(0.5) ? `${String.fromCharCode(65 + between(0, 25))}${String.fromCharCode(65 + between(0, 25))}${between(1000, 9999)}` : null }, 'professional');
      }

      // Weights along the child's own centile (corrected age while correction applies), lengths and head circumferences now and then.
      const z = Math.max(-2.5, Math.min(2.5, normal()));
      const value = (quantity: 'weight' | 'length' | 'headCircumference', day: number) => {
        const corrected = day - correction;
        const atTerm = calculateLmsValue(z, getLmsParameters(quantity, sex, Math.max(0, corrected)));
        const birth = quantity === 'weight' ? birthWeightKg : quantity === 'length' ? (preterm ? 42 : 50) : preterm ? 30 : 34.5;
        // Before the due date a preterm baby grows from their birth size towards the term size.
        const raw = corrected < 0 ? birth + ((atTerm - birth) * day) / correction : atTerm;
        return Math.round(raw * (1 + 0.02 * normal()) * (quantity === 'weight' ? 100 : 10)) / (quantity === 'weight' ? 100 : 10);
      };
      for (const day of weighDays) {
        if (day <= age && chance(0.75)) addEntry(recordId, 'measurement', addDays(born, day), { quantity: 'weight', value: value('weight', day), position: null, measuredBy: pick([null, 'Health visitor', 'Baby clinic']) }, chance(0.6) ? 'professional' : 'parent-or-carer');
      }
      for (const day of [56, 365]) {
        if (day <= age && chance(0.5)) addEntry(recordId, 'measurement', addDays(born, day), { quantity: 'length', value: value('length', day), position: 'lying', measuredBy: 'Health visitor' }, 'professional');
      }
      for (const day of [1, 56, 365]) {
        if (day <= age && chance(0.5)) addEntry(recordId, 'measurement', addDays(born, day), { quantity: 'headCircumference', value: value('headCircumference', day), position: null, measuredBy: day === 1 ? 'Midwife' : 'Health visitor' }, 'professional');
      }

      // Firsts (by corrected age), and a few notes.
      for (const [code, day] of firstTimes) {
        const on = day + correction + between(-20, 40);
        if (on <= age && chance(0.6)) addEntry(recordId, 'first', addDays(born, on), { first: code, label: null, notes: chance(0.2) ? 'At Granny’s house' : null }, 'parent-or-carer');
      }
      for (let note = between(0, 3); note > 0; note -= 1) batch.notes.push({ id: randomUUID(), recordId, body: pick(noteTexts), createdBy: pick(writers), createdAt: stamp(addDays(born, between(0, age))) });
    }
    families.push({ userId: owner.id, email: owner.email, childRecordIds });

    // A pregnancy: open (due within 40 weeks) in 10% of families, or closed when the youngest was born in 10%.
    if (chance(0.2)) {
      const recordId = randomUUID();
      const youngest = births.at(-1) ?? today;
      const open = chance(0.5);
      const dueDate = open ? addDays(today, between(0, 270)) : addDays(youngest, between(-14, 14));
      // Started between 10 and 30 weeks into the pregnancy (and not after today).
      const startedOn = [addDays(dueDate, -between(70, 210)), today].sort()[0] ?? today;
      batch.records.push({ id: recordId, kind: 'pregnancy', name: 'Our pregnancy', details: { dueDate }, ...(open ? { status: 'open' } : { status: 'closed', closedReason: 'born', closedOn: youngest }), createdAt: stamp(startedOn) });
      share(recordId, startedOn);
      // The antenatal contact is from 28 weeks (day 196 of 280).
      const contact = addDays(dueDate, -280 + 196 + between(0, 21));
      if (chance(0.6)) addEntry(recordId, 'health-review', contact, { review: 'antenatal', by: 'Health visitor', notes: null }, 'professional');
    }
  }
  return batch;
}

/**
 * Inserts rows into `table`, `rowsPerInsert` to a statement, each statement taking its rows as one JSON
 * parameter (`jsonb_to_recordset`): building a 1,000-row VALUES list with a parameter a field took most of
 * the seeding time in this process. A column is given when any row has it (as null where a row has not).
 */
async function insertRows<Table extends PgTable>(db: PortalDatabase, table: Table, rows: readonly Table['$inferInsert'][]): Promise<void> {
  const fields = (row: Table['$inferInsert']) => row as Record<string, unknown>;
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => rows.some((row) => fields(row)[key] !== undefined));
  const names = sql.raw(columns.map(([, column]) => `"${column.name}"`).join(', '));
  const types = sql.raw(columns.map(([, column]) => `"${column.name}" ${column.getSQLType()}`).join(', '));
  for (let start = 0; start < rows.length; start += rowsPerInsert) {
    const chunk = rows.slice(start, start + rowsPerInsert).map((row) => Object.fromEntries(columns.map(([key, column]) => [column.name, fields(row)[key] ?? null])));
    await db.execute(sql`insert into ${table} (${names}) select ${names} from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as seeded(${types})`);
  }
}

/** Seeds `count` families as they would be on `today`. The database must be migrated; it may hold other data. */
export async function seedFamilies(db: PortalDatabase, count: number, today: IsoDate, options: SeedOptions = {}): Promise<SeedOutcome> {
  const started = performance.now();
  const random = createRandom(options.seed ?? 1001);
  const passwordHash = options.passwordHash ?? (await hashPassword(seededPassword));
  const prefix = options.emailPrefix ?? 'family';
  const families: SeededFamily[] = [];
  const counts = { users: 0, records: 0, entries: 0, entryVersions: 0, notes: 0 };
  for (let first = 0; first < count; first += familiesPerBatch) {
    const batch = buildBatch(first, Math.min(familiesPerBatch, count - first), today, random, prefix, passwordHash, families);
    await insertRows(db, users, batch.users);
    await insertRows(db, records, batch.records);
    await Promise.all([insertRows(db, recordCarers, batch.carers), insertRows(db, notes, batch.notes), insertRows(db, reminderSubscriptions, batch.subscriptions), insertRows(db, entries, batch.entries)]);
    await insertRows(db, entryVersions, batch.versions);
    counts.users += batch.users.length;
    counts.records += batch.records.length;
    counts.entries += batch.entries.length;
    counts.entryVersions += batch.versions.length;
    counts.notes += batch.notes.length;
    options.onProgress?.(Math.min(count, first + familiesPerBatch), count);
  }
  return { families, counts, seconds: (performance.now() - started) / 1000 };
}

/** Prints progress about every tenth of the way, on one line each. */
export function createSeedProgressPrinter(print: (line: string) => void = console.log): (done: number, count: number) => void {
  const started = performance.now();
  let shown = 0;
  return (done, count) => {
    if (done < count && done < shown + Math.max(familiesPerBatch, count / 10)) return;
    shown = done;
    print(`  seeded ${done.toLocaleString('en-GB')} of ${count.toLocaleString('en-GB')} families (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  };
}

if (import.meta.main) {
  const { getConfiguration } = await import('../site/config.ts');
  const { openDatabase } = await import('../site/lib/database.ts');
  const count = Number(process.argv[2] ?? 10_000);
  if (!Number.isInteger(count) || count < 1) {
    console.error('Give the number of families as a whole number, such as 10000.');
    process.exit(1);
  }
  try {
    const database = await openDatabase(getConfiguration().database);
    await database.migrate();
    console.log(`Seeding ${count.toLocaleString('en-GB')} families into the ${database.kind} database…`);
    // A new prefix each run, so the same database can be seeded again.
    const outcome = await seedFamilies(database.db, count, instantToLondonDate(new Date()), { emailPrefix: `family-${Date.now().toString(36)}`, onProgress: createSeedProgressPrinter() });
    await database.close();
    const { users: people, records: kept, entries: added, notes: written } = outcome.counts;
    console.log(`Seeded ${count.toLocaleString('en-GB')} families in ${outcome.seconds.toFixed(1)} s: ${people.toLocaleString('en-GB')} accounts, ${kept.toLocaleString('en-GB')} records, ${added.toLocaleString('en-GB')} entries, ${written.toLocaleString('en-GB')} notes.`);
  } catch (error) {
    // Configuration and database errors carry their own advice; nothing personal is in them.
    console.error(error instanceof ChildHealthError ? error.message : error);
    process.exit(1);
  }
}
