/**
 * Two-step verification: after the password, a code from an authenticator app (TOTP, RFC 6238) or a
 * passkey. Recovery codes stand in when both are lost; only their SHA-256 is kept and each works once.
 * The second step is asked for again before sensitive changes when the last one was more than
 * 15 minutes ago. Built the way Lucia's "Two-factor authentication" guide teaches, with @oslojs/otp.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { decodeBase32IgnorePadding, encodeBase32LowerCaseNoPadding, encodeBase32UpperCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { createTOTPKeyURI, generateHOTP } from '@oslojs/otp';
import { and, count, eq, isNull, lt, or } from 'drizzle-orm';
import type { PortalDatabase } from '../db/index.ts';
import { passkeys, recoveryCodes, totpCredentials, users } from '../db/schema.ts';
import { DatabaseError } from '../errors.ts';
import { consumeRateLimit, rateLimitKey, resetRateLimit, type RateLimit } from './rate-limit.ts';
import type { Session, SessionUser } from './session.ts';

/** RFC 6238's usual settings, which every authenticator app supports. */
export const totpPeriodSeconds = 30;
export const totpDigits = 6;
/** How many recovery codes a person is given at a time. */
export const recoveryCodeCount = 10;
/** The name authenticator apps show next to the codes. */
export const totpIssuer = 'First 1,001 days';
/** A sensitive change needs a second step this recent. */
export const stepUpWindowMs = 15 * 60 * 1000;
/** Wrong codes allowed per account before a wait (a 6-digit code has a million values: this keeps guessing hopeless). */
export const secondStepRateLimit: RateLimit = { attempts: 5, windowMs: 15 * 60 * 1000 };

/** A new random secret for an authenticator app: 20 bytes, as RFC 4226 recommends. Returned in base32, as apps take it. */
export function generateTotpSecret(randomBytes: (length: number) => Uint8Array): string {
  return encodeBase32UpperCaseNoPadding(randomBytes(20));
}

/** True for a secret this module made (32 base32 characters). */
export function isTotpSecret(value: string | null | undefined): value is string {
  return typeof value === 'string' && /^[A-Z2-7]{32}$/.test(value);
}

/** The otpauth:// link an app reads from the QR code. The account name is the email address when there is one. */
export function buildTotpKeyUri(secret: string, accountName: string): string {
  return createTOTPKeyURI(totpIssuer, accountName, decodeBase32IgnorePadding(secret), totpPeriodSeconds, totpDigits);
}

/** The secret in groups of 4, for typing into an app by hand. */
export function formatSetupKey(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? secret;
}

/** The time step a moment falls in. */
export function totpStepAt(now: Date): number {
  return Math.floor(now.getTime() / 1000 / totpPeriodSeconds);
}

/** The code an app shows at `now` (used by tests to act as the app). */
export function generateTotpCode(secret: string, now: Date): string {
  return generateHOTP(decodeBase32IgnorePadding(secret), BigInt(totpStepAt(now)), totpDigits);
}

/** A typed code without spaces or dashes, or null when it cannot be a 6-digit code. */
export function normaliseTotpCode(input: string | null | undefined): string | null {
  const code = (input ?? '').replace(/[\s-]/g, '');
  return /^\d{6}$/.test(code) ? code : null;
}

/**
 * The time step a code belongs to, allowing one step either side for a clock that is a little out,
 * or null. A step at or before `lastUsedStep` is refused, so a code seen over someone's shoulder
 * cannot be used again.
 */
export function matchTotpCode(secret: string, code: string, now: Date, lastUsedStep: number | null): number | null {
  const key = decodeBase32IgnorePadding(secret);
  const current = totpStepAt(now);
  for (const step of [current, current - 1, current + 1]) {
    if (lastUsedStep !== null && step <= lastUsedStep) continue;
    if (constantTimeEqual(generateHOTP(key, BigInt(step), totpDigits), code)) return step;
  }
  return null;
}

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index += 1) difference |= a.charCodeAt(index) ^ b.charCodeAt(index);
  return difference === 0;
}

/** A new recovery code: 80 random bits, shown as four groups of four letters and digits. */
export function generateRecoveryCode(randomBytes: (length: number) => Uint8Array): string {
  return (encodeBase32LowerCaseNoPadding(randomBytes(10)).match(/.{4}/g) ?? []).join('-');
}

/** A typed recovery code in its stored form (lower case, no spaces or dashes), or null when it cannot be one. */
export function normaliseRecoveryCode(input: string | null | undefined): string | null {
  const code = (input ?? '').toLowerCase().replace(/[\s-]/g, '');
  return /^[a-z2-7]{16}$/.test(code) ? code : null;
}

/** How a recovery code is stored: SHA-256 is enough, as the code has 80 random bits (nothing to guess from a dictionary). */
export function hashRecoveryCode(normalised: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(normalised)));
}

