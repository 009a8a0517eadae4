/**
 * The database of this process, opened (and migrated, if needed) once on first use.
 */
import { createDatabase, type Database } from '../../src/db/index.ts';
import { getConfiguration, type DatabaseConfiguration } from '../config.ts';

/** Opens the database described by `config`. */
export function openDatabase(config: DatabaseConfiguration): Promise<Database> {
  return config.kind === 'postgresql'
    ? createDatabase({ kind: 'postgresql', url: config.url, migrationsDir: config.migrationsDir })
    : createDatabase({ kind: 'pglite', dataDir: config.dataDir, migrationsDir: config.migrationsDir });
}

let opening: Promise<Database> | undefined;

/** The database of this process. Migrations are applied on first use, so `astro dev` works too. */
export function getDatabase(): Promise<Database> {
  opening ??= (async () => {
    const database = await openDatabase(getConfiguration().database);
    await database.migrate();
    return database;
  })();
  // A failed open is not cached: the next request tries again.
  opening.catch(() => {
    opening = undefined;
  });
  return opening;
}
