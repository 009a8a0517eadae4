/**
 * Sends this week's emails that have not gone yet (`npm run reminders`). Safe to run from cron every few
 * minutes: each email goes once a week, even when two runs overlap. Prints counts only, never who.
 */
import { sendWeeklyEmails } from '../src/reminders/index.ts';
import { getConfiguration } from '../site/config.ts';
import { getMailer } from '../site/lib/account-services.ts';
import { getContentSnapshot } from '../site/lib/content-snapshot.ts';
import { openDatabase } from '../site/lib/database.ts';

const config = getConfiguration();
const database = await openDatabase(config.database);
try {
  await database.migrate();
  const started = performance.now();
  const run = await sendWeeklyEmails({ db: database.db, mailer: getMailer(), source: await getContentSnapshot(), now: () => new Date(), siteUrl: config.siteUrl });
  console.log(`Weekly emails for the week of ${run.week}: ${run.sent} sent, ${run.skipped} skipped, ${run.failed} failed, of ${run.considered} (${Math.round(performance.now() - started)} ms).`);
  if (run.failed > 0) process.exitCode = 1;
} finally {
  await database.close();
}