/** True when this session must pass the second step before anything else (signed in with a password, second step not yet done). */
export function needsSecondStep(user: Pick<SessionUser, 'twoStepEnabled'>, session: Pick<Session, 'secondStepAt'>): boolean {
  return user.twoStepEnabled && session.secondStepAt === null;
}

/** True when a sensitive change must wait for the second step again: it is on, and was last passed more than 15 minutes ago. */
export function mustRepeatSecondStep(user: Pick<SessionUser, 'twoStepEnabled'>, session: Pick<Session, 'secondStepAt'>, now: Date): boolean {
  if (!user.twoStepEnabled) return false;
  return session.secondStepAt === null || now.getTime() - session.secondStepAt.getTime() > stepUpWindowMs;
}

/** A session held at the second step this long without passing it is ended: the password must be typed again, so codes cannot be guessed for days. */
export const heldSessionLifetimeMs = 10 * 60 * 1000;

/** True when a session waiting for its second step has waited too long and must be ended. */
export function heldSessionHasExpired(user: Pick<SessionUser, 'twoStepEnabled'>, session: Pick<Session, 'secondStepAt' | 'createdAt'>, now: Date): boolean {
  return needsSecondStep(user, session) && now.getTime() - session.createdAt.getTime() > heldSessionLifetimeMs;
}

/** What a person has set up, for their account settings. */
export interface TwoStepStatus {
  readonly authenticatorApp: boolean;
  readonly passkeys: number;
  readonly recoveryCodesLeft: number;
}

type Transaction = Parameters<Parameters<PortalDatabase['transaction']>[0]>[0];

/** Whether a person has an authenticator app, and how many passkeys: what two-step verification rests on. */
async function countSecondSteps(tx: PortalDatabase | Transaction, userId: string): Promise<{ readonly authenticatorApp: boolean; readonly passkeys: number }> {
  const [[app], [keys]] = await Promise.all([
    tx.select({ value: count() }).from(totpCredentials).where(eq(totpCredentials.userId, userId)),
    tx.select({ value: count() }).from(passkeys).where(eq(passkeys.userId, userId)),
  ]);
  return { authenticatorApp: (app?.value ?? 0) > 0, passkeys: keys?.value ?? 0 };
}

/** Reads what a person has set up. */
export async function readTwoStepStatus(db: PortalDatabase, userId: string): Promise<TwoStepStatus> {
  try {
    const [steps, recoveryCodesLeft] = await Promise.all([countSecondSteps(db, userId), countRecoveryCodesLeft(db, userId)]);
    return { ...steps, recoveryCodesLeft };
  } catch (error) {
    throw new DatabaseError('read two-step settings', { cause: error });
  }
}

/** Replaces a person's recovery codes with new ones, returned once for them to keep. */
async function replaceRecoveryCodes(tx: PortalDatabase | Transaction, userId: string, randomBytes: (length: number) => Uint8Array): Promise<readonly string[]> {
  const codes = Array.from({ length: recoveryCodeCount }, () => generateRecoveryCode(randomBytes));
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await tx.insert(recoveryCodes).values(codes.map((code) => ({ userId, codeHash: hashRecoveryCode(normaliseRecoveryCode(code) ?? '') })));
  return codes;
}

/** New recovery codes (the old ones stop working), shown once. */
export async function regenerateRecoveryCodes(db: PortalDatabase, userId: string, randomBytes: (length: number) => Uint8Array): Promise<readonly string[]> {
  try {
    return await db.transaction((tx) => replaceRecoveryCodes(tx, userId, randomBytes));
  } catch (error) {
    throw new DatabaseError('make new recovery codes', { cause: error });
  }
}

/**
 * Sets `users.two_step_enabled` from what the person has (an app or a passkey), and clears recovery
 * codes when nothing is left. Call it in the same transaction as adding or removing either.
 */
export async function refreshTwoStep(tx: PortalDatabase | Transaction, userId: string): Promise<boolean> {
  const steps = await countSecondSteps(tx, userId);
  const enabled = steps.authenticatorApp || steps.passkeys > 0;
  await tx.update(users).set({ twoStepEnabled: enabled }).where(eq(users.id, userId));
  if (!enabled) await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  return enabled;
}

/** The outcome of setting up an authenticator app. */
export type EnableAppResult = { readonly ok: true; readonly recoveryCodes: readonly string[] | null } | { readonly ok: false; readonly reason: 'wrong-code' | 'bad-secret' };

/**
 * Turns on an authenticator app once the person has typed a code it shows, proving it holds the secret.
 * Returns recovery codes when these are the person's first.
 */
