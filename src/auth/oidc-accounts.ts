/**
 * Accounts and OpenID Connect identities (NHS login). An identity is the provider's issuer and
 * subject, and it is found by those alone: never by matching an email address, which would let
 * whoever controls an address at the provider take over an account here. A signed-in person may
 * link an identity to their account after confirming it is them; an identity nobody has linked
 * makes a new account.
 *
 * Between sending a person to the provider and their return, the state, nonce and PKCE verifier are
 * kept in `oidc_attempts`, found by the SHA-256 of a random value in a short-lived cookie, and used
 * once: a forged or replayed return finds nothing.
 */
import { and, eq, lt, ne } from 'drizzle-orm';
import type { PortalDatabase } from '../db/index.ts';
import { oidcAttempts, oidcIdentities, sessions, users } from '../db/schema.ts';
import { DatabaseError } from '../errors.ts';
import { generateSessionToken, sessionTokenToId } from './session.ts';

/** How long a person has to come back from the provider. */
export const oidcAttemptLifetimeMs = 10 * 60 * 1000;

/** Why a person is going to the provider. */
export type OidcIntent = 'sign-in' | 'link';

/** What is kept between sending a person to the provider and their return. */
export interface OidcAttempt {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
  readonly intent: OidcIntent;
  /** The signed-in person linking an identity; null when signing in. */
  readonly userId: string | null;
  readonly returnTo: string;
}

/** Stores an attempt and returns the random value for the cookie that finds it again. */
export async function createOidcAttempt(db: PortalDatabase, attempt: OidcAttempt, now: Date, randomBytes: (length: number) => Uint8Array): Promise<string> {
  const token = generateSessionToken(randomBytes);
  try {
    // Old attempts nobody came back from go as new ones are made.
    await db.delete(oidcAttempts).where(lt(oidcAttempts.expiresAt, now));
    await db.insert(oidcAttempts).values({ id: sessionTokenToId(token), ...attempt, expiresAt: new Date(now.getTime() + oidcAttemptLifetimeMs) });
  } catch (error) {
    throw new DatabaseError('start signing in with an identity provider', { cause: error });
  }
  return token;
}

/** Takes the attempt a cookie names, once: it is deleted as it is read. Null when there is none, or it has expired. */
export async function takeOidcAttempt(db: PortalDatabase, token: string | null | undefined, now: Date): Promise<OidcAttempt | null> {
  if (!token || !/^[a-z2-7]{32}$/.test(token)) return null;
  try {
    const [row] = await db.delete(oidcAttempts).where(eq(oidcAttempts.id, sessionTokenToId(token))).returning();
    if (!row || row.expiresAt.getTime() <= now.getTime()) return null;
    return { state: row.state, nonce: row.nonce, codeVerifier: row.codeVerifier, intent: row.intent as OidcIntent, userId: row.userId, returnTo: row.returnTo };
  } catch (error) {
    throw new DatabaseError('finish signing in with an identity provider', { cause: error });
  }
}

/** What the provider vouched for, as verified by src/auth/oidc.ts. */
export interface VerifiedIdentity {
  readonly issuer: string;
  readonly subject: string;
  readonly email: string | null;
  readonly emailVerified: boolean;
  readonly scopes: readonly string[];
  readonly identityLevel: string | null;
}

/**
 * The account for an identity: the one it is linked to, or a new one. A new account takes the
 * provider's email address only when the provider says it is verified and no other account has it;
 * otherwise it has none. Either way the existing account with that address is left alone.
 */
export async function findOrCreateAccountForIdentity(db: PortalDatabase, identity: VerifiedIdentity, now: Date): Promise<{ readonly userId: string; readonly created: boolean }> {
  try {
    return await db.transaction(async (tx) => {
      const [linked] = await tx
        .update(oidcIdentities)
        .set({ lastSignedInAt: now, identityLevel: identity.identityLevel, scopes: identity.scopes.join(' ') })
        .where(and(eq(oidcIdentities.issuer, identity.issuer), eq(oidcIdentities.subject, identity.subject)))
        .returning({ userId: oidcIdentities.userId });
      if (linked) return { userId: linked.userId, created: false };
      const email = identity.email && identity.emailVerified ? identity.email.trim().toLowerCase() : null;
      let [user] = email ? await tx.insert(users).values({ email, emailVerified: true, passwordHash: null }).onConflictDoNothing({ target: users.email }).returning({ id: users.id }) : [];
      [user] = user ? [user] : await tx.insert(users).values({ email: null, emailVerified: false, passwordHash: null }).returning({ id: users.id });
      if (!user) throw new Error('no account was made');
      await tx.insert(oidcIdentities).values({
        issuer: identity.issuer,
        subject: identity.subject,
        userId: user.id,
        scopes: identity.scopes.join(' '),
        identityLevel: identity.identityLevel,
        linkedAt: now,
        lastSignedInAt: now,
      });
      return { userId: user.id, created: true };
    });
  } catch (error) {
    throw new DatabaseError('find the account for an identity', { cause: error });
  }
}

