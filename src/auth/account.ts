/**
 * Account flows: sign up, confirm an email address, sign in, reset or change a password, change an
 * email address. Every answer that could tell whether an address has an account is the same for
 * every address, and takes about as long: unknown addresses are checked against a stand-in hash,
 * and emails go out in the background so sending one does not slow the answer.
 */
import { and, eq, ne } from 'drizzle-orm';
import type { PortalDatabase } from '../db/index.ts';
import { users } from '../db/schema.ts';
import { DatabaseError } from '../errors.ts';
import type { FieldError } from '../forms.ts';
import type { Mailer, EmailMessage } from '../email/mailer.ts';
import {
  writeAccountExistsMessage,
  writeConfirmNewEmailMessage,
  writeEmailChangeRequestedMessage,
  writePasswordChangedMessage,
  writeResetPasswordMessage,
  writeVerifyEmailMessage,
} from '../email/messages.ts';
import { checkEmailAddress } from './email-address.ts';
import { checkOneTimeToken, consumeOneTimeToken, createOneTimeToken, invalidateUserTokens } from './one-time-token.ts';
import { checkNewPassword, hashPassword, verifyPasswordHash } from './password.ts';
import { consumeRateLimit, rateLimitKey, resetRateLimit, type RateLimit } from './rate-limit.ts';
import { createSession, generateSessionToken, invalidateUserSessions, type Session } from './session.ts';

/** What the account flows need from outside: the database, email, the clock, randomness and the site's address. */
export interface AccountServices {
  readonly db: PortalDatabase;
  readonly mailer: Mailer;
  readonly now: () => Date;
  readonly randomBytes: (length: number) => Uint8Array;
  /** The site's origin, for links in emails, such as https://example.nhs.uk */
  readonly siteUrl: string;
  /** Told when an email sent in the background fails. Gets the error only, never the address. */
  readonly reportEmailFailure: (error: unknown) => void;
  /** Given each background task (making a link and sending it), so tests can wait for them. */
  readonly trackBackgroundTask?: (task: Promise<void>) => void;
  /** Sign-ups allowed per network address per hour, when the site sets its own (accountRateLimits otherwise). */
  readonly signUpLimitPerAddress?: number;
}

const minutes = (count: number) => count * 60 * 1000;

/**
 * The limits on attempts. Per account (keyed by the address typed, so unknown addresses are limited the
 * same way) and per network address (high, because a hospital or library shares one).
 */
export const accountRateLimits = {
  signInPerAccount: { attempts: 10, windowMs: minutes(15) },
  signInPerAddress: { attempts: 300, windowMs: minutes(15) },
  resetPerAccount: { attempts: 3, windowMs: minutes(60) },
  resetPerAddress: { attempts: 30, windowMs: minutes(60) },
  signUpPerAddress: { attempts: 30, windowMs: minutes(60) },
  emailsPerAccount: { attempts: 5, windowMs: minutes(60) },
} as const satisfies Record<string, RateLimit>;

/** The fields of the account forms. */
export type AccountField = 'email' | 'password' | 'current-password' | 'new-password' | 'new-email';

/** A form that could not be accepted, with what to fix. */
export interface AccountFormProblem {
  readonly ok: false;
  readonly kind: 'invalid';
  readonly errors: readonly FieldError<AccountField>[];
}

/** Too many attempts: try again later. */
export interface RateLimited {
  readonly ok: false;
  readonly kind: 'rate-limited';
  readonly retryAfterMs: number;
}

const invalid = (...errors: FieldError<AccountField>[]): AccountFormProblem => ({ ok: false, kind: 'invalid', errors });

/** Starts sending an email without waiting for it. */
function sendInBackground(services: AccountServices, message: EmailMessage): void {
  runInBackground(services, () => services.mailer.send(message));
}

/**
 * Runs work the answer must not wait for: making a link and emailing it happens for some addresses and
 * not others, so doing it after answering keeps the answer's timing the same for every address.
 */
function runInBackground(services: AccountServices, work: () => Promise<void>): void {
  const task = Promise.resolve()
    .then(work)
    .catch(services.reportEmailFailure);
  services.trackBackgroundTask?.(task);
}

