/** The account flows' services for this process: the database, the mailer, the clock and the site's address. */
import { randomBytes } from 'node:crypto';
import type { AccountServices } from '../../src/auth/account.ts';
import { createOutboxMailer, createSmtpMailer, type Mailer } from '../../src/email/mailer.ts';
import { getConfiguration } from '../config.ts';
import { getDatabase } from './database.ts';

let mailer: Mailer | undefined;

/** The mailer: SMTP when SMTP_URL is set, otherwise the local outbox folder. */
export function getMailer(): Mailer {
  if (!mailer) {
    const { email } = getConfiguration();
    const from = email.from ?? undefined;
    mailer =
      email.kind === 'smtp'
        ? createSmtpMailer({ url: email.url, ...(from ? { from } : {}) })
        : createOutboxMailer({
            dir: email.dir,
            ...(from ? { from } : {}),
            now: () => new Date(),
            randomId: () => randomBytes(6).toString('hex'),
            log: (line) => console.log(line),
          });
  }
  return mailer;
}

/** Fills random bytes from the operating system. */
export function getRandomBytes(length: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(length));
}

/** Everything the account flows need, bound to this process. */
export async function getAccountServices(): Promise<AccountServices> {
  return {
    db: (await getDatabase()).db,
    mailer: getMailer(),
    now: () => new Date(),
    randomBytes: getRandomBytes,
    siteUrl: getConfiguration().siteUrl,
    reportEmailFailure,
    ...signUpLimit(getConfiguration().signUpLimitPerAddress),
  };
}

function signUpLimit(perHour: number | null): { signUpLimitPerAddress?: number } {
  return perHour === null ? {} : { signUpLimitPerAddress: perHour };
}

/** Logs an email that could not be sent. The error's message names the transport, never the recipient. */
export function reportEmailFailure(error: unknown): void {
  console.error(error instanceof Error ? error.message : 'An email could not be sent.');
}

/** The network address a request came from, for rate limits. Never logged or stored in clear. */
export function readClientAddress(getAddress: () => string): string {
  try {
    return getAddress();
  } catch {
    return 'unknown';
  }
}
