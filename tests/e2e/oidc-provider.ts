/**
 * A real OpenID Connect provider for tests: oidc-provider 9 on a free port on 127.0.0.1, set up the
 * way NHS login is met by the portal. The authorisation code flow with PKCE required, clients that
 * authenticate with `private_key_jwt` signed RS512, ID tokens signed RS512 carrying `vot` ('P9.Cp.Cd'
 * and so on) and the email address.
 *
 * Anyone can sign in on its built-in development pages with any login name (the password is
 * ignored). The login decides the person: `sub` is derived from it, the address is
 * `${login}@example.com`, and a login starting "p9" or "p5" gets that identity level, any other P0.
 *
 * For attack tests, `setIdTokenTamper` rewrites the ID token in the token endpoint's answer (wrong
 * audience, expired, wrong issuer, or signed with a key the provider never published), so a client
 * must refuse it. Everything runs in-process; `stop()` closes it.
 */
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { SignJWT, decodeJwt, decodeProtectedHeader, exportJWK, exportPKCS8, generateKeyPair, importJWK, type JWK } from 'jose';
import Provider, { type Account, type ClientMetadata, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { findFreePort } from '../../scripts/free-port.ts';

/** The second registered client: ID tokens re-signed for it must be refused by the first. */
export const otherClientId = 'other-client';

/** How the token endpoint's ID token is spoiled, if at all. */
export type IdTokenTamper = 'none' | 'wrong-audience' | 'expired' | 'wrong-key' | 'wrong-issuer';

/** Where the email address goes: in the ID token (the default), or only in UserInfo as NHS login does. */
export type EmailClaimsPlacement = 'id-token' | 'userinfo';

/** Options for {@link startOidcProvider}. */
export interface OidcProviderOptions {
  /** Registered for both clients; the exact strings the client will send. */
  readonly redirectUris: readonly string[];
  /** The main client's id (default 'portal-test-client'). */
  readonly clientId?: string;
  /** Default 'id-token'. */
  readonly emailClaims?: EmailClaimsPlacement;
}

/** What a client put in its `private_key_jwt` assertion, for tests to check. */
export interface ClientAssertionSeen {
  readonly clientId: string;
  readonly alg: string;
  readonly kid: string | null;
  readonly aud: string | readonly string[];
}

/** A running provider. */
export interface TestOidcProvider {
  /** `http://127.0.0.1:PORT`: discovery is at `${issuer}/.well-known/openid-configuration`. */
  readonly issuer: string;
  readonly clientId: string;
  /** The client's private key as PKCS#8 PEM, for the portal's settings. Both clients share it. */
  readonly clientPrivateKeyPem: string;
  /** The `kid` the client's public key is registered under. */
  readonly clientKeyId: string;
  /** The algorithm the client must sign its assertion with. */
  readonly clientSigningAlgorithm: 'RS512';
  /** The `kid` of the provider's (only) signing key, as published at its jwks_uri. */
  readonly providerKeyId: string;
  /** The header and audience of the last client assertion the token endpoint accepted, or null before any. */
  lastClientAssertion(): ClientAssertionSeen | null;
  /** Spoils (or, with 'none', stops spoiling) every ID token the token endpoint gives from now on. */
  setIdTokenTamper(mode: IdTokenTamper): void;
  /** Stops the server and drops every connection. */
  stop(): Promise<void>;
}

/** The `sub` the provider gives the person who signs in as `login`: stable, and not the login itself. */
export function subjectForLogin(login: string): string {
  const hex = createHash('sha256').update(`test-oidc-provider:${login}`).digest('hex');
  // Shaped like a UUID, as NHS login's subjects are.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The `vot` the provider vouches for `login`: P9 for "p9…", P5 for "p5…", otherwise P0. */
export function vectorOfTrustForLogin(login: string): string {
  const lower = login.toLowerCase();
  if (lower.startsWith('p9')) return 'P9.Cp.Cd';
  if (lower.startsWith('p5')) return 'P5.Cp.Cd';
  return 'P0.Cp';
}

/** An RSA key pair as private and public JWKs with a `kid`. */
async function rsaKeyPair(kid: string): Promise<{ privateJwk: JWK; publicJwk: JWK; privateKey: CryptoKey }> {
  const { privateKey, publicKey } = await generateKeyPair('RS512', { modulusLength: 2048, extractable: true });
  const privateJwk = { ...(await exportJWK(privateKey)), kid, use: 'sig' };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, use: 'sig' };
  return { privateJwk, publicJwk, privateKey };
}

/** The urlencoded body of a request, read from the raw stream. */
async function readForm(request: http.IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > 16 * 1024) throw new Error('form too large');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** Starts a provider on a free port on 127.0.0.1 and waits until it is listening. */
export async function startOidcProvider(options: OidcProviderOptions): Promise<TestOidcProvider> {
  const port = await findFreePort();
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = options.clientId ?? 'portal-test-client';
  const providerKeyId = 'test-provider-key-1';
  const clientKeyId = 'test-client-key-1';
  const [providerKey, clientKey, rogueKey] = await Promise.all([rsaKeyPair(providerKeyId), rsaKeyPair(clientKeyId), rsaKeyPair(providerKeyId)]);
  const clientPrivateKeyPem = await exportPKCS8(clientKey.privateKey);

  // Logins seen by this provider, by the account id (the future `sub`) derived from each.
  const logins = new Map<string, string>();
  let tamper: IdTokenTamper = 'none';
  let lastClientAssertion: ClientAssertionSeen | null = null;

  /** Both clients are registered alike: code flow only, `private_key_jwt` with the client key, RS512. */
  const registration = (id: string): ClientMetadata => ({
    client_id: id,
    redirect_uris: [...options.redirectUris],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'private_key_jwt',
    token_endpoint_auth_signing_alg: 'RS512',
    // NHS login signs its ID tokens RS512 too.
    id_token_signed_response_alg: 'RS512',
    jwks: { keys: [{ ...clientKey.publicJwk, alg: 'RS512' }] },
  });

  const configuration: Configuration = {
    clients: [registration(clientId), registration(otherClientId)],
    jwks: { keys: [providerKey.privateJwk] },
    findAccount(_ctx: KoaContextWithOIDC, accountId: string): Account | undefined {
      const login = logins.get(accountId);
      if (login === undefined) return undefined;
      return {
        accountId,
        claims: () => ({ sub: accountId, email: `${login}@example.com`, email_verified: true, vot: vectorOfTrustForLogin(login) }),
      };
    },
    // `vot` rides with the openid scope so every ID token carries it, as NHS login's do.
    claims: { openid: ['sub', 'vot'], email: ['email', 'email_verified'], acr: null, auth_time: null, iss: null, sid: null },
    // With conformIdTokenClaims on (the default), an ID token holds only the openid scope's claims when
    // an access token is issued too, and everything else goes to UserInfo. Off, the ID token holds every
    // granted scope's claims.
    conformIdTokenClaims: (options.emailClaims ?? 'id-token') === 'userinfo',
    // Accepted (and ignored) so NHS login's identity level request is not an unknown parameter.
    extraParams: ['vtr'],
    pkce: { required: () => true },
    // Called only after the assertion's signature, issuer, audience and expiry have passed.
    assertJwtClientAuthClaimsAndHeader(_ctx, claims, header, client) {
      const aud = claims.aud;
      lastClientAssertion = {
        clientId: client.clientId,
        alg: String(header.alg),
        kid: typeof header.kid === 'string' ? header.kid : null,
        aud: Array.isArray(aud) ? aud.map(String) : String(aud),
      };
    },
    // Set explicitly so oidc-provider does not print a notice for each default it uses.
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 3600, IdToken: 600, Interaction: 600, Session: 3600 },
    enabledJWA: {
      clientAuthSigningAlgValues: ['RS256', 'RS512', 'PS256', 'ES256'],
      idTokenSigningAlgValues: ['RS256', 'RS512'],
    },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
  };

  const provider = new Provider(issuer, configuration);

  // The development login page makes its answer the account id as typed. This takes over that one
  // form (consent is left to the development pages) so the account id, and so `sub`, is derived
  // from the login instead.
  provider.use(async (ctx, next) => {
    if (ctx.method !== 'POST' || !/^\/interaction\/[^/]+$/.test(ctx.path)) return next();
    const details = await provider.interactionDetails(ctx.req, ctx.res).catch(() => null);
    if (details?.prompt.name !== 'login') return next();
    const login = (await readForm(ctx.req)).get('login')?.trim() ?? '';
    if (login === '') {
      ctx.status = 400;
      ctx.body = 'Enter any login';
      return undefined;
    }
    const accountId = subjectForLogin(login);
    logins.set(accountId, login);
    const returnTo = await provider.interactionResult(ctx.req, ctx.res, { login: { accountId } }, { mergeWithLastSubmission: false });
    ctx.status = 303;
    ctx.redirect(returnTo);
    return undefined;
  });

  // The attack switch: after the token endpoint has answered, swap its ID token for a spoiled one.
  provider.use(async (ctx, next) => {
    await next();
    if (tamper === 'none' || ctx.method !== 'POST' || ctx.path !== '/token' || ctx.status !== 200) return;
    const body = ctx.body as { id_token?: unknown } | undefined;
    if (body && typeof body.id_token === 'string') body.id_token = await spoilIdToken(body.id_token, tamper);
  });

  /** Re-signs `idToken` spoiled as `mode` says: with the provider's own key unless the key is the point. */
  async function spoilIdToken(idToken: string, mode: Exclude<IdTokenTamper, 'none'>): Promise<string> {
    const header = decodeProtectedHeader(idToken);
    const payload = decodeJwt(idToken);
    const now = Math.floor(Date.now() / 1000);
    let signingJwk = providerKey.privateJwk;
    switch (mode) {
      case 'wrong-audience':
        payload.aud = otherClientId;
        payload.azp = otherClientId;
        break;
      case 'expired':
        payload.iat = now - 2 * 60 * 60;
        payload.exp = now - 60 * 60;
        break;
      case 'wrong-issuer':
        payload.iss = 'https://impostor.example';
        break;
      case 'wrong-key':
        // Same `kid` as the real key, so only the signature itself can give it away.
        signingJwk = rogueKey.privateJwk;
        break;
    }
    const alg = header.alg ?? 'RS512';
    return new SignJWT(payload).setProtectedHeader({ ...header, alg }).sign(await importJWK(signingJwk, alg));
  }

  const server = http.createServer(provider.callback());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  if (bound !== port) throw new Error('the provider did not bind the chosen port');

  return {
    issuer,
    clientId,
    clientPrivateKeyPem,
    clientKeyId,
    clientSigningAlgorithm: 'RS512',
    providerKeyId,
    lastClientAssertion: () => lastClientAssertion,
    setIdTokenTamper(mode) {
      tamper = mode;
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/**
 * Signs in at the provider's development pages in a browser: `page` must be showing its login form
 * (the portal has sent the person there). Fills the login, submits, confirms consent when asked, and
 * returns once the provider has sent the browser back to the client.
 */
export async function signInAtProvider(page: Page, login: string): Promise<void> {
  const providerOrigin = new URL(page.url()).origin;
  const leftProvider = page.waitForURL((url) => url.origin !== providerOrigin);
  // Awaited at the end; until then a failure elsewhere must not leave it rejecting unheard.
  leftProvider.catch(() => undefined);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password will do');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  // Consent is asked the first time a person meets a client, and not again while its grant lasts.
  const consent = page.locator('form:has(input[name="prompt"][value="consent"]) button[type="submit"]');
  const next = await Promise.race([leftProvider.then(() => 'left' as const), consent.waitFor().then(() => 'consent' as const, () => 'left' as const)]);
  if (next === 'consent') await consent.click();
  await leftProvider;
}

/** Cookies by name, for {@link signInWithoutBrowser}: paths are ignored, as one flow at a time is followed. */
class CookieJar {
  readonly #cookies = new Map<string, string>();

  /** Keeps the cookies `response` sets and forgets the ones it clears. */
  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      const expired = attributes.some((attribute) => /^\s*expires=.*1970/i.test(attribute) || /^\s*max-age=0\b/i.test(attribute));
      if (expired || value === '') this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }

  /** The Cookie header to send. */
  header(): Record<string, string> {
    return this.#cookies.size === 0 ? {} : { cookie: [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ') };
  }
}

/**
 * Signs in at the provider with plain fetch, without a browser: follows `authorizationUrl` through
 * the development login and consent pages (or refuses at the first page when `deny` is set) and
 * returns the URL the provider sends the person back to, with its `code` (or `error`) and `state`.
 */
export async function signInWithoutBrowser(authorizationUrl: string, login: string, options: { deny?: boolean } = {}): Promise<URL> {
  const jar = new CookieJar();
  let url = new URL(authorizationUrl);
  const providerOrigin = url.origin;
  for (let step = 0; step < 20; step += 1) {
    const response = await fetch(url, { redirect: 'manual', headers: jar.header() });
    jar.store(response);
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      const location = new URL(response.headers.get('location') ?? '', url);
      if (location.origin !== providerOrigin) return location;
      url = location;
      continue;
    }
    const html = await response.text();
    const prompt = /name="prompt" value="(login|consent)"/.exec(html)?.[1];
    if (response.status !== 200 || !prompt) throw new Error(`The test provider answered ${response.status} without a login or consent form`);
    if (options.deny) {
      url = new URL(`${url.pathname}/abort`, url);
      continue;
    }
    const form = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any password will do' } : { prompt });
    const submitted = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: { ...jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    jar.store(submitted);
    await submitted.body?.cancel();
    const location = submitted.headers.get('location');
    if (submitted.status !== 303 || !location) throw new Error(`The test provider refused the ${prompt} form (${submitted.status})`);
    url = new URL(location, url);
  }
  throw new Error('The test provider never sent the person back');
}