/** Builds a link to a page of this site with one query parameter. */
export function buildSiteLink(siteUrl: string, pathname: string, query?: Readonly<Record<string, string>>): string {
  const url = new URL(pathname, siteUrl);
  for (const [name, value] of Object.entries(query ?? {})) url.searchParams.set(name, value);
  return url.href;
}

let standInHash: Promise<string> | undefined;

/** A real argon2id hash of a throwaway password, checked when an address has no account so both cases take as long. */
function getStandInHash(): Promise<string> {
  standInHash ??= hashPassword('stand-in password that no account has');
  return standInHash;
}

async function findUserByEmail(db: PortalDatabase, email: string) {
  try {
    const [user] = await db.select().from(users).where(eq(users.email, email));
    return user ?? null;
  } catch (error) {
    throw new DatabaseError('look up an account', { cause: error });
  }
}

async function findUserById(db: PortalDatabase, userId: string) {
  try {
    const [user] = await db.select().from(users).where(eq(users.id, userId));
    return user ?? null;
  } catch (error) {
    throw new DatabaseError('look up an account', { cause: error });
  }
}

/** Makes a confirmation link and emails it, in the background. */
function sendVerifyEmail(services: AccountServices, userId: string, email: string): void {
  runInBackground(services, async () => {
    const token = await createOneTimeToken(services.db, userId, 'verify-email', services.now(), services.randomBytes);
    await services.mailer.send(writeVerifyEmailMessage(email, buildSiteLink(services.siteUrl, '/account/verify-email', { token })));
  });
}

/** True when another email may go to this address now (so the portal cannot be used to flood an inbox). */
async function mayEmail(services: AccountServices, email: string): Promise<boolean> {
  return (await consumeRateLimit(services.db, rateLimitKey('email', email), accountRateLimits.emailsPerAccount, services.now())).allowed;
}

/** The outcome of signing up: always "check your email" when the form is right, whether or not the address had an account. */
export type SignUpResult = { readonly ok: true; readonly email: string } | AccountFormProblem | RateLimited;

/** Creates an account and emails a link to confirm the address; an address that already has one is emailed about that instead. */
export async function signUp(services: AccountServices, input: { email: string | null; password: string | null; address: string }): Promise<SignUpResult> {
  const email = checkEmailAddress(input.email);
  const password = checkNewPassword(input.password ?? '', email.ok ? email.email : undefined);
  const errors: FieldError<AccountField>[] = [];
  if (!email.ok) errors.push({ field: 'email', message: email.message });
  if (!password.ok) errors.push({ field: 'password', message: password.message });
  if (!email.ok || errors.length > 0) return invalid(...errors);

  const perAddress = { ...accountRateLimits.signUpPerAddress, attempts: services.signUpLimitPerAddress ?? accountRateLimits.signUpPerAddress.attempts };
  const limit = await consumeRateLimit(services.db, rateLimitKey('sign-up:address', input.address), perAddress, services.now());
  if (!limit.allowed) return { ok: false, kind: 'rate-limited', retryAfterMs: limit.retryAfterMs };

  const passwordHash = await hashPassword(input.password ?? '');
  let created: { id: string } | undefined;
  let existing: Awaited<ReturnType<typeof findUserByEmail>> = null;
  try {
    [created] = await services.db.insert(users).values({ email: email.email, passwordHash }).onConflictDoNothing({ target: users.email }).returning({ id: users.id });
    if (!created) existing = await findUserByEmail(services.db, email.email);
  } catch (error) {
    throw new DatabaseError('create an account', { cause: error });
  }
  if (await mayEmail(services, email.email)) {
    if (created) {
      sendVerifyEmail(services, created.id, email.email);
    } else if (existing && !existing.emailVerified) {
      // Not yet confirmed: a new confirmation link (the password set first stays until the address is confirmed and, if need be, reset).
      sendVerifyEmail(services, existing.id, email.email);
    } else {
      sendInBackground(
        services,
        writeAccountExistsMessage(email.email, buildSiteLink(services.siteUrl, '/account/sign-in'), buildSiteLink(services.siteUrl, '/account/reset-password')),
      );
    }
  }
  return { ok: true, email: email.email };
}

