/**
 * Using a passkey as the second step, step 2 (POST, JSON `{ response, returnTo? }`, signed in).
 * Only one of this account's own passkeys is accepted. Answers `{ redirect }` (a path on this site)
 * once the session has passed the second step, or `{ message }` with 400.
 */
import type { APIRoute } from 'astro';
import { readJsonBody, readPasskeyPost, siteUrlToRelyingParty, verifyPasskeySecondStep } from '../../../../../src/auth/passkeys.ts';
import { markSecondStep } from '../../../../../src/auth/session.ts';
import { toSafeReturnPath } from '../../../../../src/security/return-to.ts';
import { getConfiguration } from '../../../../config.ts';
import { getDatabase } from '../../../../lib/database.ts';
import { serviceName } from '../../../../lib/site.ts';

export const prerender = false;

export const ALL: APIRoute = () => Response.json({ message: 'Use the Use a passkey button on the page that asked you to confirm it is you' }, { status: 405, headers: { Allow: 'POST' } });

export const POST: APIRoute = async ({ locals, request }) => {
  const { user, session } = locals;
  if (!user || !session) return Response.json({ message: 'Sign in first', redirect: '/account/sign-in' }, { status: 401 });
  const { db } = await getDatabase();
  const now = new Date();
  const posted = readPasskeyPost(await readJsonBody(request));
  const result = await verifyPasskeySecondStep(db, siteUrlToRelyingParty(getConfiguration().siteUrl, serviceName), { userId: user.id, body: posted.response, now });
  if (!result.ok) return Response.json({ message: result.message }, { status: 400 });
  await markSecondStep(db, session.id, now);
  return Response.json({ redirect: toSafeReturnPath(posted.returnTo) });
};
