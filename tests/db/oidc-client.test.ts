/**
 * src/auth/oidc.ts against a real OpenID Connect provider (oidc-provider, tests/e2e/oidc-provider.ts),
 * without a browser: the provider's development login is driven with plain fetch. A good sign-in, and
 * every way an attacker or a broken provider can spoil one. No database is used; this lives with the
 * database tests for their longer timeouts.
 */
import { randomBytes } from 'node:crypto';
import { exportPKCS8, generateKeyPair } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createOidcClient, finishSignIn, startSignIn, type OidcClient, type OidcSettings, OidcProviderUnavailableError } from '../../src/auth/oidc.ts';
import { ConfigurationError } from '../../src/errors.ts';
import { findFreePort } from '../../scripts/free-port.ts';
import { otherClientId, signInWithoutBrowser, startOidcProvider, subjectForLogin, type TestOidcProvider } from '../e2e/oidc-provider.ts';

const redirectUri = 'http://127.0.0.1:4399/sign-in/nhs-login/callback';
const random = (length: number) => new Uint8Array(randomBytes(length));

/** The portal's settings for `provider`, with any changes. */
function settingsFor(provider: TestOidcProvider, changes: Partial<OidcSettings> = {}): OidcSettings {
  return {
    issuer: provider.issuer,
    clientId: provider.clientId,
    privateKeyPem: provider.clientPrivateKeyPem,
    keyId: provider.clientKeyId,
    signingAlgorithm: provider.clientSigningAlgorithm,
    scopes: ['openid', 'email'],
    redirectUri,
    minimumLevel: 'P5',
    providerName: 'Test login',
    ...changes,
  };
}

/** Starts a sign-in and signs in at the provider as `login`: the callback URL and what was kept. */
async function signIn(oidc: OidcClient, login: string, options: { deny?: boolean } = {}) {
  const start = await startSignIn(oidc, random);
  const callbackUrl = await signInWithoutBrowser(start.url, login, options);
  return { start, callbackUrl };
}

