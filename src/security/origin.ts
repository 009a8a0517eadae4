/**
 * Cross-site request forgery defence for every state-changing request: the browser must show that
 * the request comes from one of our own pages. Safe methods (GET, HEAD, OPTIONS) are let through.
 */

/** Methods that never change anything, so need no origin check. */
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What the check needs to know about a request. */
export interface OriginCheckInput {
  readonly method: string;
  /** The request's own origin, such as `http://localhost:4321`. */
  readonly requestOrigin: string;
  /** The `Origin` header, or null when absent. */
  readonly originHeader: string | null;
  /** The `Sec-Fetch-Site` header, or null when absent. */
  readonly secFetchSite: string | null;
  /** Further origins the site is served from (its public URL behind a proxy). */
  readonly trustedOrigins?: readonly string[];
}

/** The outcome: allowed, or refused with the reason (for tests and metrics, not for people). */
export type OriginCheck = { readonly allowed: true } | { readonly allowed: false; readonly reason: 'cross-origin' | 'origin-unknown' };

/** Decides whether a request may change state. */
export function checkRequestOrigin(input: OriginCheckInput): OriginCheck {
  if (safeMethods.has(input.method.toUpperCase())) return { allowed: true };
  const trusted = new Set([input.requestOrigin, ...(input.trustedOrigins ?? [])]);
  if (input.originHeader !== null) {
    // Browsers send "null" from sandboxed frames and some redirects: never trusted.
    return trusted.has(input.originHeader) ? { allowed: true } : { allowed: false, reason: 'cross-origin' };
  }
  if (input.secFetchSite !== null) {
    return input.secFetchSite === 'same-origin' ? { allowed: true } : { allowed: false, reason: 'cross-origin' };
  }
  return { allowed: false, reason: 'origin-unknown' };
}
