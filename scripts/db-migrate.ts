/** `npm run db:migrate`: applies every migration not yet applied to the configured database. */
import { ChildHealthError } from '../src/errors.ts';
import { getConfiguration } from '../site/config.ts';
import { openDatabase } from '../site/lib/database.ts';

try {
  const config = getConfiguration();
  const database = await openDatabase(config.database);
  const level = await database.migrate();
  await database.close();
  console.log(`Database (${database.kind}) is at migration ${level.latest ?? 'none'}: ${level.applied} of ${level.available} applied.`);
} catch (error) {
  console.error(error instanceof ChildHealthError ? error.message : error);
  process.exit(1);
}
