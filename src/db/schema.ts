/**
 * The database schema, in Drizzle's PostgreSQL dialect. drizzle-kit generates the committed
 * migrations in `drizzle/` from this file (`npm run db:generate`).
 */
import { bigint, boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/**
 * Answers to "Is this page useful?". No personal data is asked for: the page path, yes or no,
 * and an optional comment. Nothing links an answer to a person or a session.
 */
export const pageFeedback = pgTable(
  'page_feedback',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    pagePath: text('page_path').notNull(),
    useful: boolean('useful').notNull(),
    comment: text('comment'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('page_feedback_page_path_idx').on(table.pagePath, table.createdAt),
    check('page_feedback_comment_length', sql`char_length(${table.comment}) <= 500`),
    check('page_feedback_page_path_shape', sql`${table.pagePath} like '/%' and char_length(${table.pagePath}) <= 200`),
  ],
);

/**
 * People with an account. Emails are stored lower-cased so one address is one account; the password
 * is stored only as an argon2id hash. An account made by signing in with an OpenID Connect provider
 * (NHS login) may have neither: it is found by its linked identity, never by its email address.
 */
export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').unique(),
  emailVerified: boolean('email_verified').notNull().default(false),
  passwordHash: text('password_hash'),
  /** True while the account has a second step (an authenticator app or a passkey): kept here so every request knows without another query. */
  twoStepEnabled: boolean('two_step_enabled').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Signed-in sessions, the way Lucia's guide builds them: the id is the SHA-256 of the random token in
 * the cookie, so a copy of this table cannot be used to sign in.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    /** A random name for the session that is safe to put in a page (the id is the token's hash, and stays private). */
    handle: uuid('handle').notNull().defaultRandom().unique(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** How the person signed in: 'password', 'passkey' or 'oidc'. */
    method: text('method').notNull().default('password'),
    /** When this session last passed the second step (a code, a recovery code or a passkey); null if it has not. */
    secondStepAt: timestamp('second_step_at', { withTimezone: true }),
    /** The identity level the OpenID Connect provider vouched for (NHS login's P0, P5 or P9), if signed in that way. */
    identityLevel: text('identity_level'),
    /** A coarse description of the device, such as "Firefox on Windows": never the full user agent or the network address. */
    device: text('device').notNull().default('Unknown device'),
    /** When the session was last used, to the nearest hour or so. */
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('sessions_user_id_idx').on(table.userId),
    check('sessions_method', sql`${table.method} in ('password', 'passkey', 'oidc')`),
    check('sessions_device_length', sql`char_length(${table.device}) <= 60`),
  ],
);

/**
 * Authenticator-app (TOTP, RFC 6238) secrets: one per account. `lastUsedStep` is the time step of the
 * last code accepted, so a code cannot be used twice.
 */
