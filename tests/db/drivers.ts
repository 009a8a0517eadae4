/**
 * The database engines every DB test runs on: embedded PGlite in a temporary folder, and a real
 * PostgreSQL server (a fresh database per run, dropped afterwards). When no PostgreSQL server
 * answers, its leg is skipped with a visible line, unless REQUIRE_POSTGRES=1 (CI), which fails.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { createDatabase, type Database, type DatabaseKind, type PortalDatabase } from '../../src/db/index.ts';
import { users } from '../../src/db/schema.ts';

export const migrationsDir = fileURLToPath(new URL('../../drizzle', import.meta.url));

/** Where the PostgreSQL leg connects to create its own database. */
export const postgresAdminUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** One engine: how to make a fresh, empty database on it and throw it away afterwards. */
export interface DatabaseDriver {
  readonly kind: DatabaseKind;
  /** Null when the engine can be used; otherwise why its leg is skipped. */
  readonly unavailable: string | null;
  /** Creates a fresh, empty (unmigrated) database. */
  create(): Promise<{ database: Database; reopen: () => Promise<Database>; destroy: () => Promise<void> }>;
}

async function probePostgres(): Promise<string | null> {
  const admin = postgres(postgresAdminUrl, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await admin`select 1`;
    return null;
  } catch (error) {
    return `no PostgreSQL server answered at ${new URL(postgresAdminUrl).host} (${error instanceof Error ? error.message : 'unknown error'})`;
  } finally {
    await admin.end({ timeout: 1 });
  }
}

const postgresProblem = await probePostgres();
if (postgresProblem !== null) {
  if (process.env.REQUIRE_POSTGRES === '1') {
    throw new Error(`REQUIRE_POSTGRES=1 but ${postgresProblem}. Start PostgreSQL or set TEST_POSTGRES_URL.`);
  }
  console.warn(`PostgreSQL database tests skipped: ${postgresProblem}. Set REQUIRE_POSTGRES=1 to make this a failure.`);
}

export const databaseDrivers: readonly DatabaseDriver[] = [
  {
    kind: 'pglite',
    unavailable: null,
    async create() {
      const dataDir = await mkdtemp(path.join(os.tmpdir(), 'portal-pglite-'));
      const open = () => createDatabase({ kind: 'pglite', dataDir, migrationsDir });
      return { database: await open(), reopen: open, destroy: () => rm(dataDir, { recursive: true, force: true }) };
    },
  },
  {
    kind: 'postgresql',
    unavailable: postgresProblem,
    async create() {
      const name = `portal_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
      const admin = postgres(postgresAdminUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database "${name}"`);
      const url = new URL(postgresAdminUrl);
      url.pathname = `/${name}`;
      const open = () => createDatabase({ kind: 'postgresql', url: url.href, migrationsDir, maxConnections: 4 });
      return {
        database: await open(),
        reopen: open,
        destroy: async () => {
          await admin.unsafe(`drop database if exists "${name}" with (force)`);
          await admin.end({ timeout: 5 });
        },
      };
    },
  },
];

/** Makes one account per key of `people` (name@example.com, confirmed unless listed in `unconfirmed`) and fills in their ids. */
export async function createPeople<Name extends string>(db: PortalDatabase, people: Record<Name, string>, unconfirmed: readonly Name[] = []): Promise<void> {
  for (const name of Object.keys(people) as Name[]) {
    const [user] = await db.insert(users).values({ email: `${name}@example.com`, passwordHash: 'x', emailVerified: !unconfirmed.includes(name) }).returning({ id: users.id });
    people[name] = user?.id ?? '';
  }
}
