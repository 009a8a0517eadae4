/**
 * Housekeeping for sign-in data nobody can use any more: expired sessions, rate-limit windows long
 * past, and one-time links and invitations that were used, cancelled or expired more than a day ago.
 * Keeping less is safer (UK GDPR storage limitation).
 */
import { and, isNotNull, lt, or } from 'drizzle-orm';
import type { PortalDatabase } from '../db/index.ts';
import { invitations, oneTimeTokens, rateLimits } from '../db/schema.ts';
import { DatabaseError } from '../errors.ts';
import { deleteExpiredSessions } from './session.ts';

const day = 24 * 60 * 60 * 1000;

/** How many rows each kind of housekeeping removed. */
export interface HousekeepingReport {
  readonly sessions: number;
  readonly rateLimits: number;
  readonly oneTimeTokens: number;
  readonly invitations: number;
}

/** Deletes what can no longer be used. Rate-limit windows are kept a day, longer than any limit's window. */
export async function deleteExpiredSignInData(db: PortalDatabase, now: Date): Promise<HousekeepingReport> {
  const dayAgo = new Date(now.getTime() - day);
  const expiredSessions = await deleteExpiredSessions(db, now);
  try {
    const staleLimits = await db.delete(rateLimits).where(lt(rateLimits.windowStartedAt, dayAgo)).returning({ key: rateLimits.key });
    const spentTokens = await db
      .delete(oneTimeTokens)
      .where(or(lt(oneTimeTokens.expiresAt, dayAgo), and(isNotNull(oneTimeTokens.usedAt), lt(oneTimeTokens.usedAt, dayAgo))))
      .returning({ id: oneTimeTokens.id });
    const oldInvitations = await db
      .delete(invitations)
      .where(or(lt(invitations.expiresAt, dayAgo), lt(invitations.acceptedAt, dayAgo), lt(invitations.revokedAt, dayAgo)))
      .returning({ id: invitations.id });
    return { sessions: expiredSessions, rateLimits: staleLimits.length, oneTimeTokens: spentTokens.length, invitations: oldInvitations.length };
  } catch (error) {
    throw new DatabaseError('delete expired sign-in data', { cause: error });
  }
}