export const totpCredentials = pgTable('totp_credentials', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  secret: text('secret').notNull(),
  lastUsedStep: integer('last_used_step'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Recovery codes for when the second step is lost: only their SHA-256 is kept, and each works once. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    codeHash: text('code_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('recovery_codes_user_id_idx').on(table.userId)],
);

/** Passkeys (WebAuthn credentials): the public key only; the private key never leaves the person's device. */
export const passkeys = pgTable(
  'passkeys',
  {
    /** The credential id, base64url. */
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The COSE public key, base64url. */
    publicKey: text('public_key').notNull(),
    signCount: bigint('sign_count', { mode: 'number' }).notNull().default(0),
    transports: text('transports').notNull().default(''),
    /** A name the person can recognise, such as "Chrome on Android". */
    name: text('name').notNull(),
    backedUp: boolean('backed_up').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (table) => [index('passkeys_user_id_idx').on(table.userId), check('passkeys_name_length', sql`char_length(${table.name}) between 1 and 60`)],
);

/** WebAuthn challenges handed out and not yet answered: each works once, for 5 minutes. */
export const webauthnChallenges = pgTable(
  'webauthn_challenges',
  {
    challenge: text('challenge').primaryKey(),
    /** Set when the challenge is for one account (adding a passkey, or the second step); null for a password-less sign-in. */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [check('webauthn_challenges_purpose', sql`${table.purpose} in ('register', 'sign-in', 'second-step')`)],
);

/**
 * Identities at an OpenID Connect provider (NHS login) linked to an account, by the provider's issuer
 * and subject: never by email address. What was asked for (scopes) and the identity level vouched for
 * at the last sign-in are kept.
 */
export const oidcIdentities = pgTable(
  'oidc_identities',
  {
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    scopes: text('scopes').notNull(),
    identityLevel: text('identity_level'),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull().defaultNow(),
    lastSignedInAt: timestamp('last_signed_in_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.issuer, table.subject] }), index('oidc_identities_user_id_idx').on(table.userId)],
);

/**
 * Sign-ins sent to an OpenID Connect provider and not yet back: the state, nonce and PKCE verifier,
 * found by the SHA-256 of a random value in a short-lived cookie, and used once.
 */
export const oidcAttempts = pgTable(
  'oidc_attempts',
  {
    id: text('id').primaryKey(),
    state: text('state').notNull(),
    nonce: text('nonce').notNull(),
    codeVerifier: text('code_verifier').notNull(),
    /** 'sign-in', or 'link' (a signed-in person adding the identity to their account: then `userId` is theirs). */
    intent: text('intent').notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    returnTo: text('return_to').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [check('oidc_attempts_intent', sql`(${table.intent} = 'sign-in' and ${table.userId} is null) or (${table.intent} = 'link' and ${table.userId} is not null)`)],
);

/**
 * Attempts counted per key (an account or an address, hashed) in fixed windows, in the database so the
 * limits hold across server instances.
 */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
  attempts: integer('attempts').notNull(),
});

/**
 * Single-use tokens sent by email (verify an email address, reset a password). Only the SHA-256 of
 * the token is stored; a token is spent the moment it is used.
 */
export const oneTimeTokens = pgTable(
  'one_time_tokens',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose').notNull(),
    /** For 'change-email' only: the new address, which becomes the account's once the link is used. */
    newEmail: text('new_email'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('one_time_tokens_user_id_idx').on(table.userId), check('one_time_tokens_purpose', sql`${table.purpose} in ('verify-email', 'reset-password', 'change-email')`),
    check('one_time_tokens_new_email', sql`(${table.purpose} = 'change-email') = (${table.newEmail} is not null)`),
  ],
);

/** A child's record or a pregnancy record. Its details arrive with the red book. */
export const records = pgTable(
  'records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    /** What the family calls this record: a child's name, or "Our pregnancy". */
    name: text('name').notNull(),
    /** The child's or the pregnancy's details, checked by src/red-book before they are stored. */
    details: jsonb('details').notNull().default(sql`'{}'::jsonb`),
    /** Open, or closed (a pregnancy that ended, a child who has died): closed records are read-only and never send anything. */
    status: text('status').notNull().default('open'),
    closedReason: text('closed_reason'),
    closedOn: date('closed_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }),
  },
  (table) => [
    check('records_kind', sql`${table.kind} in ('child', 'pregnancy')`),
    check('records_name_length', sql`char_length(${table.name}) between 1 and 60`),
    check('records_status', sql`${table.status} in ('open', 'closed')`),
    check('records_closed_reason', sql`(${table.status} = 'closed') = (${table.closedReason} is not null) and (${table.closedReason} is null or ${table.closedReason} in ('born', 'pregnancy-loss', 'child-died'))`),
  ],
);

/** Who can see and change a record, and how: owner, carer or viewer. */
export const recordCarers = pgTable(
  'record_carers',
  {
    recordId: uuid('record_id')
      .notNull()
      .references(() => records.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.recordId, table.userId] }),
    index('record_carers_user_id_idx').on(table.userId),
    check('record_carers_role', sql`${table.role} in ('owner', 'carer', 'viewer')`),
  ],
);

/**
 * Invitations to share a record. Only the SHA-256 of the link's token is stored; the link works once,
 * for 7 days, and only for an account whose verified email is the invited one.
 */
export const invitations = pgTable(
  'invitations',
  {
    id: text('id').primaryKey(),
    recordId: uuid('record_id')
      .notNull()
      .references(() => records.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: text('role').notNull(),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedBy: uuid('accepted_by').references(() => users.id, { onDelete: 'set null' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('invitations_record_id_idx').on(table.recordId), check('invitations_role', sql`${table.role} in ('owner', 'carer', 'viewer')`)],
);

/**
 * What happened to a record, for its owners: who did what, and when. Never the values entered.
 * Events go with the record when it is deleted; a person who deletes their account stays as "a former carer".
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    recordId: uuid('record_id')
      .notNull()
      .references(() => records.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    /** The other person an action was about (the carer removed, say), if any. */
    subjectId: uuid('subject_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('audit_events_record_id_idx').on(table.recordId, table.createdAt)],
);

/** Notes a family keeps on a record. The red book adds its other entries beside these. */
export const notes = pgTable(
  'notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    recordId: uuid('record_id')
      .notNull()
      .references(() => records.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('notes_record_id_idx').on(table.recordId, table.createdAt), check('notes_body_length', sql`char_length(${table.body}) between 1 and 2000`)],
);

/**
 * The red book's entries: measurements, immunisations given, health reviews, screening results and
 * developmental firsts. `data` holds the kind's own fields, checked in src/red-book before storing.
 * Every entry says who recorded it (`provenance`); edits and deletions keep the earlier values in
 * `entry_versions`.
 */
export const entries = pgTable(
  'entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    recordId: uuid('record_id')
      .notNull()
      .references(() => records.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    data: jsonb('data').notNull(),
    provenance: text('provenance').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (table) => [
    index('entries_record_kind_idx').on(table.recordId, table.kind, table.occurredOn),
    check('entries_kind', sql`${table.kind} in ('measurement', 'immunisation', 'health-review', 'screening', 'first')`),
    check('entries_provenance', sql`${table.provenance} in ('parent-or-carer', 'professional', 'imported')`),
  ],
);

/** Every version of every entry, oldest first: what it said, who changed it and when. */
export const entryVersions = pgTable(
  'entry_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => entries.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    change: text('change').notNull(),
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    data: jsonb('data').notNull(),
    provenance: text('provenance').notNull(),
    changedBy: uuid('changed_by').references(() => users.id, { onDelete: 'set null' }),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [unique('entry_versions_entry_version').on(table.entryId, table.version), check('entry_versions_change', sql`${table.change} in ('created', 'edited', 'deleted')`)],
);

/** A carer's choice to get the weekly email about one child or pregnancy. Gone when they stop sharing the record. */
export const reminderSubscriptions = pgTable(
  'reminder_subscriptions',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    recordId: uuid('record_id')
      .notNull()
      .references(() => records.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.recordId] })],
);

/**
 * Each weekly email sent, or being sent. The unique key is what makes a reminder go exactly once, even
 * with two runs at the same moment: a run sends only after its insert wins.
 */
export const reminderDeliveries = pgTable(
  'reminder_deliveries',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    recordId: uuid('record_id')
      .notNull()
      .references(() => records.id, { onDelete: 'cascade' }),
    /** The Monday (London) of the week the email is for. */
    week: date('week', { mode: 'string' }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.recordId, table.week] })],
);

/** A carer's private calendar feed: only the SHA-256 of its secret is kept, and how children are named in it. */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    nameStyle: text('name_style').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [check('calendar_feeds_name_style', sql`${table.nameStyle} in ('first-name', 'initials')`)],
);
