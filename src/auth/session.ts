/**
 * Sessions, built the way Lucia's guide teaches (the `lucia` package itself is deprecated):
 * a random token goes in the cookie; only its SHA-256 is stored as the session id. Sessions last
 * 30 days and are extended to 30 days again when used after 15. Source: lucia-auth.com "Sessions"
 * (basic implementation), checked 2026-11-25.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { and, eq, lt, ne } from 'drizzle-orm';
import type { PortalDatabase } from '../db/index.ts';
import { sessions, users } from '../db/schema.ts';
import { DatabaseError } from '../errors.ts';

/** How long a session lasts from its last extension. */
export const sessionLifetimeMs = 30 * 24 * 60 * 60 * 1000;

/** A session used with less than this much time left is extended to the full lifetime. */
export const sessionRenewBeforeMs = 15 * 24 * 60 * 60 * 1000;

/** A session as stored. */
export interface Session {
  readonly id: string;
  readonly userId: string;
  readonly expiresAt: Date;
}

/** The signed-in person, as sessions see them: never the password hash. */
export interface SessionUser {
  readonly id: string;
  readonly email: string;
  readonly emailVerified: boolean;
}

/** The outcome of checking a session token. */
export type SessionValidation = { readonly session: Session; readonly user: SessionUser; readonly renewed: boolean } | { readonly session: null; readonly user: null };

/** A new random session token: 20 bytes (160 bits), base32. `randomBytes` is passed in (crypto.getRandomValues in production). */
export function generateSessionToken(randomBytes: (length: number) => Uint8Array): string {
  return encodeBase32LowerCaseNoPadding(randomBytes(20));
}

/** The stored id of a token: its SHA-256, in hex. */
export function sessionTokenToId(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** Starts a session for a user. */
export async function createSession(db: PortalDatabase, token: string, userId: string, now: Date): Promise<Session> {
  const session = { id: sessionTokenToId(token), userId, expiresAt: new Date(now.getTime() + sessionLifetimeMs) };
  try {
    await db.insert(sessions).values(session);
  } catch (error) {
    throw new DatabaseError('start a session', { cause: error });
  }
  return session;
}

/**
 * Checks a token from a cookie. Expired sessions are deleted; sessions with less than 15 days left are
 * extended to 30 days (the caller then sets the cookie again).
 */
export async function validateSessionToken(db: PortalDatabase, token: string, now: Date): Promise<SessionValidation> {
  const id = sessionTokenToId(token);
  try {
    const [row] = await db
      .select({ session: sessions, user: { id: users.id, email: users.email, emailVerified: users.emailVerified } })
      .from(sessions)
      .innerJoin(users, eq(sessions.userId, users.id))
      .where(eq(sessions.id, id));
    if (!row) return { session: null, user: null };
    if (now.getTime() >= row.session.expiresAt.getTime()) {
      await db.delete(sessions).where(eq(sessions.id, id));
      return { session: null, user: null };
    }
    let session: Session = { id: row.session.id, userId: row.session.userId, expiresAt: row.session.expiresAt };
    let renewed = false;
    if (now.getTime() >= session.expiresAt.getTime() - sessionRenewBeforeMs) {
      session = { ...session, expiresAt: new Date(now.getTime() + sessionLifetimeMs) };
      await db.update(sessions).set({ expiresAt: session.expiresAt }).where(eq(sessions.id, id));
      renewed = true;
    }
    return { session, user: row.user, renewed };
  } catch (error) {
    throw new DatabaseError('check a session', { cause: error });
  }
}

/** Ends one session (signing out). */
export async function invalidateSession(db: PortalDatabase, sessionId: string): Promise<void> {
  try {
    await db.delete(sessions).where(eq(sessions.id, sessionId));
  } catch (error) {
    throw new DatabaseError('end a session', { cause: error });
  }
}

/** Ends every session of a user (password change or reset, "sign out of all devices"), or every other one when `exceptSessionId` is given. */
export async function invalidateUserSessions(db: PortalDatabase, userId: string, exceptSessionId?: string): Promise<void> {
  try {
    await db.delete(sessions).where(exceptSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId)) : eq(sessions.userId, userId));
  } catch (error) {
    throw new DatabaseError("end a user's sessions", { cause: error });
  }
}

/** Deletes sessions that have expired (housekeeping). Returns how many went. */
export async function deleteExpiredSessions(db: PortalDatabase, now: Date): Promise<number> {
  try {
    const deleted = await db.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ id: sessions.id });
    return deleted.length;
  } catch (error) {
    throw new DatabaseError('delete expired sessions', { cause: error });
  }
}
