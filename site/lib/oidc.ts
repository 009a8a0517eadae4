/**
 * OpenID Connect sign-in (NHS login) for this process: the provider's client, made once after
 * discovery (a failed discovery is not kept, so the next request tries again), and the short-lived
 * cookie that finds the sign-in attempt when the person comes back.
 */
import type { AstroCookies } from 'astro';
import { createOidcClient, OidcProviderUnavailableError, startSignIn, type OidcClient } from '../../src/auth/oidc.ts';
import { createOidcAttempt, oidcAttemptLifetimeMs } from '../../src/auth/oidc-accounts.ts';
import { getRandomBytes } from './account-services.ts';
import { renderPlainPage } from './plain-page.ts';
import { getDatabase } from './database.ts';
import { getConfiguration, type OidcConfiguration } from '../config.ts';
import { isLocalSite } from './session-cookie.ts';

/** The path the provider sends people back to: register `${SITE_URL}/account/oidc/callback` with it. */
export const oidcCallbackPath = '/account/oidc/callback';

/** The OpenID Connect settings, or null when sign-in with a provider is not configured. */
export function getOidcConfiguration(): OidcConfiguration | null {
  return getConfiguration().oidc;
}

let client: Promise<OidcClient> | undefined;

/** The provider's client, after discovery. Throws OidcProviderUnavailableError while the provider cannot be reached. */
export function getOidcClient(config: OidcConfiguration): Promise<OidcClient> {
  if (!client) {
    const { siteUrl } = getConfiguration();
    client = createOidcClient(
      {
        issuer: config.issuer,
        clientId: config.clientId,
        privateKeyPem: config.privateKeyPem,
        ...(config.keyId ? { keyId: config.keyId } : {}),
        signingAlgorithm: config.signingAlgorithm,
        scopes: config.scopes,
        redirectUri: new URL(oidcCallbackPath, siteUrl).href,
        minimumLevel: config.minimumLevel,
        providerName: config.providerName,
      },
      // Plain http only for a provider on this machine (the tests' own), and only when the site itself is local.
      { allowInsecureHttpForLocalhost: isLocalSite(siteUrl) },
    );
    client.catch(() => {
      client = undefined;
    });
  }
  return client;
}

function attemptCookieName(): string {
  return isLocalSite(getConfiguration().siteUrl) ? 'oidc_attempt' : '__Host-oidc_attempt';
}

/** Sets the cookie that finds the attempt on return. SameSite=Lax: the return is a top-level navigation from the provider. */
export function setAttemptCookie(cookies: AstroCookies, token: string): void {
  cookies.set(attemptCookieName(), token, { httpOnly: true, sameSite: 'lax', path: '/', secure: !isLocalSite(getConfiguration().siteUrl), maxAge: oidcAttemptLifetimeMs / 1000 });
}

/** Reads and clears the attempt cookie. */
export function takeAttemptCookie(cookies: AstroCookies): string | null {
  const value = cookies.get(attemptCookieName())?.value ?? null;
  cookies.set(attemptCookieName(), '', { httpOnly: true, sameSite: 'lax', path: '/', secure: !isLocalSite(getConfiguration().siteUrl), maxAge: 0 });
  return value;
}

/**
 * Sends the person to the provider: makes the request (state, nonce, PKCE), keeps what is needed for
 * their return, and answers with the redirect; 'unavailable' while the provider cannot be reached.
 */
export async function beginOidcSignIn(
  cookies: AstroCookies,
  config: OidcConfiguration,
  attempt: { intent: 'sign-in' | 'link'; userId: string | null; returnTo: string; prompt?: 'login' },
): Promise<Response | 'unavailable'> {
  let oidc: OidcClient;
  try {
    oidc = await getOidcClient(config);
  } catch (error) {
    if (!(error instanceof OidcProviderUnavailableError)) throw error;
    console.error(`${config.providerName} could not be reached (${error.detail})`);
    return 'unavailable';
  }
  const start = await startSignIn(oidc, getRandomBytes, attempt.prompt ? { prompt: attempt.prompt } : {});
  const { db } = await getDatabase();
  const token = await createOidcAttempt(
    db,
    { state: start.state, nonce: start.nonce, codeVerifier: start.codeVerifier, intent: attempt.intent, userId: attempt.userId, returnTo: attempt.returnTo },
    new Date(),
    getRandomBytes,
  );
  setAttemptCookie(cookies, token);
  return new Response(null, { status: 303, headers: { Location: start.url } });
}

/** The answer for the NHS login pages where no provider is configured: not found, as if they did not exist. */
export function renderNotConfiguredPage(): Response {
  return renderPlainPage({ title: 'Page not found', bodyHtml: '<p>If you typed the web address, check it is correct.</p>\n<p><a href="/account/sign-in">Go to sign in</a></p>', status: 404 });
}
