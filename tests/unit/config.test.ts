import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { readConfiguration } from '../../site/config.ts';
import { ConfigurationError } from '../../src/errors.ts';

const root = '/srv/portal';

describe('readConfiguration', () => {
  test('with nothing set, uses the bundled dataset, PGlite in .data/ and localhost:4321', () => {
    expect(readConfiguration({}, root)).toEqual({
      content: { kind: 'dataset', datasetPath: path.join(root, 'studio/data/production.ndjson') },
      database: { kind: 'pglite', dataDir: path.join(root, '.data/pglite'), migrationsDir: path.join(root, 'drizzle') },
      email: { kind: 'outbox', dir: path.join(root, '.data/outbox'), from: null },
      server: { port: 4321, host: 'localhost' },
      siteUrl: 'http://localhost:4321',
      signUpLimitPerAddress: null,
      contentWebhookSecret: null,
      remindersEveryMinutes: null,
    });
  });

  test.each([
    ['200', 200],
    ['1', 1],
  ])('SIGN_UP_LIMIT_PER_ADDRESS=%s allows that many sign-ups an hour from one address', (raw, perHour) => {
    expect(readConfiguration({ SIGN_UP_LIMIT_PER_ADDRESS: raw }, root).signUpLimitPerAddress).toBe(perHour);
  });

  test.each(['0', '-5', 'lots', '2.5'])('SIGN_UP_LIMIT_PER_ADDRESS=%s is refused with a message naming the variable', (raw) => {
    expect(() => readConfiguration({ SIGN_UP_LIMIT_PER_ADDRESS: raw }, root)).toThrow(/SIGN_UP_LIMIT_PER_ADDRESS/);
  });

  test('treats empty and blank variables as unset', () => {
    expect(readConfiguration({ SANITY_PROJECT_ID: '', SANITY_DATASET: '  ', DATABASE_URL: '' }, root).content.kind).toBe('dataset');
  });

  test('with both Sanity variables set, queries Sanity with the default API version and no token', () => {
    expect(readConfiguration({ SANITY_PROJECT_ID: 'abc123', SANITY_DATASET: 'production' }, root).content).toEqual({
      kind: 'sanity',
      projectId: 'abc123',
      dataset: 'production',
      apiVersion: '2025-02-19',
      token: null,
      apiHost: null,
      previewSecret: null,
    });
  });

  test('with DATABASE_URL set, uses PostgreSQL', () => {
    expect(readConfiguration({ DATABASE_URL: 'postgres://portal@127.0.0.1:5432/portal' }, root).database).toEqual({
      kind: 'postgresql',
      url: 'postgres://portal@127.0.0.1:5432/portal',
      migrationsDir: path.join(root, 'drizzle'),
    });
  });

  test('honours PORT, HOST, PGLITE_DATA_DIR and SITE_URL', () => {
    const config = readConfiguration({ PORT: '8080', HOST: '0.0.0.0', PGLITE_DATA_DIR: '/var/lib/portal', SITE_URL: 'https://example.nhs.uk' }, root);
    expect(config.server).toEqual({ port: 8080, host: '0.0.0.0' });
    expect(config.database).toMatchObject({ kind: 'pglite', dataDir: '/var/lib/portal' });
    expect(config.siteUrl).toBe('https://example.nhs.uk');
  });

  test('with SMTP_URL set, sends email through SMTP; OUTBOX_DIR moves the outbox', () => {
    expect(readConfiguration({ SMTP_URL: 'smtp://mailer:secret@mail.example.org:587', EMAIL_FROM: 'Portal <no-reply@example.org>' }, root).email).toEqual({
      kind: 'smtp',
      url: 'smtp://mailer:secret@mail.example.org:587',
      from: 'Portal <no-reply@example.org>',
    });
    expect(readConfiguration({ OUTBOX_DIR: '/tmp/outbox' }, root).email).toEqual({ kind: 'outbox', dir: '/tmp/outbox', from: null });
  });

  test('a bad SMTP_URL is reported by name, never with its password', () => {
    expect(() => readConfiguration({ SMTP_URL: 'http://mailer:hunter2@mail.example.org' }, root)).toThrow(/SMTP_URL must be an SMTP URL/);
    expect(() => readConfiguration({ SMTP_URL: 'http://mailer:hunter2@mail.example.org' }, root)).not.toThrow(/hunter2/);
  });

  test.each([
    ['EMAIL_FROM', 'not an address', /EMAIL_FROM must be an email address/],
    ['PORT', '0', /PORT must be a port number between 1 and 65535/],
    ['PORT', '65536', /PORT must be a port number between 1 and 65535/],
    ['PORT', 'http', /PORT must be a port number/],
    ['PORT', '80.5', /PORT must be a port number/],
    ['DATABASE_URL', 'mysql://localhost/db', /DATABASE_URL must be a PostgreSQL URL/],
    ['SITE_URL', 'not a url', /SITE_URL must be an http or https URL/],
    ['SANITY_API_VERSION', 'latest', /SANITY_API_VERSION must be a date/],
  ])('rejects %s=%s with a message naming the variable', (name, value, message) => {
    expect(() => readConfiguration({ [name]: value }, root)).toThrow(message);
  });

  test.each([
    [{ SANITY_PROJECT_ID: 'abc123' }, /SANITY_DATASET must be set too/],
    [{ SANITY_DATASET: 'production' }, /SANITY_PROJECT_ID must be set too/],
  ])('rejects half a Sanity configuration (%o)', (env, message) => {
    expect(() => readConfiguration(env, root)).toThrow(message);
  });

  test('lists every problem in one message, without the values', () => {
    let thrown: unknown;
    try {
      readConfiguration({ PORT: 'secret-port', DATABASE_URL: 'mysql://user:hunter2@db/x', SANITY_PROJECT_ID: 'abc' }, root);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigurationError);
    const message = (thrown as Error).message;
    expect(message).toMatch(/3 problems/);
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/DATABASE_URL/);
    expect(message).toMatch(/SANITY_DATASET/);
    expect(message).not.toMatch(/hunter2|secret-port/);
  });
});
