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
      oidc: null,
    });
  });

  const pem = '-----BEGIN PRIVATE KEY-----\nMIIsecret\n-----END PRIVATE KEY-----\n';

  test('with OIDC_ISSUER, a client id and a key, NHS login is on with RS512, the usual scopes and no minimum level', () => {
    expect(readConfiguration({ OIDC_ISSUER: 'https://auth.login.nhs.uk', OIDC_CLIENT_ID: 'first-1001-days', OIDC_PRIVATE_KEY: pem }, root).oidc).toEqual({
      issuer: 'https://auth.login.nhs.uk',
      clientId: 'first-1001-days',
      privateKeyPem: pem.trim(),
      keyId: null,
      signingAlgorithm: 'RS512',
      scopes: ['openid', 'profile', 'email'],
      providerName: 'NHS login',
      minimumLevel: null,
    });
  });

  test('OIDC settings are honoured: key id, algorithm, scopes, name and minimum level', () => {
    const oidc = readConfiguration(
      { OIDC_ISSUER: 'https://id.example.org', OIDC_CLIENT_ID: 'c', OIDC_PRIVATE_KEY: pem, OIDC_KEY_ID: 'k1', OIDC_SIGNING_ALGORITHM: 'PS256', OIDC_SCOPES: 'openid  email phone', OIDC_PROVIDER_NAME: 'Example ID', OIDC_MINIMUM_LEVEL: 'P9' },
      root,
    ).oidc;
    expect(oidc).toMatchObject({ keyId: 'k1', signingAlgorithm: 'PS256', scopes: ['openid', 'email', 'phone'], providerName: 'Example ID', minimumLevel: 'P9' });
  });

  test.each([
    [{ OIDC_ISSUER: 'https://auth.login.nhs.uk', OIDC_PRIVATE_KEY: pem }, /OIDC_CLIENT_ID must be set too/],
    [{ OIDC_ISSUER: 'https://auth.login.nhs.uk', OIDC_CLIENT_ID: 'c' }, /OIDC_PRIVATE_KEY or OIDC_PRIVATE_KEY_FILE must be set/],
    [{ OIDC_ISSUER: 'https://auth.login.nhs.uk', OIDC_CLIENT_ID: 'c', OIDC_PRIVATE_KEY: pem, OIDC_PRIVATE_KEY_FILE: '/k.pem' }, /one, not both/],
    [{ OIDC_ISSUER: 'https://auth.login.nhs.uk', OIDC_CLIENT_ID: 'c', OIDC_PRIVATE_KEY: '-----BEGIN RSA PRIVATE KEY-----' }, /OIDC_PRIVATE_KEY must be a PKCS#8 private key/],
    [{ OIDC_ISSUER: 'ftp://auth.login.nhs.uk', OIDC_CLIENT_ID: 'c', OIDC_PRIVATE_KEY: pem }, /OIDC_ISSUER must be the provider's issuer URL/],
    [{ OIDC_ISSUER: 'https://auth.login.nhs.uk', OIDC_CLIENT_ID: 'c', OIDC_PRIVATE_KEY: pem, OIDC_MINIMUM_LEVEL: 'P7' }, /OIDC_MINIMUM_LEVEL must be one of P0, P5, P9/],
    [{ OIDC_ISSUER: 'https://auth.login.nhs.uk', OIDC_CLIENT_ID: 'c', OIDC_PRIVATE_KEY: pem, OIDC_SIGNING_ALGORITHM: 'HS256' }, /OIDC_SIGNING_ALGORITHM must be one of/],
    [{ OIDC_ISSUER: 'https://auth.login.nhs.uk', OIDC_CLIENT_ID: 'c', OIDC_PRIVATE_KEY: pem, OIDC_SCOPES: 'profile email' }, /OIDC_SCOPES must include openid/],
    [{ OIDC_CLIENT_ID: 'c', OIDC_MINIMUM_LEVEL: 'P9' }, /OIDC_ISSUER must be set to use OIDC_CLIENT_ID/],
    [{ OIDC_ISSUER: 'https://auth.login.nhs.uk', OIDC_CLIENT_ID: 'c', OIDC_PRIVATE_KEY_FILE: '/no/such/key.pem' }, /OIDC_PRIVATE_KEY_FILE must name a file this process can read/],
  ])('a bad OIDC setting is refused by name, never showing the key: %j', (env, message) => {
    let thrown: unknown;
    try {
      readConfiguration(env, root);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigurationError);
    expect((thrown as Error).message).toMatch(message);
    expect((thrown as Error).message).not.toContain('MIIsecret');
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