/** Confirms an email address from the link sent to it. */
export async function verifyEmail(services: AccountServices, token: string | null): Promise<{ readonly ok: true } | { readonly ok: false; readonly reason: 'invalid' | 'expired' }> {
  if (!token) return { ok: false, reason: 'invalid' };
  const used = await consumeOneTimeToken(services.db, token, 'verify-email', services.now());
  if (!used.ok) return used;
  try {
    await services.db.update(users).set({ emailVerified: true }).where(eq(users.id, used.userId));
  } catch (error) {
    throw new DatabaseError('confirm an email address', { cause: error });
  }
  return { ok: true };
}

/** The outcome of signing in: a new session and its token for the cookie, or why not. */
export type SignInResult = { readonly ok: true; readonly token: string; readonly session: Session; readonly needsSecondStep: boolean } | AccountFormProblem | RateLimited;

/** The one message for a wrong address or a wrong password, so neither is revealed. */
export const signInRefusedMessage = 'Enter the email address and password for your account. One of them is not right';

/** Signs a person in with their email address and password. Rate-limited per account and per network address. */
export async function signIn(services: AccountServices, input: { email: string | null; password: string | null; address: string; device?: string }): Promise<SignInResult> {
  const email = checkEmailAddress(input.email);
  const password = input.password ?? '';
  const errors: FieldError<AccountField>[] = [];
  if (!email.ok) errors.push({ field: 'email', message: email.message });
  if (password === '') errors.push({ field: 'password', message: 'Enter your password' });
  else if ([...password].length > 256) errors.push({ field: 'password', message: signInRefusedMessage });
  if (!email.ok || errors.length > 0) return invalid(...errors);

  const now = services.now();
  const byAddress = await consumeRateLimit(services.db, rateLimitKey('sign-in:address', input.address), accountRateLimits.signInPerAddress, now);
  if (!byAddress.allowed) return { ok: false, kind: 'rate-limited', retryAfterMs: byAddress.retryAfterMs };
  const accountKey = rateLimitKey('sign-in:account', email.email);
  const byAccount = await consumeRateLimit(services.db, accountKey, accountRateLimits.signInPerAccount, now);
  if (!byAccount.allowed) return { ok: false, kind: 'rate-limited', retryAfterMs: byAccount.retryAfterMs };

  const user = await findUserByEmail(services.db, email.email);
  const matches = await verifyPasswordHash(user?.passwordHash ?? (await getStandInHash()), password);
  // An account whose address is not confirmed cannot sign in, with the same message as any other refusal:
  // otherwise signing up with someone's address and then signing in would show whether they had an account.
  if (!user || !user.passwordHash || !matches || !user.emailVerified) return invalid({ field: 'email', message: signInRefusedMessage });

  await resetRateLimit(services.db, accountKey);
  const token = generateSessionToken(services.randomBytes);
  // With two-step verification on, this session can do nothing but pass the second step until it does.
  const session = await createSession(services.db, token, user.id, services.now(), { method: 'password', device: input.device ?? 'Unknown device' });
  return { ok: true, token, session, needsSecondStep: user.twoStepEnabled };
}

/** The outcome of asking for a reset link: the same for every address. */
export type ResetRequestResult = { readonly ok: true } | AccountFormProblem | RateLimited;

/** Emails a password reset link if the address has an account; answers the same either way. */
export async function requestPasswordReset(services: AccountServices, input: { email: string | null; address: string }): Promise<ResetRequestResult> {
  const email = checkEmailAddress(input.email);
  if (!email.ok) return invalid({ field: 'email', message: email.message });
  const now = services.now();
  const byAddress = await consumeRateLimit(services.db, rateLimitKey('reset:address', input.address), accountRateLimits.resetPerAddress, now);
  if (!byAddress.allowed) return { ok: false, kind: 'rate-limited', retryAfterMs: byAddress.retryAfterMs };
  const byAccount = await consumeRateLimit(services.db, rateLimitKey('reset:account', email.email), accountRateLimits.resetPerAccount, now);
  // Over the per-account limit: answer as usual, but send nothing more.
  if (!byAccount.allowed) return { ok: true };
  const user = await findUserByEmail(services.db, email.email);
  if (user) {
    runInBackground(services, async () => {
      const token = await createOneTimeToken(services.db, user.id, 'reset-password', now, services.randomBytes);
      await services.mailer.send(writeResetPasswordMessage(email.email, buildSiteLink(services.siteUrl, '/account/reset-password', { token })));
    });
  }
  return { ok: true };
}