describe('OpenID Connect sign-in against a real provider', () => {
  let provider: TestOidcProvider;
  let oidc: OidcClient;

  beforeAll(async () => {
    provider = await startOidcProvider({ redirectUris: [redirectUri] });
    oidc = await createOidcClient(settingsFor(provider), { allowInsecureHttpForLocalhost: true });
  });
  afterAll(async () => {
    await provider.stop();
  });
  beforeEach(() => {
    provider.setIdTokenTamper('none');
  });

  test('the authorisation request carries PKCE S256, state, nonce, the scopes and NHS login\'s vtr', async () => {
    const start = await startSignIn(oidc, random, { prompt: 'login' });
    const url = new URL(start.url);
    expect(url.origin).toBe(provider.issuer);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: provider.clientId,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'openid email',
      state: start.state,
      nonce: start.nonce,
      code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      code_challenge_method: 'S256',
      vtr: '["P5.Cp.Cd","P5.Cp.Ck","P5.Cm","P9.Cp.Cd","P9.Cp.Ck","P9.Cm"]',
      prompt: 'login',
    });
    expect(start.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Set([start.state, start.nonce, start.codeVerifier]).size).toBe(3);
  });

  test('a good sign-in gives the issuer, the subject, the address, the identity level and the scopes', async () => {
    const { start, callbackUrl } = await signIn(oidc, 'p9-parent');
    expect(callbackUrl.searchParams.get('iss')).toBe(provider.issuer);
    const result = await finishSignIn(oidc, callbackUrl, start);
    expect(result).toEqual({
      ok: true,
      issuer: provider.issuer,
      subject: subjectForLogin('p9-parent'),
      email: 'p9-parent@example.com',
      emailVerified: true,
      scopes: ['openid', 'email'],
      identityLevel: 'P9',
      meetsMinimumLevel: true,
      vot: 'P9.Cp.Cd',
      acr: null,
    });
    // The client authenticated with private_key_jwt: RS512, its registered key id, the issuer as audience.
    expect(provider.lastClientAssertion()).toEqual({ clientId: provider.clientId, alg: 'RS512', kid: provider.clientKeyId, aud: provider.issuer });
  });

  test('a level below the minimum is reported, not hidden', async () => {
    const { start, callbackUrl } = await signIn(oidc, 'p0-visitor');
    const result = await finishSignIn(oidc, callbackUrl, start);
    expect(result).toMatchObject({ ok: true, identityLevel: 'P0', vot: 'P0.Cp', meetsMinimumLevel: false });
  });

  test('a forged state is refused before the code is spent, and the code still works for the real attempt', async () => {
    const { start, callbackUrl } = await signIn(oidc, 'p5-forged');
    const forged = new URL(callbackUrl);
    forged.searchParams.set('state', 'attacker-chosen-state');
    expect(await finishSignIn(oidc, forged, start)).toEqual({ ok: false, reason: 'state-mismatch', detail: 'callback:state-mismatch' });
    const missing = new URL(callbackUrl);
    missing.searchParams.delete('state');
    expect(await finishSignIn(oidc, missing, start)).toEqual({ ok: false, reason: 'state-mismatch', detail: 'callback:state-missing' });
    const doubled = new URL(callbackUrl);
    doubled.searchParams.append('state', start.state);
    expect(await finishSignIn(oidc, doubled, start)).toMatchObject({ ok: false, reason: 'state-mismatch' });
    expect(await finishSignIn(oidc, callbackUrl, start)).toMatchObject({ ok: true, subject: subjectForLogin('p5-forged') });
  });

  test('a replayed code is refused: the second exchange of the same code fails', async () => {
    const { start, callbackUrl } = await signIn(oidc, 'p9-replay');
    expect(await finishSignIn(oidc, callbackUrl, start)).toMatchObject({ ok: true });
    expect(await finishSignIn(oidc, callbackUrl, start)).toEqual({ ok: false, reason: 'code-rejected', detail: 'token:invalid_grant' });
  });

  test('a code exchanged with the wrong PKCE verifier is refused', async () => {
    const { start, callbackUrl } = await signIn(oidc, 'p9-pkce');
    const result = await finishSignIn(oidc, callbackUrl, { ...start, codeVerifier: 'x'.repeat(43) });
    expect(result).toEqual({ ok: false, reason: 'code-rejected', detail: 'token:invalid_grant' });
  });

  test('an ID token whose nonce is not the one sent is refused', async () => {
    const { start, callbackUrl } = await signIn(oidc, 'p9-nonce');
    const result = await finishSignIn(oidc, callbackUrl, { ...start, nonce: 'another-attempts-nonce' });
    expect(result).toEqual({ ok: false, reason: 'token-rejected', detail: 'token:id-token-claim-nonce' });
  });

  test('a person who refuses at the provider comes back with a provider error', async () => {
    const { start, callbackUrl } = await signIn(oidc, 'p9-refuser', { deny: true });
    expect(callbackUrl.searchParams.get('error')).toBe('access_denied');
    expect(await finishSignIn(oidc, callbackUrl, start)).toEqual({ ok: false, reason: 'provider-error', detail: 'callback:access_denied' });
  });

  test('a callback naming another issuer (a mix-up) is refused', async () => {
    const { start, callbackUrl } = await signIn(oidc, 'p9-mixup');
    const mixedUp = new URL(callbackUrl);
    mixedUp.searchParams.set('iss', 'https://impostor.example');
    expect(await finishSignIn(oidc, mixedUp, start)).toEqual({ ok: false, reason: 'state-mismatch', detail: 'callback:iss-mismatch' });
  });

  test.each([
    ['wrong-audience', 'token:id-token-claim-aud'],
    ['expired', 'token:id-token-time-exp'],
    ['wrong-issuer', 'token:id-token-claim-iss'],
    ['wrong-key', 'token:id-token-signature'],
  ] as const)('an ID token spoiled as %s is refused (%s)', async (mode, detail) => {
    const { start, callbackUrl } = await signIn(oidc, `p9-${mode}`);
    provider.setIdTokenTamper(mode);
    const result = await finishSignIn(oidc, callbackUrl, start);
    expect(result).toEqual({ ok: false, reason: 'token-rejected', detail });
  });

  test('the same tampering machinery leaves a good token alone when switched off', async () => {
    provider.setIdTokenTamper('wrong-key');
    provider.setIdTokenTamper('none');
    const { start, callbackUrl } = await signIn(oidc, 'p5-untouched');
    expect(await finishSignIn(oidc, callbackUrl, start)).toMatchObject({ ok: true, identityLevel: 'P5' });
  });

  test('a code issued to another client is refused when this client presents it', async () => {
    const other = await createOidcClient(settingsFor(provider, { clientId: otherClientId }), { allowInsecureHttpForLocalhost: true });
    const { start, callbackUrl } = await signIn(other, 'p9-other');
    expect(await finishSignIn(oidc, callbackUrl, start)).toEqual({ ok: false, reason: 'code-rejected', detail: 'token:invalid_grant' });
  });

  test('the client assertion may name the token endpoint as its audience', async () => {
    const tokenEndpointAudience = await createOidcClient(settingsFor(provider, { clientAssertionAudience: 'token-endpoint' }), { allowInsecureHttpForLocalhost: true });
    const { start, callbackUrl } = await signIn(tokenEndpointAudience, 'p9-audience');
    expect(await finishSignIn(tokenEndpointAudience, callbackUrl, start)).toMatchObject({ ok: true });
    expect(provider.lastClientAssertion()).toMatchObject({ alg: 'RS512', aud: `${provider.issuer}/token` });
  });

  test('a client signing with a key the provider does not hold is refused at the token endpoint', async () => {
    const other = await startOidcProvider({ redirectUris: [redirectUri] });
    try {
      const stranger = await createOidcClient(settingsFor(provider, { privateKeyPem: other.clientPrivateKeyPem }), { allowInsecureHttpForLocalhost: true });
      const { start, callbackUrl } = await signIn(stranger, 'p9-stranger');
      expect(await finishSignIn(stranger, callbackUrl, start)).toEqual({ ok: false, reason: 'code-rejected', detail: 'token:invalid_client' });
    } finally {
      await other.stop();
    }
  });
});

