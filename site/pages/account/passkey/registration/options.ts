/**
 * Adding a passkey, step 1: the options for the browser (POST, JSON). The first passkey turns on
 * two-step verification, so then the password is asked for too: someone who found a signed-in phone
 * must not be able to lock its owner out. Answers `{ options }`, or `{ message }` (and a `redirect`
 * to the second step when it is more than 15 minutes old).
 */
import type { APIRoute } from 'astro';
import { confirmPassword } from '../../../../../src/auth/account.ts';
import { createRegistrationOptions, readJsonBody, readPasskeyPost, siteUrlToRelyingParty } from '../../../../../src/auth/passkeys.ts';
import { getConfiguration } from '../../../../config.ts';
import { getAccountServices, getRandomBytes } from '../../../../lib/account-services.ts';
import { describeRateLimit } from '../../../../lib/form-page.ts';
import { serviceName } from '../../../../lib/site.ts';
import { checkMayAddPasskey } from '../../../../lib/passkey-registration.ts';
import { needsFreshProviderSignIn, signInAgainPath } from '../../../../lib/step-up.ts';

export const prerender = false;

export const ALL: APIRoute = () => Response.json({ message: 'Use the Add a passkey button on your passkeys page' }, { status: 405, headers: { Allow: 'POST' } });

export const POST: APIRoute = async ({ locals, request }) => {
  const now = new Date();
  const allowed = checkMayAddPasskey(locals, now);
  if (!allowed.ok) return allowed.response;
  const { user, session } = allowed;
  if (needsFreshProviderSignIn(user, session, now)) return Response.json({ message: 'Sign in again with NHS login before you add a passkey', redirect: signInAgainPath('/account/passkeys') }, { status: 403 });
  const services = await getAccountServices();
  if (!user.twoStepEnabled && user.hasPassword) {
    const confirmed = await confirmPassword(services, user.id, readPasskeyPost(await readJsonBody(request)).password);
    if (!confirmed.ok) {
      if (confirmed.kind === 'rate-limited') return Response.json({ message: describeRateLimit(confirmed.retryAfterMs), field: 'password' }, { status: 429 });
      return Response.json({ message: confirmed.errors[0]?.message ?? 'Enter your password', field: 'password' }, { status: 400 });
    }
  }
  const options = await createRegistrationOptions(services.db, siteUrlToRelyingParty(getConfiguration().siteUrl, serviceName), {
    userId: user.id,
    userName: user.email ?? `${serviceName} account`,
    now,
    randomBytes: getRandomBytes,
  });
  return Response.json({ options });
};
