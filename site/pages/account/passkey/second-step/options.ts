/**
 * Using a passkey as the second step, step 1 (POST, signed in): after a password sign-in, or again
 * before a sensitive change. Offers only this account's passkeys. Answers `{ options }`, or
 * `{ message }` with 400 when the account has no passkey.
 */
import type { APIRoute } from 'astro';
import { createSecondStepOptions, siteUrlToRelyingParty } from '../../../../../src/auth/passkeys.ts';
import { getConfiguration } from '../../../../config.ts';
import { getRandomBytes } from '../../../../lib/account-services.ts';
import { getDatabase } from '../../../../lib/database.ts';
import { serviceName } from '../../../../lib/site.ts';

export const prerender = false;

export const ALL: APIRoute = () => Response.json({ message: 'Use the Use a passkey button on the page that asked you to confirm it is you' }, { status: 405, headers: { Allow: 'POST' } });

export const POST: APIRoute = async ({ locals }) => {
  const { user } = locals;
  if (!user) return Response.json({ message: 'Sign in first', redirect: '/account/sign-in' }, { status: 401 });
  const result = await createSecondStepOptions((await getDatabase()).db, siteUrlToRelyingParty(getConfiguration().siteUrl, serviceName), {
    userId: user.id,
    now: new Date(),
    randomBytes: getRandomBytes,
  });
  if (!result.ok) return Response.json({ message: result.message }, { status: 400 });
  return Response.json({ options: result.options });
};
