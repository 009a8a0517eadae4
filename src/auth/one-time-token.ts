/**
 * Single-use tokens for email links (verify an email address, reset a password): random, stored only
 * as a SHA-256, spent atomically on first use, and refused after they expire (a reset link lasts 1 hour).
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { PortalDatabase } from '../db/index.ts';
import { oneTimeTokens } from '../db/schema.ts';
import { DatabaseError } from '../errors.ts';
import { generateSessionToken, sessionTokenToId } from './session.ts';

/** What a token is for. */
export type TokenPurpose = 'verify-email' | 'reset-password' | 'change-email';

/** How long each kind of token lasts. */
export const tokenLifetimesMs: Readonly<Record<TokenPurpose, number>> = {
  'verify-email': 48 * 60 * 60 * 1000,
  'reset-password': 60 * 60 * 1000,
  'change-email': 48 * 60 * 60 * 1000,
};

/**
 * Creates a token for `userId` and returns the plain token for the email link (it is not stored).
 * A 'change-email' token carries the new address as `newEmail`.
 */
export async function createOneTimeToken(
  db: PortalDatabase,
  userId: string,
  purpose: TokenPurpose,
  now: Date,
  randomBytes: (length: number) => Uint8Array,
  newEmail?: string,
): Promise<string> {
  const token = generateSessionToken(randomBytes);
  try {
    await db
      .insert(oneTimeTokens)
      .values({ id: sessionTokenToId(token), userId, purpose, newEmail: newEmail ?? null, expiresAt: new Date(now.getTime() + tokenLifetimesMs[purpose]) });
  } catch (error) {
    throw new DatabaseError('create a one-time token', { cause: error });
  }
  return token;
}

/** The outcome of using a token. Unknown, used and wrong-purpose tokens look the same to the person. */
export type TokenUse = { readonly ok: true; readonly userId: string; readonly newEmail: string | null } | { readonly ok: false; readonly reason: 'invalid' | 'expired' };

/** Says whether a token would work now, without spending it (to show the right page before a form is sent). */
export async function checkOneTimeToken(
  db: PortalDatabase,
  token: string,
  purpose: TokenPurpose,
  now: Date,
): Promise<{ readonly state: 'valid'; readonly userId: string } | { readonly state: 'invalid' | 'expired' }> {
  try {
    const [row] = await db
      .select({ expiresAt: oneTimeTokens.expiresAt, userId: oneTimeTokens.userId })
      .from(oneTimeTokens)
      .where(and(eq(oneTimeTokens.id, sessionTokenToId(token)), eq(oneTimeTokens.purpose, purpose), isNull(oneTimeTokens.usedAt)));
    if (!row) return { state: 'invalid' };
    return now.getTime() < row.expiresAt.getTime() ? { state: 'valid', userId: row.userId } : { state: 'expired' };
  } catch (error) {
    throw new DatabaseError('check a one-time token', { cause: error });
  }
}

/** Spends a token: it works once, before it expires, for its own purpose only. */
export async function consumeOneTimeToken(db: PortalDatabase, token: string, purpose: TokenPurpose, now: Date): Promise<TokenUse> {
  const id = sessionTokenToId(token);
  try {
    const [spent] = await db
      .update(oneTimeTokens)
      .set({ usedAt: now })
      .where(and(eq(oneTimeTokens.id, id), eq(oneTimeTokens.purpose, purpose), isNull(oneTimeTokens.usedAt)))
      .returning({ userId: oneTimeTokens.userId, expiresAt: oneTimeTokens.expiresAt, newEmail: oneTimeTokens.newEmail });
    if (!spent) return { ok: false, reason: 'invalid' };
    return now.getTime() < spent.expiresAt.getTime() ? { ok: true, userId: spent.userId, newEmail: spent.newEmail } : { ok: false, reason: 'expired' };
  } catch (error) {
    throw new DatabaseError('use a one-time token', { cause: error });
  }
}

/** Spends every unused token of a purpose for a user (for example all reset links once the password has changed). */
export async function invalidateUserTokens(db: PortalDatabase, userId: string, purpose: TokenPurpose, now: Date): Promise<void> {
  try {
    await db
      .update(oneTimeTokens)
      .set({ usedAt: now })
      .where(and(eq(oneTimeTokens.userId, userId), eq(oneTimeTokens.purpose, purpose), isNull(oneTimeTokens.usedAt)));
  } catch (error) {
    throw new DatabaseError('cancel one-time tokens', { cause: error });
  }
}
