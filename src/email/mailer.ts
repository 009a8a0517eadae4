/**
 * Sending email: through SMTP when the portal is configured with a server, otherwise into a local
 * outbox folder (one file per message) with a console line naming the file. Log lines never hold an
 * address or a link, because links carry single-use tokens.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createTransport } from 'nodemailer';
import { ChildHealthError } from '../errors.ts';

/** A plain-text email. */
export interface EmailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

/** Something that delivers email. */
export interface Mailer {
  /** Delivers one message; rejects with an `EmailError` when it cannot. */
  send(message: EmailMessage): Promise<void>;
}

/** An email could not be delivered. The message never names the recipient. */
export class EmailError extends ChildHealthError {
  /** `transport` names where the email was going ("SMTP server", "outbox folder"). */
  constructor(transport: string, options?: { cause?: unknown }) {
    super('email-failed', `An email could not be handed to the ${transport}. Check that it is reachable and try again.`, options);
  }
}

/** The address emails come from. */
export const defaultFromAddress = 'First 1,001 days <no-reply@localhost>';

/** Formats a message as an RFC 5322 text file, the way it would travel. */
export function emailMessageToText(message: EmailMessage, from: string, date: Date): string {
  return [`From: ${from}`, `To: ${message.to}`, `Subject: ${message.subject}`, `Date: ${date.toUTCString()}`, 'Content-Type: text/plain; charset=utf-8', '', message.text, ''].join('\n');
}

/** Writes each message to `dir` as an `.eml` file and logs the file's name (never its contents). */
export function createOutboxMailer(options: {
  readonly dir: string;
  readonly from?: string;
  readonly now: () => Date;
  readonly randomId: () => string;
  readonly log: (line: string) => void;
}): Mailer {
  return {
    async send(message) {
      const date = options.now();
      const fileName = `${date.toISOString().replace(/[:.]/g, '-')}-${options.randomId()}.eml`;
      try {
        await mkdir(options.dir, { recursive: true });
        await writeFile(path.join(options.dir, fileName), emailMessageToText(message, options.from ?? defaultFromAddress, date), { mode: 0o600 });
      } catch (error) {
        throw new EmailError('outbox folder', { cause: error });
      }
      options.log(`Email written to the outbox: ${path.join(options.dir, fileName)}`);
    },
  };
}

/** Sends through the SMTP server at `url` (smtp:// or smtps://, credentials in the URL) with nodemailer. */
export function createSmtpMailer(options: { readonly url: string; readonly from?: string }): Mailer {
  const transport = createTransport(options.url);
  return {
    async send(message) {
      try {
        await transport.sendMail({ from: options.from ?? defaultFromAddress, to: message.to, subject: message.subject, text: message.text });
      } catch (error) {
        throw new EmailError('SMTP server', { cause: error });
      }
    },
  };
}