/** Says whether a reset link can still be used, before the new password is typed. */
export async function checkResetToken(services: AccountServices, token: string): Promise<'valid' | 'invalid' | 'expired'> {
  return (await checkOneTimeToken(services.db, token, 'reset-password', services.now())).state;
}

/** The outcome of choosing a new password from a reset link. */
export type ResetPasswordResult = { readonly ok: true } | AccountFormProblem | { readonly ok: false; readonly kind: 'link-invalid' | 'link-expired' };

/**
 * Sets a new password from a reset link. The link is spent only when the password is accepted. Every
 * session ends, every other reset link stops working, and the address counts as confirmed.
 */
export async function resetPassword(services: AccountServices, input: { token: string | null; password: string | null }): Promise<ResetPasswordResult> {
  if (!input.token) return { ok: false, kind: 'link-invalid' };
  const link = await checkOneTimeToken(services.db, input.token, 'reset-password', services.now());
  if (link.state !== 'valid') return { ok: false, kind: link.state === 'expired' ? 'link-expired' : 'link-invalid' };
  const user = await findUserById(services.db, link.userId);
  if (!user) return { ok: false, kind: 'link-invalid' };
  const password = checkNewPassword(input.password ?? '', user.email ?? undefined);
  if (!password.ok) return invalid({ field: 'password', message: password.message });
  const passwordHash = await hashPassword(input.password ?? '');
  const used = await consumeOneTimeToken(services.db, input.token, 'reset-password', services.now());
  if (!used.ok) return { ok: false, kind: used.reason === 'expired' ? 'link-expired' : 'link-invalid' };
  try {
    await services.db.update(users).set({ passwordHash, emailVerified: true }).where(eq(users.id, user.id));
  } catch (error) {
    throw new DatabaseError('save a new password', { cause: error });
  }
  await invalidateUserSessions(services.db, user.id);
  // A pending change of email address may be the work of whoever had the old password: it goes too.
  for (const purpose of ['reset-password', 'change-email'] as const) await invalidateUserTokens(services.db, user.id, purpose, services.now());
  if (user.email) await resetRateLimit(services.db, rateLimitKey('sign-in:account', user.email));
  return { ok: true };
}

/** Checks the current password for a sensitive change; counted against the same limit as signing in. */
async function confirmCurrentPassword(services: AccountServices, user: { id: string; email: string | null; passwordHash: string | null }, password: string): Promise<'ok' | 'wrong' | RateLimited> {
  const limit = await consumeRateLimit(services.db, rateLimitKey('sign-in:account', user.email ?? user.id), accountRateLimits.signInPerAccount, services.now());
  if (!limit.allowed) return { ok: false, kind: 'rate-limited', retryAfterMs: limit.retryAfterMs };
  // An account made with NHS login has no password to check: the page asks it to sign in again instead.
  if (!user.passwordHash) return 'wrong';
  return (await verifyPasswordHash(user.passwordHash, password)) ? 'ok' : 'wrong';
}

/** Changes a signed-in person's password after checking the current one; every other session ends. */
export async function changePassword(
  services: AccountServices,
  input: { userId: string; sessionId: string; currentPassword: string | null; newPassword: string | null },
): Promise<{ readonly ok: true } | AccountFormProblem | RateLimited> {
  const user = await findUserById(services.db, input.userId);
  if (!user) return invalid({ field: 'current-password', message: 'Enter your current password' });
  const errors: FieldError<AccountField>[] = [];
  if (!input.currentPassword) errors.push({ field: 'current-password', message: 'Enter your current password' });
  const policy = checkNewPassword(input.newPassword ?? '', user.email ?? undefined);
  if (!policy.ok) errors.push({ field: 'new-password', message: policy.message.replace(/^Enter a password$/, 'Enter a new password') });
  if (errors.length > 0) return invalid(...errors);
  const confirmed = await confirmCurrentPassword(services, user, input.currentPassword ?? '');
  if (confirmed !== 'ok') return confirmed === 'wrong' ? invalid({ field: 'current-password', message: 'Your current password is not right' }) : confirmed;
  const passwordHash = await hashPassword(input.newPassword ?? '');
  try {
    await services.db.update(users).set({ passwordHash }).where(eq(users.id, user.id));
  } catch (error) {
    throw new DatabaseError('save a new password', { cause: error });
  }
  await invalidateUserSessions(services.db, user.id, input.sessionId);
  for (const purpose of ['reset-password', 'change-email'] as const) await invalidateUserTokens(services.db, user.id, purpose, services.now());
  if (user.email) sendInBackground(services, writePasswordChangedMessage(user.email, buildSiteLink(services.siteUrl, '/account/reset-password')));
  return { ok: true };
}

