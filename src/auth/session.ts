/**
 * Sessions, built the way Lucia's guide teaches (the `lucia` package itself is deprecated):
 * a random token goes in the cookie; only its SHA-256 is stored as the session id. Sessions last
 * 30 days and are extended to 30 days again when used after 15. Source: lucia-auth.com "Sessions"
 * (basic implementation), checked 2026-11-25.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { and, asc, eq, lt, ne, sql } from 'drizzle-orm';
import type { PortalDatabase } from '../db/index.ts';
import { sessions, users } from '../db/schema.ts';
import { DatabaseError } from '../errors.ts';

/** How long a session lasts from its last extension. */
export const sessionLifetimeMs = 30 * 24 * 60 * 60 * 1000;

/** A session used with less than this much time left is extended to the full lifetime. */
export const sessionRenewBeforeMs = 15 * 24 * 60 * 60 * 1000;

/** How long a session's last use is left alone before it is written again: one write an hour, not one a request. */
export const lastSeenPrecisionMs = 60 * 60 * 1000;

/** How a person signed in. */
export type SignInMethod = 'password' | 'passkey' | 'oidc';

/** A session as stored. */
export interface Session {
  readonly id: string;
  /** A random name for the session that can go in a page: the id stays private. */
  readonly handle: string;
  readonly userId: string;
  readonly expiresAt: Date;
  readonly createdAt: Date;
  readonly method: SignInMethod;
  /** When this session last passed the second step, or null. */
  readonly secondStepAt: Date | null;
  /** The identity level an OpenID Connect provider vouched for (P0, P5, P9), or null. */
  readonly identityLevel: string | null;
  readonly device: string;
  readonly lastSeenAt: Date;
}

/** The signed-in person, as sessions see them: never the password hash. */
export interface SessionUser {
  readonly id: string;
  /** Null for an account made with an OpenID Connect provider that gave no address we could use. */
  readonly email: string | null;
  readonly emailVerified: boolean;
  readonly twoStepEnabled: boolean;
  /** False for an account made with NHS login that has not set a password. */
  readonly hasPassword: boolean;
}

/** What is known about a new session besides whose it is. */
export interface NewSessionDetails {
  readonly method?: SignInMethod;
  /** Set when the sign-in itself was the second step too (a passkey), or was done with one. */
  readonly secondStepAt?: Date | null;
  readonly identityLevel?: string | null;
  readonly device?: string;
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
export async function createSession(db: PortalDatabase, token: string, userId: string, now: Date, details: NewSessionDetails = {}): Promise<Session> {
  try {
    const [row] = await db
      .insert(sessions)
      .values({
        id: sessionTokenToId(token),
        userId,
        expiresAt: new Date(now.getTime() + sessionLifetimeMs),
        createdAt: now,
        lastSeenAt: now,
        method: details.method ?? 'password',
        secondStepAt: details.secondStepAt ?? null,
        identityLevel: details.identityLevel ?? null,
        device: details.device ?? 'Unknown device',
      })
      .returning();
    if (!row) throw new Error('no session row');
    return toSession(row);
  } catch (error) {
    throw new DatabaseError('start a session', { cause: error });
  }
}

function toSession(row: typeof sessions.$inferSelect): Session {
  return {
    id: row.id,
    handle: row.handle,
    userId: row.userId,
    expiresAt: row.expiresAt,
    createdAt: row.createdAt,
    method: row.method as SignInMethod,
    secondStepAt: row.secondStepAt,
    identityLevel: row.identityLevel,
    device: row.device,
    lastSeenAt: row.lastSeenAt,
  };
}

/**
 * Checks a token from a cookie. Expired sessions are deleted; sessions with less than 15 days left are
 * extended to 30 days (the caller then sets the cookie again).
 */
export async function validateSessionToken(db: PortalDatabase, token: string, now: Date): Promise<SessionValidation> {
  const id = sessionTokenToId(token);
  try {
    const [row] = await db
      .select({ session: sessions, user: { id: users.id, email: users.email, emailVerified: users.emailVerified, twoStepEnabled: users.twoStepEnabled, hasPassword: sql<boolean>`${users.passwordHash} is not null` } })
      .from(sessions)
      .innerJoin(users, eq(sessions.userId, users.id))
      .where(eq(sessions.id, id));
    if (!row) return { session: null, user: null };
    if (now.getTime() >= row.session.expiresAt.getTime()) {
      await db.delete(sessions).where(eq(sessions.id, id));
      return { session: null, user: null };
    }
    let session = toSession(row.session);
    const renewed = now.getTime() >= session.expiresAt.getTime() - sessionRenewBeforeMs;
    const seen = now.getTime() - session.lastSeenAt.getTime() >= lastSeenPrecisionMs;
    if (renewed || seen) {
      session = { ...session, lastSeenAt: now, ...(renewed ? { expiresAt: new Date(now.getTime() + sessionLifetimeMs) } : {}) };
      await db.update(sessions).set({ expiresAt: session.expiresAt, lastSeenAt: now }).where(eq(sessions.id, id));
    }
    return { session, user: row.user, renewed };
  } catch (error) {
    throw new DatabaseError('check a session', { cause: error });
  }
}

/** Records that a session has passed the second step (at sign-in, or again before a sensitive change). */
export async function markSecondStep(db: PortalDatabase, sessionId: string, now: Date): Promise<void> {
  try {
    await db.update(sessions).set({ secondStepAt: now }).where(eq(sessions.id, sessionId));
  } catch (error) {
    throw new DatabaseError('record the second step', { cause: error });
  }
}

/** One of a person's sessions, as their account settings show it. */
export interface SessionSummary {
  readonly handle: string;
  readonly device: string;
  readonly method: SignInMethod;
  readonly createdAt: Date;
  readonly lastSeenAt: Date;
  readonly current: boolean;
}

/** A person's sessions that have not expired, oldest first, marking the one asking. */
export async function listUserSessions(db: PortalDatabase, userId: string, currentSessionId: string, now: Date): Promise<readonly SessionSummary[]> {
  try {
    const rows = await db.select().from(sessions).where(eq(sessions.userId, userId)).orderBy(asc(sessions.createdAt));
    return rows
      .filter((row) => row.expiresAt.getTime() > now.getTime())
      .map((row) => ({ handle: row.handle, device: row.device, method: row.method as SignInMethod, createdAt: row.createdAt, lastSeenAt: row.lastSeenAt, current: row.id === currentSessionId }));
  } catch (error) {
    throw new DatabaseError("list a person's sessions", { cause: error });
  }
}

/** Ends one of a person's own sessions, named by its handle. False when they have no such session (someone else's handle does nothing). */
export async function endUserSession(db: PortalDatabase, userId: string, handle: string): Promise<boolean> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(handle)) return false;
  try {
    const ended = await db
      .delete(sessions)
      .where(and(eq(sessions.userId, userId), eq(sessions.handle, handle)))
      .returning({ id: sessions.id });
    return ended.length > 0;
  } catch (error) {
    throw new DatabaseError('end a session', { cause: error });
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
