/** Runs sign-in housekeeping at most once an hour, in the background of a signed-in request. */
import { deleteExpiredSignInData } from '../../src/auth/housekeeping.ts';
import { getDatabase } from './database.ts';

const intervalMs = 60 * 60 * 1000;
let lastRun = 0;

/** Starts housekeeping if an hour has passed since the last run; never delays or fails the request. */
export function startHousekeepingIfDue(now: Date = new Date()): void {
  if (now.getTime() - lastRun < intervalMs) return;
  lastRun = now.getTime();
  getDatabase()
    .then((database) => deleteExpiredSignInData(database.db, now))
    .catch((error: unknown) => console.error(error instanceof Error ? error.message : 'Housekeeping failed.'));
}
