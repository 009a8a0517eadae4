/**
 * Signing in with a passkey and no password, step 1 (POST, for visitors): the options for the
 * browser, naming no account. Answers `{ options }`, or `{ message }` with 429 when one network
 * address has asked too often.
 */
import type { APIRoute } from 'astro';
import { createSignInOptions, siteUrlToRelyingParty } from '../../../../../src/auth/passkeys.ts';
import { getConfiguration } from '../../../../config.ts';
import { getRandomBytes, readClientAddress } from '../../../../lib/account-services.ts';
import { getDatabase } from '../../../../lib/database.ts';
import { describeRateLimit } from '../../../../lib/form-page.ts';
import { serviceName } from '../../../../lib/site.ts';

export const prerender = false;

export const ALL: APIRoute = () => Response.json({ message: 'Use the Sign in with a passkey button on the sign-in page' }, { status: 405, headers: { Allow: 'POST' } });

export const POST: APIRoute = async ({ clientAddress }) => {
  const result = await createSignInOptions((await getDatabase()).db, siteUrlToRelyingParty(getConfiguration().siteUrl, serviceName), {
    address: readClientAddress(() => clientAddress),
    now: new Date(),
    randomBytes: getRandomBytes,
  });
  if (!result.ok) return Response.json({ message: describeRateLimit(result.retryAfterMs) }, { status: 429 });
  return Response.json({ options: result.options });
};
