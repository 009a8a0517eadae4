/**
 * Adding a passkey, step 2: the browser's answer (POST, JSON `{ response }`). Answers
 * `{ redirect }` to the passkeys page when it is added, or `{ message }` with 400.
 * Making a passkey needs the person's fingerprint, face or screen lock, so it counts as a second step.
 */
import type { APIRoute } from 'astro';
import { describeDevice } from '../../../../../src/auth/device.ts';
import { readJsonBody, readPasskeyPost, siteUrlToRelyingParty, verifyPasskeyRegistration } from '../../../../../src/auth/passkeys.ts';
import { markSecondStep } from '../../../../../src/auth/session.ts';
import { getConfiguration } from '../../../../config.ts';
import { getDatabase } from '../../../../lib/database.ts';
import { serviceName } from '../../../../lib/site.ts';
import { checkMayAddPasskey } from '../../../../lib/passkey-registration.ts';

export const prerender = false;

export const ALL: APIRoute = () => Response.json({ message: 'Use the Add a passkey button on your passkeys page' }, { status: 405, headers: { Allow: 'POST' } });

export const POST: APIRoute = async ({ locals, request }) => {
  const now = new Date();
  const allowed = checkMayAddPasskey(locals, now);
  if (!allowed.ok) return allowed.response;
  const { user, session } = allowed;
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