describe('a provider that gives the address only through UserInfo, as NHS login does', () => {
  test('the address is fetched from UserInfo, and a provider gone quiet is reported unavailable', async () => {
    const provider = await startOidcProvider({ redirectUris: [redirectUri], emailClaims: 'userinfo' });
    try {
      const oidc = await createOidcClient(settingsFor(provider, { minimumLevel: null }), { allowInsecureHttpForLocalhost: true });
      const first = await signIn(oidc, 'p5-userinfo');
      expect(await finishSignIn(oidc, first.callbackUrl, first.start)).toEqual({
        ok: true,
        issuer: provider.issuer,
        subject: subjectForLogin('p5-userinfo'),
        email: 'p5-userinfo@example.com',
        emailVerified: true,
        scopes: ['openid', 'email'],
        identityLevel: 'P5',
        meetsMinimumLevel: true,
        vot: 'P5.Cp.Cd',
        acr: null,
      });
      expect(new URL(first.start.url).searchParams.has('vtr')).toBe(false);

      const second = await signIn(oidc, 'p5-userinfo');
      await provider.stop();
      expect(await finishSignIn(oidc, second.callbackUrl, second.start)).toEqual({ ok: false, reason: 'unavailable', detail: 'token:network' });
    } finally {
      await provider.stop().catch(() => undefined);
    }
  });
});

describe('creating a client', () => {
  test('a provider that is not there is reported unavailable', async () => {
    const port = await findFreePort();
    const attempt = createOidcClient(
      { issuer: `http://127.0.0.1:${port}`, clientId: 'x', privateKeyPem: await rs512Pem(), signingAlgorithm: 'RS512', scopes: ['openid'], redirectUri, minimumLevel: null, providerName: 'Test login' },
      { allowInsecureHttpForLocalhost: true },
    );
    await expect(attempt).rejects.toBeInstanceOf(OidcProviderUnavailableError);
    await expect(attempt).rejects.toMatchObject({ code: 'oidc-provider-unavailable', detail: 'discovery:network' });
  });

  test('bad settings are refused all at once, and plain http only for this machine when allowed', async () => {
    const pem = await rs512Pem();
    const base: OidcSettings = { issuer: 'http://login.example', clientId: 'x', privateKeyPem: pem, signingAlgorithm: 'RS512', scopes: ['openid'], redirectUri, minimumLevel: null, providerName: 'Test login' };
    await expect(createOidcClient(base, { allowInsecureHttpForLocalhost: true })).rejects.toThrow(/must use https/);
    await expect(createOidcClient({ ...base, issuer: 'http://127.0.0.1:9' })).rejects.toThrow(/must use https/);
    const error = await createOidcClient({ ...base, issuer: 'https://login.example', scopes: ['email'], redirectUri: `${redirectUri}?x=1`, signingAlgorithm: 'HS256', privateKeyPem: 'nope' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(String((error as Error).message)).toMatch(/4 problems/);
    await expect(createOidcClient({ ...base, issuer: 'https://login.example', signingAlgorithm: 'ES256' })).rejects.toThrow(/not a PKCS#8 PEM key usable with ES256/);
  });
});

/** A real RS512 PKCS#8 PEM key, for settings that never reach a provider. */
async function rs512Pem(): Promise<string> {
  const { privateKey } = await generateKeyPair('RS512', { extractable: true });
  return exportPKCS8(privateKey);
}
