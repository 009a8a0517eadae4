/**
 * The portal's configuration: read from the environment in this one module, checked with zod,
 * and reported all at once. Nothing else reads `process.env`.
 */
import path from 'node:path';
import { z } from 'zod';
import { ConfigurationError } from '../src/errors.ts';

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
  return {
    content,
    database,
    email,
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
