/**
 * The optional in-process schedule for the weekly emails: with REMINDERS_EVERY_MINUTES set, the server
 * runs the same job as `npm run reminders` that often, in the background (timers that never keep the
 * process alive). It shares the server's own database connection, so it is safe with PGlite too.
 */
import { sendWeeklyEmails } from '../../src/reminders/index.ts';
import { getConfiguration } from '../config.ts';
import { getMailer } from './account-services.ts';
import { getContentSnapshot } from './content-snapshot.ts';
import { getDatabase } from './database.ts';

let started = false;

/** Starts the schedule once, if it is configured. Called from the middleware on the first request. */
export function startReminderScheduleIfConfigured(): void {
  const minutes = getConfiguration().remindersEveryMinutes;
  if (started || minutes === null) return;
  started = true;
  const run = async () => {
    try {
      const result = await sendWeeklyEmails({ db: (await getDatabase()).db, mailer: getMailer(), source: await getContentSnapshot(), now: () => new Date(), siteUrl: getConfiguration().siteUrl });
      if (result.sent > 0 || result.failed > 0) console.log(`Weekly emails: ${result.sent} sent, ${result.failed} failed.`);
    } catch (error) {
      console.error(error instanceof Error ? error.message : 'The weekly emails could not be sent.');
    }
  };
  setTimeout(run, 1000).unref();
  setInterval(run, minutes * 60 * 1000).unref();
}
