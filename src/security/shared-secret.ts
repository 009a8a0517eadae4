/** Checks a shared secret sent as "Authorization: Bearer …" (a webhook's), in constant time. */
import { timingSafeEqual } from 'node:crypto';

/** True when `authorization` is "Bearer <expected>". A missing or differently sized value is false without comparing further. */
export function isBearerSecret(authorization: string | null, expected: string): boolean {
  const match = /^Bearer (.+)$/.exec(authorization ?? '');
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1]);
  const wanted = Buffer.from(expected);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}
