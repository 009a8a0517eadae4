/**
 * Adding a passkey, step 2: the browser's answer (POST, JSON `{ response }`). Answers
 * `{ redirect }` to the passkeys page when it is added, or `{ message }` with 400.
 * Making a passkey needs the person's fingerprint, face or screen lock, so it counts as a second step.
 */
import type { APIRoute } from 'astro';
import { describeDevice } from '../../../../../src/auth/device.ts';
import { readJsonBody, readPasskeyPost, siteUrlToRelyingParty, verifyPasskeyRegistration } from '../../../../../src/auth/passkeys.ts';
import { markSecondStep } from '../../../../../src/auth/session.ts';
import { mustRepeatSecondStep } from '../../../../../src/auth/two-step.ts';
import { getConfiguration } from '../../../../config.ts';
import { getDatabase } from '../../../../lib/database.ts';
import { serviceName } from '../../../../lib/site.ts';

export const prerender = false;

export const ALL: APIRoute = () => Response.json({ message: 'Use the Add a passkey button on your passkeys page' }, { status: 405, headers: { Allow: 'POST' } });

export const POST: APIRoute = async ({ locals, request }) => {
  const { user, session } = locals;
  if (!user || !session) return Response.json({ message: 'Sign in to add a passkey', redirect: '/account/sign-in?returnTo=/account/passkeys' }, { status: 401 });
  const now = new Date();
  if (mustRepeatSecondStep(user, session, now)) return Response.json({ message: 'Confirm it is you before you add a passkey', redirect: '/account/two-step?returnTo=/account/passkeys' }, { status: 403 });
  const { db } = await getDatabase();
  const result = await verifyPasskeyRegistration(db, siteUrlToRelyingParty(getConfiguration().siteUrl, serviceName), {
    userId: user.id,
    body: readPasskeyPost(await readJsonBody(request)).response,
    deviceName: describeDevice(request.headers.get('user-agent')),
    now,
  });
  if (!result.ok) return Response.json({ message: result.message }, { status: 400 });
  await markSecondStep(db, session.id, now);
  return Response.json({ redirect: '/account/passkeys?done=added' });
};
