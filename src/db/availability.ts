/**
 * Tells a database that is unreachable (stopped, restarting, refusing connections) apart from
 * every other fault, so the service can answer "try again later" instead of failing for good.
 */

/** Connection-level error codes from Node sockets and the postgres.js driver. */
const connectionCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
]);

/**
 * PostgreSQL SQLSTATE classes and codes that mean "the server is going away or not ready":
 * class 08 (connection exception) and 57P01–57P03 (admin shutdown, crash shutdown, cannot connect now).
 * Source: PostgreSQL 15 documentation, Appendix A "PostgreSQL Error Codes" (checked 2026-11-25).
 */
function isUnavailableSqlState(code: string): boolean {
  return /^08[0-9A-Z]{3}$/.test(code) || code === '57P01' || code === '57P02' || code === '57P03';
}

/** True when `error`, or any error in its `cause` chain, says the database cannot be reached right now. */
export function isDatabaseUnavailableError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current instanceof Error; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (connectionCodes.has(code) || isUnavailableSqlState(code))) return true;
    // AggregateError: Node reports a refused connection to both IPv4 and IPv6 this way.
    if (current instanceof AggregateError && current.errors.some((inner) => isDatabaseUnavailableError(inner))) return true;
    current = current.cause;
  }
  return false;
}