export async function enableAuthenticatorApp(
  db: PortalDatabase,
  input: { userId: string; secret: string | null; code: string | null; now: Date; randomBytes: (length: number) => Uint8Array },
): Promise<EnableAppResult> {
  if (!isTotpSecret(input.secret)) return { ok: false, reason: 'bad-secret' };
  const secret = input.secret;
  const code = normaliseTotpCode(input.code);
  const step = code ? matchTotpCode(secret, code, input.now, null) : null;
  if (step === null) return { ok: false, reason: 'wrong-code' };
  try {
    return await db.transaction(async (tx) => {
      await tx
        .insert(totpCredentials)
        .values({ userId: input.userId, secret, lastUsedStep: step, createdAt: input.now })
        .onConflictDoUpdate({ target: totpCredentials.userId, set: { secret, lastUsedStep: step, createdAt: input.now } });
      await refreshTwoStep(tx, input.userId);
      // First codes come with the app; a person who already has codes (from adding a passkey) keeps them.
      const [codes] = await tx.select({ value: count() }).from(recoveryCodes).where(eq(recoveryCodes.userId, input.userId));
      return { ok: true, recoveryCodes: (codes?.value ?? 0) === 0 ? await replaceRecoveryCodes(tx, input.userId, input.randomBytes) : null } as const;
    });
  } catch (error) {
    throw new DatabaseError('turn on an authenticator app', { cause: error });
  }
}

/** Turns off the authenticator app. Two-step stays on while a passkey remains. */
export async function disableAuthenticatorApp(db: PortalDatabase, userId: string): Promise<void> {
  try {
    await db.transaction(async (tx) => {
      await tx.delete(totpCredentials).where(eq(totpCredentials.userId, userId));
      await refreshTwoStep(tx, userId);
    });
  } catch (error) {
    throw new DatabaseError('turn off an authenticator app', { cause: error });
  }
}

/** The outcome of a code typed at the second step. */
export type SecondStepResult =
  | { readonly ok: true; readonly used: 'app' | 'recovery-code'; readonly recoveryCodesLeft: number }
  | { readonly ok: false; readonly kind: 'invalid'; readonly message: string }
  | { readonly ok: false; readonly kind: 'rate-limited'; readonly retryAfterMs: number };

/**
 * Checks a code from the app, or a recovery code, for the second step. Each is spent as it is
 * accepted, with one conditional update, so two requests racing with the same code cannot both pass.
 */
export async function verifySecondStepCode(db: PortalDatabase, input: { userId: string; code: string | null; now: Date }): Promise<SecondStepResult> {
  const typed = (input.code ?? '').trim();
  if (typed === '') return { ok: false, kind: 'invalid', message: 'Enter the code from your authenticator app, or a recovery code' };
  const key = rateLimitKey('two-step:account', input.userId);
  const limit = await consumeRateLimit(db, key, secondStepRateLimit, input.now);
  if (!limit.allowed) return { ok: false, kind: 'rate-limited', retryAfterMs: limit.retryAfterMs };
  const wrong = { ok: false, kind: 'invalid', message: 'The code is not right. Check your authenticator app and enter the code it shows now' } as const;
  try {
    const appCode = normaliseTotpCode(typed);
    if (appCode) {
      const [credential] = await db.select().from(totpCredentials).where(eq(totpCredentials.userId, input.userId));
      if (!credential) return wrong;
      const step = matchTotpCode(credential.secret, appCode, input.now, credential.lastUsedStep);
      if (step === null) return wrong;
      const spent = await db
        .update(totpCredentials)
        .set({ lastUsedStep: step })
        .where(and(eq(totpCredentials.userId, input.userId), or(isNull(totpCredentials.lastUsedStep), lt(totpCredentials.lastUsedStep, step))))
        .returning({ userId: totpCredentials.userId });
      if (spent.length === 0) return wrong;
      await resetRateLimit(db, key);
      return { ok: true, used: 'app', recoveryCodesLeft: await countRecoveryCodesLeft(db, input.userId) };
    }
    const recovery = normaliseRecoveryCode(typed);
    if (!recovery) return { ok: false, kind: 'invalid', message: 'Enter the 6-digit code from your authenticator app, or a recovery code like abcd-efgh-2345-6789' };
    const used = await db
      .update(recoveryCodes)
      .set({ usedAt: input.now })
      .where(and(eq(recoveryCodes.userId, input.userId), eq(recoveryCodes.codeHash, hashRecoveryCode(recovery)), isNull(recoveryCodes.usedAt)))
      .returning({ codeHash: recoveryCodes.codeHash });
    if (used.length === 0) return { ok: false, kind: 'invalid', message: 'The recovery code is not right, or has been used. Each code works once' };
    await resetRateLimit(db, key);
    return { ok: true, used: 'recovery-code', recoveryCodesLeft: await countRecoveryCodesLeft(db, input.userId) };
  } catch (error) {
    throw new DatabaseError('check a second-step code', { cause: error });
  }
}

async function countRecoveryCodesLeft(db: PortalDatabase | Transaction, userId: string): Promise<number> {
  const [row] = await db
    .select({ value: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return row?.value ?? 0;
}