/**
 * Starts changing a signed-in person's email address: a link goes to the new address, and the old one
 * is told. Nothing changes until the link is used. An address that already has an account gets no
 * link, but the answer is the same, so this cannot be used to find out who has an account.
 */
export async function requestEmailChange(
  services: AccountServices,
  input: { userId: string; password: string | null; newEmail: string | null },
): Promise<{ readonly ok: true; readonly newEmail: string } | AccountFormProblem | RateLimited> {
  const user = await findUserById(services.db, input.userId);
  const email = checkEmailAddress(input.newEmail);
  const errors: FieldError<AccountField>[] = [];
  if (!email.ok) errors.push({ field: 'new-email', message: email.message.replace('Enter your email address', 'Enter your new email address') });
  else if (user && email.email === user.email) errors.push({ field: 'new-email', message: 'Enter a new email address that is different from your current one' });
  if (!input.password) errors.push({ field: 'password', message: 'Enter your password' });
  if (!user || !email.ok || errors.length > 0) return invalid(...errors);
  const confirmed = await confirmCurrentPassword(services, user, input.password ?? '');
  if (confirmed !== 'ok') return confirmed === 'wrong' ? invalid({ field: 'password', message: 'Your password is not right' }) : confirmed;
  if (!(await mayEmail(services, email.email))) return { ok: true, newEmail: email.email };
  const taken = await findUserByEmail(services.db, email.email);
  if (!taken) {
    runInBackground(services, async () => {
      const token = await createOneTimeToken(services.db, user.id, 'change-email', services.now(), services.randomBytes, email.email);
      await services.mailer.send(writeConfirmNewEmailMessage(email.email, buildSiteLink(services.siteUrl, '/account/confirm-email', { token })));
    });
  }
  if (user.email) sendInBackground(services, writeEmailChangeRequestedMessage(user.email, buildSiteLink(services.siteUrl, '/account/reset-password')));
  return { ok: true, newEmail: email.email };
}

/** Finishes an email change from the link sent to the new address. */
export async function confirmEmailChange(services: AccountServices, token: string | null): Promise<{ readonly ok: true } | { readonly ok: false; readonly reason: 'invalid' | 'expired' | 'taken' }> {
  if (!token) return { ok: false, reason: 'invalid' };
  const used = await consumeOneTimeToken(services.db, token, 'change-email', services.now());
  if (!used.ok) return used;
  if (!used.newEmail) return { ok: false, reason: 'invalid' };
  const newEmail = used.newEmail;
  try {
    const result = await services.db.transaction(async (tx) => {
      const [other] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.email, newEmail), ne(users.id, used.userId)));
      if (other) return { ok: false, reason: 'taken' } as const;
      await tx.update(users).set({ email: newEmail, emailVerified: true }).where(eq(users.id, used.userId));
      return { ok: true } as const;
    });
    // Links already sent to the old address must not work any more.
    if (result.ok) for (const purpose of ['reset-password', 'verify-email', 'change-email'] as const) await invalidateUserTokens(services.db, used.userId, purpose, services.now());
    return result;
  } catch (error) {
    throw new DatabaseError('change an email address', { cause: error });
  }
}

/** Checks a signed-in person's password before a step that cannot be undone (deleting the account). */
export async function confirmPassword(services: AccountServices, userId: string, password: string | null): Promise<{ readonly ok: true } | AccountFormProblem | RateLimited> {
  const user = await findUserById(services.db, userId);
  if (!password || !user) return invalid({ field: 'password', message: 'Enter your password' });
  const confirmed = await confirmCurrentPassword(services, user, password);
  if (confirmed === 'ok') return { ok: true };
  return confirmed === 'wrong' ? invalid({ field: 'password', message: 'Your password is not right' }) : confirmed;
}
