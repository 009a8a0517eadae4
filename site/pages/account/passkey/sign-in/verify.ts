/**
 * Signing in with a passkey, step 2 (POST, JSON `{ response, returnTo? }`, for visitors). A passkey
 * is two steps in one (the device, and the fingerprint, face or screen lock that unlocks it), so the
 * new session has passed the second step too. Answers `{ redirect }` (a path on this site), or
 * `{ message }` with 400, or 429 when one network address has tried too often.
 */
import type { APIRoute } from 'astro';
import { describeDevice } from '../../../../../src/auth/device.ts';
import { readJsonBody, readPasskeyPost, siteUrlToRelyingParty, verifyPasskeySignIn } from '../../../../../src/auth/passkeys.ts';
import { createSession, generateSessionToken, invalidateSession } from '../../../../../src/auth/session.ts';
import { toSafeReturnPath } from '../../../../../src/security/return-to.ts';
import { getConfiguration } from '../../../../config.ts';
import { getRandomBytes, readClientAddress } from '../../../../lib/account-services.ts';
import { getDatabase } from '../../../../lib/database.ts';
import { describeRateLimit } from '../../../../lib/form-page.ts';
import { setSessionCookie } from '../../../../lib/session-cookie.ts';
import { serviceName } from '../../../../lib/site.ts';

export const prerender = false;

export const ALL: APIRoute = () => Response.json({ message: 'Use the Sign in with a passkey button on the sign-in page' }, { status: 405, headers: { Allow: 'POST' } });

export const POST: APIRoute = async ({ locals, request, cookies, clientAddress }) => {
  const { db } = await getDatabase();
  const now = new Date();
  const posted = readPasskeyPost(await readJsonBody(request));
  const result = await verifyPasskeySignIn(db, siteUrlToRelyingParty(getConfiguration().siteUrl, serviceName), {
    body: posted.response,
    address: readClientAddress(() => clientAddress),
    now,
  });
  if (!result.ok) {
    return result.kind === 'rate-limited' ? Response.json({ message: describeRateLimit(result.retryAfterMs) }, { status: 429 }) : Response.json({ message: result.message }, { status: 400 });
  }
  // The cookie is about to be replaced, so a session this browser had can never be used again: end it.
  if (locals.session) await invalidateSession(db, locals.session.id);
  const token = generateSessionToken(getRandomBytes);
  const session = await createSession(db, token, result.userId, now, { method: 'passkey', secondStepAt: now, device: describeDevice(request.headers.get('user-agent')) });
  setSessionCookie(cookies, token, session.expiresAt);
  return Response.json({ redirect: toSafeReturnPath(posted.returnTo) });
};
