/** Email: the local outbox, and real SMTP delivery to a server started by the test. */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, describe, expect, test } from 'vitest';
import { createOutboxMailer, createSmtpMailer, EmailError } from '../../src/email/mailer.ts';
import { writeResetPasswordMessage } from '../../src/email/messages.ts';

const message = writeResetPasswordMessage('parent@example.com', 'http://localhost:4321/account/reset-password?token=secrettoken123');

describe('the outbox mailer (no SMTP configured)', () => {
  const folders: string[] = [];
  afterAll(() => Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true }))));

  test('writes one file per message and logs its name, never the address or the link', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'outbox-'));
    folders.push(dir);
    const lines: string[] = [];
    const mailer = createOutboxMailer({ dir: path.join(dir, 'outbox'), now: () => new Date('2026-11-25T09:00:00Z'), randomId: () => 'abc123', log: (line) => lines.push(line) });
    await mailer.send(message);
    const files = await readdir(path.join(dir, 'outbox'));
    expect(files).toEqual(['2026-11-25T09-00-00-000Z-abc123.eml']);
    const text = await readFile(path.join(dir, 'outbox', files[0] ?? ''), 'utf8');
    expect(text).toContain('To: parent@example.com');
    expect(text).toContain('Subject: Reset your password');
    expect(text).toContain('token=secrettoken123');
    expect(lines).toEqual([`Email written to the outbox: ${path.join(dir, 'outbox', files[0] ?? '')}`]);
    expect(lines.join('\n')).not.toMatch(/parent@example\.com|secrettoken123/);
  });

  test('a folder that cannot be written is an EmailError that names no one', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'outbox-'));
    folders.push(dir);
    await writeFile(path.join(dir, 'a-file'), '');
    // A folder inside a file cannot be made.
    const mailer = createOutboxMailer({ dir: path.join(dir, 'a-file', 'outbox'), now: () => new Date(), randomId: () => 'x', log: () => {} });
    const error = await mailer.send(message).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EmailError);
    expect(String((error as Error).message)).not.toContain('parent@example.com');
  });
});

describe('the SMTP mailer (SMTP_URL set)', () => {
  test('delivers through a real SMTP server on this machine', async () => {
    const received: { from: string; to: string[]; data: string }[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((recipient) => recipient.address),
            data: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.server.address() as AddressInfo;
    try {
      const mailer = createSmtpMailer({ url: `smtp://127.0.0.1:${port}?ignoreTLS=true`, from: 'Portal <no-reply@example.org>' });
      await mailer.send(message);
      expect(received).toHaveLength(1);
      expect(received[0]?.from).toBe('no-reply@example.org');
      expect(received[0]?.to).toEqual(['parent@example.com']);
      expect(received[0]?.data).toContain('Subject: Reset your password');
      expect(received[0]?.data).toContain('secrettoken123');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  test('a server that does not answer is an EmailError', async () => {
    const mailer = createSmtpMailer({ url: 'smtp://127.0.0.1:9?connectionTimeout=2000' });
    await expect(mailer.send(message)).rejects.toBeInstanceOf(EmailError);
  });
});
