/**
 * The portal's configuration: read from the environment in this one module, checked with zod,
 * and reported all at once. Nothing else reads `process.env`.
 */
import path from 'node:path';
import { z } from 'zod';
import { readFileSync } from 'node:fs';
import { ConfigurationError } from '../src/errors.ts';
import { clientSigningAlgorithms, identityLevels, type IdentityLevel } from '../src/auth/oidc.ts';

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const environmentSchema = z
  .object({
    SANITY_PROJECT_ID: optionalText.pipe(z.string().regex(/^[a-z0-9-]+$/, 'must be a Sanity project id: lower-case letters, digits and dashes').optional()),
    SANITY_DATASET: optionalText.pipe(z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be a Sanity dataset name such as "production"').optional()),
    SANITY_API_VERSION: optionalText.pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2025-02-19').optional()),
    SANITY_READ_TOKEN: optionalText,
    SANITY_PREVIEW_SECRET: optionalText.pipe(z.string().min(24, 'must be at least 24 characters: use a long random value').optional()),
    SANITY_API_HOST: optionalText.pipe(z.url({ protocol: /^https?$/, error: 'must be an http or https URL' }).optional()),
    CONTENT_DATASET_PATH: optionalText,
    DATABASE_URL: optionalText.pipe(
      z.string().regex(/^postgres(ql)?:\/\//, 'must be a PostgreSQL URL starting postgres:// or postgresql://').optional(),
    ),
    PGLITE_DATA_DIR: optionalText,
    PORT: optionalText.pipe(
      z
        .string()
        .regex(/^\d{1,5}$/, 'must be a port number between 1 and 65535')
        .transform(Number)
        .pipe(z.number().min(1, 'must be a port number between 1 and 65535').max(65535, 'must be a port number between 1 and 65535'))
        .optional(),
    ),
    HOST: optionalText,
    SITE_URL: optionalText.pipe(z.url({ protocol: /^https?$/, error: 'must be an http or https URL' }).optional()),
    SMTP_URL: optionalText.pipe(z.url({ protocol: /^smtps?$/, error: 'must be an SMTP URL such as smtp://user:password@mail.example.org:587' }).optional()),
    EMAIL_FROM: optionalText.pipe(z.string().regex(/^[^\r\n]*<?[^\s@<>]+@[^\s@<>]+>?$/, 'must be an email address, optionally with a name: First 1,001 days <no-reply@example.org>').optional()),
    OUTBOX_DIR: optionalText,
    CONTENT_WEBHOOK_SECRET: optionalText.pipe(z.string().min(24, 'must be at least 24 characters: use a long random value').optional()),
    REMINDERS_EVERY_MINUTES: optionalText.pipe(
      z
        .string()
        .regex(/^\d{1,4}$/, 'must be a whole number of minutes, such as 15')
        .transform(Number)
        .pipe(z.number().min(1, 'must be at least 1 minute').max(1440, 'must be at most 1440 minutes (a day)'))
        .optional(),
    ),
    OIDC_ISSUER: optionalText.pipe(z.url({ protocol: /^https?$/, error: 'must be the provider\'s issuer URL, such as https://auth.login.nhs.uk' }).optional()),
    OIDC_CLIENT_ID: optionalText,
    OIDC_PRIVATE_KEY: optionalText.pipe(z.string().regex(/-----BEGIN PRIVATE KEY-----/, 'must be a PKCS#8 private key in PEM form (-----BEGIN PRIVATE KEY-----)').optional()),
    OIDC_PRIVATE_KEY_FILE: optionalText,
    OIDC_KEY_ID: optionalText,
    OIDC_SIGNING_ALGORITHM: optionalText.pipe(z.enum(clientSigningAlgorithms, { error: `must be one of ${clientSigningAlgorithms.join(', ')}` }).optional()),
    OIDC_SCOPES: optionalText.pipe(z.string().regex(/(^|\s)openid(\s|$)/, 'must include openid, such as "openid profile email"').optional()),
    OIDC_PROVIDER_NAME: optionalText.pipe(z.string().max(40, 'must be at most 40 characters').optional()),
    OIDC_MINIMUM_LEVEL: optionalText.pipe(z.enum(identityLevels, { error: `must be one of ${identityLevels.join(', ')}` }).optional()),
    SIGN_UP_LIMIT_PER_ADDRESS: optionalText.pipe(
      z
        .string()
        .regex(/^\d{1,6}$/, 'must be a whole number of sign-ups per hour, such as 30')
        .transform(Number)
        .pipe(z.number().min(1, 'must be at least 1 sign-up per hour'))
        .optional(),
    ),
  })
  .superRefine((env, context) => {
    if (env.OIDC_ISSUER) {
      if (!env.OIDC_CLIENT_ID) context.addIssue({ code: 'custom', path: ['OIDC_CLIENT_ID'], message: 'must be set too: the client id the provider gave this service' });
      if (Boolean(env.OIDC_PRIVATE_KEY) === Boolean(env.OIDC_PRIVATE_KEY_FILE)) {
        context.addIssue({ code: 'custom', path: ['OIDC_PRIVATE_KEY'], message: 'or OIDC_PRIVATE_KEY_FILE must be set (one, not both): the private key for private_key_jwt' });
      }
    } else {
      const stray = (['OIDC_CLIENT_ID', 'OIDC_PRIVATE_KEY', 'OIDC_PRIVATE_KEY_FILE', 'OIDC_MINIMUM_LEVEL'] as const).find((name) => env[name]);
      if (stray) context.addIssue({ code: 'custom', path: ['OIDC_ISSUER'], message: `must be set to use ${stray}: set OIDC_ISSUER to sign in with an OpenID Connect provider, or unset the other OIDC_ variables` });
    }
    if (Boolean(env.SANITY_PROJECT_ID) !== Boolean(env.SANITY_DATASET)) {
      const missing = env.SANITY_PROJECT_ID ? 'SANITY_DATASET' : 'SANITY_PROJECT_ID';
      context.addIssue({
        code: 'custom',
        path: [missing],
        message: 'must be set too: set both SANITY_PROJECT_ID and SANITY_DATASET to use Sanity, or neither to use the bundled dataset',
      });
    }
  });

/** Where content comes from. */
export type ContentConfiguration =
  | { readonly kind: 'dataset'; readonly datasetPath: string }
  | {
      readonly kind: 'sanity';
      readonly projectId: string;
      readonly dataset: string;
      readonly apiVersion: string;
      readonly token: string | null;
      readonly apiHost: string | null;
      /** Set with a read token to allow editors' draft preview at /preview. */
      readonly previewSecret: string | null;
    };

/** Where records are kept. */
export type DatabaseConfiguration =
  | { readonly kind: 'pglite'; readonly dataDir: string; readonly migrationsDir: string }
  | { readonly kind: 'postgresql'; readonly url: string; readonly migrationsDir: string };

/** How email is sent: SMTP when configured, otherwise files in a local outbox folder. */
export type EmailConfiguration = { readonly kind: 'smtp'; readonly url: string; readonly from: string | null } | { readonly kind: 'outbox'; readonly dir: string; readonly from: string | null };

/** Signing in with an OpenID Connect provider (NHS login), when OIDC_ISSUER is set. */
export interface OidcConfiguration {
  readonly issuer: string;
  readonly clientId: string;
  readonly privateKeyPem: string;
  readonly keyId: string | null;
  readonly signingAlgorithm: string;
  readonly scopes: readonly string[];
  readonly providerName: string;
  /** Record pages need a session vouched for at this level or above (NHS login's P5 or P9), or null for no minimum. */
  readonly minimumLevel: IdentityLevel | null;
}

/** Everything the portal reads from its environment, checked. */
export interface Configuration {
  readonly content: ContentConfiguration;
  readonly database: DatabaseConfiguration;
  readonly email: EmailConfiguration;
  readonly server: { readonly port: number; readonly host: string };
  readonly siteUrl: string;
  /** How often the server itself sends the weekly emails, or null (use `npm run reminders` from cron). */
  readonly remindersEveryMinutes: number | null;
  /** The shared secret Sanity's publish webhook sends to /api/content-published, or null (the route is then not found). */
  readonly contentWebhookSecret: string | null;
  /** New accounts allowed per network address per hour, if set (raise it where many families share one address); otherwise src/auth's default. */
  readonly signUpLimitPerAddress: number | null;
  /** OpenID Connect sign-in, or null when not configured. */
  readonly oidc: OidcConfiguration | null;
}

/** The Sanity API version the queries are written against. */
export const defaultSanityApiVersion = '2025-02-19';

/**
 * Reads and checks the configuration from `env`, relative to `rootDir`. Throws one
 * `ConfigurationError` listing every missing or invalid variable (names only, never values).
 */
export function readConfiguration(env: Readonly<Record<string, string | undefined>>, rootDir: string = process.cwd()): Configuration {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'} ${issue.message}`);
    throw new ConfigurationError(problems);
  }
  const values = parsed.data;
  const migrationsDir = path.resolve(rootDir, 'drizzle');
  const content: ContentConfiguration =
    values.SANITY_PROJECT_ID && values.SANITY_DATASET
      ? {
          kind: 'sanity',
          projectId: values.SANITY_PROJECT_ID,
          dataset: values.SANITY_DATASET,
          apiVersion: values.SANITY_API_VERSION ?? defaultSanityApiVersion,
          token: values.SANITY_READ_TOKEN ?? null,
          apiHost: values.SANITY_API_HOST ?? null,
          previewSecret: values.SANITY_PREVIEW_SECRET ?? null,
        }
      : { kind: 'dataset', datasetPath: path.resolve(rootDir, values.CONTENT_DATASET_PATH ?? 'studio/data/production.ndjson') };
  const database: DatabaseConfiguration = values.DATABASE_URL
    ? { kind: 'postgresql', url: values.DATABASE_URL, migrationsDir }
    : { kind: 'pglite', dataDir: path.resolve(rootDir, values.PGLITE_DATA_DIR ?? '.data/pglite'), migrationsDir };
  const port = values.PORT ?? 4321;
  const host = values.HOST ?? 'localhost';
  const email: EmailConfiguration = values.SMTP_URL
    ? { kind: 'smtp', url: values.SMTP_URL, from: values.EMAIL_FROM ?? null }
    : { kind: 'outbox', dir: path.resolve(rootDir, values.OUTBOX_DIR ?? '.data/outbox'), from: values.EMAIL_FROM ?? null };
  let oidc: OidcConfiguration | null = null;
  if (values.OIDC_ISSUER && values.OIDC_CLIENT_ID) {
    let privateKeyPem = values.OIDC_PRIVATE_KEY ?? '';
    if (values.OIDC_PRIVATE_KEY_FILE) {
      try {
        privateKeyPem = readFileSync(path.resolve(rootDir, values.OIDC_PRIVATE_KEY_FILE), 'utf8');
      } catch {
        throw new ConfigurationError(['OIDC_PRIVATE_KEY_FILE must name a file this process can read']);
      }
      if (!privateKeyPem.includes('-----BEGIN PRIVATE KEY-----')) throw new ConfigurationError(['OIDC_PRIVATE_KEY_FILE must hold a PKCS#8 private key in PEM form (-----BEGIN PRIVATE KEY-----)']);
    }
    oidc = {
      issuer: values.OIDC_ISSUER,
      clientId: values.OIDC_CLIENT_ID,
      privateKeyPem,
      keyId: values.OIDC_KEY_ID ?? null,
      signingAlgorithm: values.OIDC_SIGNING_ALGORITHM ?? 'RS512',
      scopes: (values.OIDC_SCOPES ?? 'openid profile email').split(/\s+/).filter(Boolean),
      providerName: values.OIDC_PROVIDER_NAME ?? 'NHS login',
      minimumLevel: values.OIDC_MINIMUM_LEVEL ?? null,
    };
  }
  return {
    content,
    database,
    email,
    oidc,
    server: { port, host },
    siteUrl: values.SITE_URL ?? `http://localhost:${port}`,
    signUpLimitPerAddress: values.SIGN_UP_LIMIT_PER_ADDRESS ?? null,
    contentWebhookSecret: values.CONTENT_WEBHOOK_SECRET ?? null,
    remindersEveryMinutes: values.REMINDERS_EVERY_MINUTES ?? null,
  };
}

let cached: Configuration | undefined;

/** The configuration of this process, read once. */
export function getConfiguration(): Configuration {
  cached ??= readConfiguration(process.env);
  return cached;
}