/** The outcome of linking an identity to a signed-in account. */
export type LinkResult = { readonly ok: true } | { readonly ok: false; readonly reason: 'linked-to-another-account' | 'another-identity-linked' };

/**
 * Links an identity to a signed-in person's account. Refused when it already belongs to another
 * account (it is never moved), or when this account already has a different identity at the same
 * provider.
 */
export async function linkIdentity(db: PortalDatabase, userId: string, identity: VerifiedIdentity, now: Date): Promise<LinkResult> {
  try {
    return await db.transaction(async (tx) => {
      const [existing] = await tx
        .select({ userId: oidcIdentities.userId })
        .from(oidcIdentities)
        .where(and(eq(oidcIdentities.issuer, identity.issuer), eq(oidcIdentities.subject, identity.subject)));
      if (existing && existing.userId !== userId) return { ok: false, reason: 'linked-to-another-account' } as const;
      const [other] = await tx
        .select({ subject: oidcIdentities.subject })
        .from(oidcIdentities)
        .where(and(eq(oidcIdentities.userId, userId), eq(oidcIdentities.issuer, identity.issuer), ne(oidcIdentities.subject, identity.subject)));
      if (other) return { ok: false, reason: 'another-identity-linked' } as const;
      await tx
        .insert(oidcIdentities)
        .values({ issuer: identity.issuer, subject: identity.subject, userId, scopes: identity.scopes.join(' '), identityLevel: identity.identityLevel, linkedAt: now, lastSignedInAt: now })
        .onConflictDoUpdate({ target: [oidcIdentities.issuer, oidcIdentities.subject], set: { scopes: identity.scopes.join(' '), identityLevel: identity.identityLevel, lastSignedInAt: now } });
      return { ok: true } as const;
    });
  } catch (error) {
    throw new DatabaseError('link an identity', { cause: error });
  }
}

/** An identity linked to an account, as account settings show it. */
export interface LinkedIdentity {
  readonly issuer: string;
  readonly scopes: readonly string[];
  readonly identityLevel: string | null;
  readonly linkedAt: Date;
  readonly lastSignedInAt: Date;
}

/** The identities linked to a person's account. The subject is not shown: it means nothing to them. */
export async function listLinkedIdentities(db: PortalDatabase, userId: string): Promise<readonly LinkedIdentity[]> {
  try {
    const rows = await db.select().from(oidcIdentities).where(eq(oidcIdentities.userId, userId));
    return rows.map((row) => ({ issuer: row.issuer, scopes: row.scopes.split(' ').filter(Boolean), identityLevel: row.identityLevel, linkedAt: row.linkedAt, lastSignedInAt: row.lastSignedInAt }));
  } catch (error) {
    throw new DatabaseError('list linked identities', { cause: error });
  }
}

/**
 * Unlinks a person's identity at a provider. Refused for an account with no password, which would
 * then have no way to sign in.
 */
export async function unlinkIdentity(db: PortalDatabase, userId: string, issuer: string): Promise<{ readonly ok: true } | { readonly ok: false; readonly reason: 'no-other-way-in' | 'not-linked' }> {
  try {
    return await db.transaction(async (tx) => {
      const [user] = await tx.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
      if (!user?.passwordHash) return { ok: false, reason: 'no-other-way-in' } as const;
      const removed = await tx
        .delete(oidcIdentities)
        .where(and(eq(oidcIdentities.userId, userId), eq(oidcIdentities.issuer, issuer)))
        .returning({ subject: oidcIdentities.subject });
      return removed.length > 0 ? ({ ok: true } as const) : ({ ok: false, reason: 'not-linked' } as const);
    });
  } catch (error) {
    throw new DatabaseError('unlink an identity', { cause: error });
  }
}

/** Records on the current session the identity level just vouched for (after linking, the session is as strong as a fresh sign-in). */
export async function setSessionIdentityLevel(db: PortalDatabase, sessionId: string, identityLevel: string | null): Promise<void> {
  try {
    await db.update(sessions).set({ identityLevel }).where(eq(sessions.id, sessionId));
  } catch (error) {
    throw new DatabaseError('record an identity level', { cause: error });
  }
}
