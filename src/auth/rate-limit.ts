/**
 * Rate limits kept in the database, so they hold across server instances: a fixed window per key
 * (for example "sign-in:account:<hash>" or "sign-in:address:<hash>"). Keys are hashed by the caller;
 * no email address or IP address is stored in clear.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { eq, sql } from 'drizzle-orm';
import type { PortalDatabase } from '../db/index.ts';
import { rateLimits } from '../db/schema.ts';
import { DatabaseError } from '../errors.ts';

/** A limit: at most `attempts` in each window of `windowMs`. */
export interface RateLimit {
  readonly attempts: number;
  readonly windowMs: number;
}

/** The outcome of one attempt. */
export type RateLimitDecision = { readonly allowed: true; readonly remaining: number } | { readonly allowed: false; readonly retryAfterMs: number };

/** A stored key for something personal (an email or an address): a SHA-256 under a purpose prefix. */
export function rateLimitKey(purpose: string, value: string): string {
  return `${purpose}:${encodeHexLowerCase(sha256(new TextEncoder().encode(value.trim().toLowerCase())))}`;
}

/** Counts one attempt against `key` and says whether it may go ahead. Atomic, so concurrent attempts are all counted. */
export async function consumeRateLimit(db: PortalDatabase, key: string, limit: RateLimit, now: Date): Promise<RateLimitDecision> {
  const windowStart = new Date(now.getTime() - limit.windowMs);
  try {
    const [row] = await db
      .insert(rateLimits)
      .values({ key, windowStartedAt: now, attempts: 1 })
      .onConflictDoUpdate({
        target: rateLimits.key,
        set: {
          attempts: sql`case when ${rateLimits.windowStartedAt} <= ${windowStart.toISOString()}::timestamptz then 1 else ${rateLimits.attempts} + 1 end`,
          windowStartedAt: sql`case when ${rateLimits.windowStartedAt} <= ${windowStart.toISOString()}::timestamptz then ${now.toISOString()}::timestamptz else ${rateLimits.windowStartedAt} end`,
        },
      })
      .returning({ attempts: rateLimits.attempts, windowStartedAt: rateLimits.windowStartedAt });
    if (!row) throw new Error('no row returned');
    if (row.attempts <= limit.attempts) return { allowed: true, remaining: limit.attempts - row.attempts };
    return { allowed: false, retryAfterMs: Math.max(0, row.windowStartedAt.getTime() + limit.windowMs - now.getTime()) };
  } catch (error) {
    throw new DatabaseError('check a rate limit', { cause: error });
  }
}

/** Clears a key (for example after a successful sign-in). */
export async function resetRateLimit(db: PortalDatabase, key: string): Promise<void> {
  try {
    await db.delete(rateLimits).where(eq(rateLimits.key, key));
  } catch (error) {
    throw new DatabaseError('reset a rate limit', { cause: error });
  }
}
