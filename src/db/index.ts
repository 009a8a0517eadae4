/**
 * Opens the portal's database: embedded PGlite in a local folder by default, or PostgreSQL when a
 * connection URL is given. Both are driven through Drizzle with the same schema and migrations,
 * so the rest of the code never knows which one it has.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import { DatabaseError } from '../errors.ts';
import * as schema from './schema.ts';

/** Which engine is behind the database. */
export type DatabaseKind = 'pglite' | 'postgresql';

/** The Drizzle handle every repository function takes. */
export type PortalDatabase = PgDatabase<PgQueryResultHKT, typeof schema>;

/** How far the schema has been migrated. */
export interface MigrationLevel {
  readonly applied: number;
  readonly available: number;
  /** The tag of the newest applied migration, such as `0000_page_feedback`, or null. */
  readonly latest: string | null;
}

/** An open database and what can be done to it as a whole. */
export interface Database {
  readonly kind: DatabaseKind;
  readonly db: PortalDatabase;
  /** Applies every migration not yet applied. */
  migrate(): Promise<MigrationLevel>;
  /** Reports how many migrations are applied, without changing anything. */
  getMigrationLevel(): Promise<MigrationLevel>;
  /** Closes the connection (and releases the PGlite folder). */
  close(): Promise<void>;
}

/** What `createDatabase` needs: a PostgreSQL URL, or else a folder for PGlite. */
export type DatabaseOptions =
  | { readonly kind: 'postgresql'; readonly url: string; readonly migrationsDir: string; readonly maxConnections?: number; readonly onQuery?: QueryListener }
  | { readonly kind: 'pglite'; readonly dataDir: string | null; readonly migrationsDir: string; readonly onQuery?: QueryListener };

/** Told the SQL text of each query (never its parameters, which can be personal data): for counting queries in benchmarks. */
export type QueryListener = (sqlText: string) => void;

const toLogger = (onQuery: QueryListener | undefined) => (onQuery ? { logger: { logQuery: (query: string) => onQuery(query) } } : {});

interface JournalEntry {
  readonly idx: number;
  readonly when: number;
  readonly tag: string;
}

function readJournal(migrationsDir: string): JournalEntry[] {
  const text = readFileSync(path.join(migrationsDir, 'meta', '_journal.json'), 'utf8');
  const journal = JSON.parse(text) as { entries: JournalEntry[] };
  return [...journal.entries].sort((a, b) => a.idx - b.idx);
}

async function readMigrationLevel(db: PortalDatabase, migrationsDir: string): Promise<MigrationLevel> {
  const journal = readJournal(migrationsDir);
  const exists = await db.execute<{ present: boolean }>(
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
  );
  const present = rowsOf<{ present: boolean }>(exists)[0]?.present === true;
  if (!present) return { applied: 0, available: journal.length, latest: null };
  const result = await db.execute<{ created_at: string | number }>(
    sql`select created_at from drizzle.__drizzle_migrations order by created_at asc`,
  );
  const appliedAt = new Set(rowsOf<{ created_at: string | number }>(result).map((row) => Number(row.created_at)));
  const applied = journal.filter((entry) => appliedAt.has(entry.when));
  return { applied: applied.length, available: journal.length, latest: applied.at(-1)?.tag ?? null };
}

/** postgres-js returns an array of rows; PGlite returns `{ rows }`. */
function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

async function applyMigrations(run: () => Promise<void>, db: PortalDatabase, migrationsDir: string): Promise<MigrationLevel> {
  try {
    await run();
  } catch (error) {
    throw new DatabaseError('apply its migrations', { cause: error });
  }
  return readMigrationLevel(db, migrationsDir);
}

/** Opens the database described by `options`. Nothing is migrated until `migrate()` is called. */
export async function createDatabase(options: DatabaseOptions): Promise<Database> {
  const { migrationsDir } = options;
  if (options.kind === 'postgresql') {
    const client = postgres(options.url, { max: options.maxConnections ?? 10, onnotice: () => {} });
    const db = drizzlePostgres({ client, schema, ...toLogger(options.onQuery) }) as unknown as PortalDatabase;
    try {
      await client`select 1`;
    } catch (error) {
      await client.end({ timeout: 1 });
      throw new DatabaseError('connect to PostgreSQL', { cause: error });
    }
    return {
      kind: 'postgresql',
      db,
      migrate: () => applyMigrations(() => migratePostgres(drizzlePostgres({ client }), { migrationsFolder: migrationsDir }), db, migrationsDir),
      getMigrationLevel: () => readMigrationLevel(db, migrationsDir),
      close: () => client.end({ timeout: 5 }),
    };
  }

  let client: PGlite;
  try {
    if (options.dataDir !== null) mkdirSync(options.dataDir, { recursive: true });
    client = options.dataDir === null ? await PGlite.create() : await PGlite.create(options.dataDir);
  } catch (error) {
    throw new DatabaseError('open the embedded PGlite database', {
      cause: error,
      advice: 'Check that its folder (PGLITE_DATA_DIR, .data/pglite by default) can be written to and that no other process has it open.',
    });
  }
  const db = drizzlePglite({ client, schema, ...toLogger(options.onQuery) }) as unknown as PortalDatabase;
  return {
    kind: 'pglite',
    db,
    migrate: () => applyMigrations(() => migratePglite(drizzlePglite({ client }), { migrationsFolder: migrationsDir }), db, migrationsDir),
    getMigrationLevel: () => readMigrationLevel(db, migrationsDir),
    close: () => client.close(),
  };
}
