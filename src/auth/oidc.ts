/**
 * Signing in with an OpenID Connect provider (NHS login or any other): the authorisation code flow
 * with PKCE (S256), `state` and `nonce`, and `private_key_jwt` client authentication (NHS login
 * requires it; RS512 by default). openid-client does the protocol work and every check of the
 * ID token (signature, issuer, audience, expiry, nonce); this module only configures it, builds the
 * request and turns its answers and errors into plain values the pages can act on.
 *
 * Nothing here reads the environment or imports a framework: the settings come in as an argument
 * (site/config.ts reads them), and the caller stores `state`, `nonce` and `codeVerifier` between
 * the two halves of the flow. Failure details are short codes, safe to log: never a token, an
 * email address or a message from the provider.
 */
import { encodeBase64urlNoPadding } from '@oslojs/encoding';
import { importPKCS8 } from 'jose';
import * as client from 'openid-client';
import { ChildHealthError, ConfigurationError } from '../errors.ts';

/** NHS login's levels of identity verification, lowest first: P0 (none), P5 (basic), P9 (high). */
export const identityLevels = ['P0', 'P5', 'P9'] as const;

/** One of NHS login's levels of identity verification. */
export type IdentityLevel = (typeof identityLevels)[number];

/** The client assertion's algorithm when the settings name none: NHS login requires RS512. */
export const defaultClientSigningAlgorithm = 'RS512';

/** The algorithms the client assertion may be signed with (what jose and WebCrypto can import for signing). */
export const clientSigningAlgorithms = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'] as const;

/** Everything needed to talk to one provider. */
export interface OidcSettings {
  /** The provider's issuer identifier, e.g. https://auth.login.nhs.uk; discovery starts from here. */
  readonly issuer: string;
  readonly clientId: string;
  /** The client's private key as PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----"), for `private_key_jwt`. */
  readonly privateKeyPem: string;
  /** The `kid` of the public key the provider holds for this client, sent in the assertion's header. */
  readonly keyId?: string;
  /** The client assertion's algorithm, one of {@link clientSigningAlgorithms}; default RS512, as NHS login expects. */
  readonly signingAlgorithm?: string;
  /** Must include 'openid'. */
  readonly scopes: readonly string[];
  /** Exactly as registered with the provider: no query string or fragment. */
  readonly redirectUri: string;
  /** The lowest identity level to ask for (sent as NHS login's `vtr`), or null to ask for none. */
  readonly minimumLevel: IdentityLevel | null;
  /** What to call the provider on pages ("NHS login"). */
  readonly providerName: string;
  /**
   * The `aud` of the client assertion: the issuer identifier (the default: what openid-client sends,
   * and what the draft update to RFC 7523 asks for) or the token endpoint URL, which some providers
   * ask for instead: check the provider's documentation. oidc-provider accepts either.
   */
  readonly clientAssertionAudience?: 'issuer' | 'token-endpoint';
}

/** A provider after discovery, ready to start and finish sign-ins. Create one per provider and keep it. */
export interface OidcClient {
  readonly providerName: string;
  /** The issuer identifier the discovery document confirmed. */
  readonly issuer: string;
  readonly redirectUri: string;
  readonly scopes: readonly string[];
  readonly minimumLevel: IdentityLevel | null;
  /** openid-client's configuration: the discovered metadata, the client authentication and its JWKS cache. */
  readonly configuration: client.Configuration;
}

/** Options for {@link createOidcClient}. */
export interface OidcClientOptions {
  /**
   * Allows a plain-http issuer when (and only when) its host is 127.0.0.1, ::1 or localhost: for the
   * test provider. Any other http issuer is refused whatever this says.
   */
  readonly allowInsecureHttpForLocalhost?: boolean;
  /** How long each request to the provider may take, in seconds (default 10). */
  readonly timeoutSeconds?: number;
}

/** The provider could not be reached, or its discovery document was unusable. */
export class OidcProviderUnavailableError extends ChildHealthError {
  /** A short code saying what failed, safe to log (e.g. 'discovery:network'). */
  readonly detail: string;

  /** `detail` is a short code safe to log; `cause` keeps openid-client's error for the operator. */
  constructor(providerName: string, detail: string, options?: { cause?: unknown }) {
    super('oidc-provider-unavailable', `${providerName} could not be reached (${detail}). Try again later.`, options);
    this.detail = detail;
  }
}

const localHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Checks the settings, imports the private key and fetches the provider's discovery document, once.
 * Throws a ConfigurationError for bad settings and an OidcProviderUnavailableError when discovery fails
 * (the caller may try again later). The result holds openid-client's Configuration with ID token
 * signature checks turned on: openid-client v6 skips them for tokens from the token endpoint otherwise.
 */
export async function createOidcClient(settings: OidcSettings, options: OidcClientOptions = {}): Promise<OidcClient> {
  const issuerUrl = checkSettings(settings, options);
  const algorithm = settings.signingAlgorithm ?? defaultClientSigningAlgorithm;
  let key: CryptoKey;
  try {
    key = await importPKCS8(settings.privateKeyPem, algorithm);
  } catch (error) {
    // The error's name only: jose's messages are safe, but a key's contents must never reach a log.
    throw new ConfigurationError([`The ${settings.providerName} private key is not a PKCS#8 PEM key usable with ${algorithm} (${error instanceof Error ? error.name : 'unknown error'}).`]);
  }

  // The token endpoint, for the assertion's audience, is known only once discovery is done.
  const discovered: { tokenEndpoint?: string } = {};
  const modifyAssertion: client.ModifyAssertionFunction = (_header, payload) => {
    if (settings.clientAssertionAudience === 'token-endpoint' && discovered.tokenEndpoint) payload.aud = discovered.tokenEndpoint;
  };
  const authentication = client.PrivateKeyJwt(settings.keyId ? { key, kid: settings.keyId } : key, { [client.modifyAssertion]: modifyAssertion });

  const execute: Array<(configuration: client.Configuration) => void> = [client.enableNonRepudiationChecks];
  // allowInsecureRequests is marked deprecated only to make it stand out; checkSettings allows it for local hosts alone.
  if (issuerUrl.protocol === 'http:') execute.push(client.allowInsecureRequests);

  let configuration: client.Configuration;
  try {
    configuration = await client.discovery(issuerUrl, settings.clientId, undefined, authentication, {
      execute,
      timeout: options.timeoutSeconds ?? 10,
    });
  } catch (error) {
    throw new OidcProviderUnavailableError(settings.providerName, classifyFailure(error, 'discovery')?.detail ?? 'discovery:failed', { cause: error });
  }
  const metadata = configuration.serverMetadata();
  if (!metadata.authorization_endpoint || !metadata.token_endpoint || !metadata.jwks_uri) {
    throw new OidcProviderUnavailableError(settings.providerName, 'discovery:incomplete-metadata');
  }
  discovered.tokenEndpoint = metadata.token_endpoint;
  return {
    providerName: settings.providerName,
    issuer: metadata.issuer,
    redirectUri: settings.redirectUri,
    scopes: [...settings.scopes],
    minimumLevel: settings.minimumLevel,
    configuration,
  };
}

/** Every problem with the settings at once, as the rest of the configuration does it; returns the issuer URL. */
function checkSettings(settings: OidcSettings, options: OidcClientOptions): URL {
  const problems: string[] = [];
  const name = settings.providerName || 'The OpenID Connect provider';
  const issuer = URL.canParse(settings.issuer) ? new URL(settings.issuer) : null;
  if (!issuer) problems.push(`${name}'s issuer is not a URL.`);
  else if (issuer.protocol === 'http:') {
    if (!options.allowInsecureHttpForLocalhost || !localHosts.has(issuer.hostname)) {
      problems.push(`${name}'s issuer must use https (plain http is allowed only for a test provider on this machine).`);
    }
  } else if (issuer.protocol !== 'https:') problems.push(`${name}'s issuer must use https.`);
  if (!settings.clientId) problems.push(`${name}'s client id is missing.`);
  if (!settings.privateKeyPem.includes('-----BEGIN PRIVATE KEY-----')) {
    problems.push(`${name}'s private key must be a PKCS#8 PEM ("BEGIN PRIVATE KEY"); convert an "RSA PRIVATE KEY" with: openssl pkcs8 -topk8 -nocrypt`);
  }
  if (!(clientSigningAlgorithms as readonly string[]).includes(settings.signingAlgorithm ?? defaultClientSigningAlgorithm)) {
    problems.push(`${name}'s signing algorithm must be one of ${clientSigningAlgorithms.join(', ')}.`);
  }
  if (!settings.scopes.includes('openid')) problems.push(`${name}'s scopes must include "openid".`);
  if (settings.scopes.some((scope) => !/^[\x21\x23-\x5b\x5d-\x7e]+$/.test(scope))) problems.push(`${name}'s scopes must be single words.`);
  const redirect = URL.canParse(settings.redirectUri) ? new URL(settings.redirectUri) : null;
  if (!redirect) problems.push(`${name}'s redirect URI is not a URL.`);
  else if (redirect.search || redirect.hash) problems.push(`${name}'s redirect URI must not have a query string or fragment.`);
  if (settings.minimumLevel !== null && !identityLevels.includes(settings.minimumLevel)) problems.push(`${name}'s minimum level must be P0, P5 or P9.`);
  if (problems.length > 0 || !issuer) throw new ConfigurationError(problems);
  return issuer;
}

/** What to keep (server-side, for one use) between sending the person to the provider and their return. */
export interface SignInStart {
  /** Where to send the person. */
  readonly url: string;
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
}

/** Options for {@link startSignIn}. */
export interface StartSignInOptions {
  /** 'login' makes the provider ask again even if the person is already signed in there. */
  readonly prompt?: 'login' | 'consent' | 'select_account' | 'none';
}

/**
 * Builds the authorisation request: PKCE S256, a fresh `state` and `nonce` (32 random bytes each),
 * the scopes and, when a minimum level is set, NHS login's `vtr`.
 */
export async function startSignIn(
  oidc: OidcClient,
  randomBytes: (length: number) => Uint8Array,
  options: StartSignInOptions = {},
): Promise<SignInStart> {
  const state = encodeBase64urlNoPadding(randomBytes(32));
  const nonce = encodeBase64urlNoPadding(randomBytes(32));
  // 32 bytes give a 43-character verifier, the shortest RFC 7636 allows and as strong as it needs.
  const codeVerifier = encodeBase64urlNoPadding(randomBytes(32));
  const parameters: Record<string, string> = {
    redirect_uri: oidc.redirectUri,
    response_type: 'code',
    scope: oidc.scopes.join(' '),
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
  };
  if (oidc.minimumLevel !== null) parameters.vtr = vectorsOfTrustFor(oidc.minimumLevel);
  if (options.prompt) parameters.prompt = options.prompt;
  return { url: client.buildAuthorizationUrl(oidc.configuration, parameters).href, state, nonce, codeVerifier };
}

/** The values kept from {@link startSignIn}, to check the provider's answer against. */
export interface SignInExpectation {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
}

/** Why a sign-in did not complete. */
export type SignInFailureReason = 'state-mismatch' | 'provider-error' | 'token-rejected' | 'code-rejected' | 'unavailable';

/** The outcome of the return from the provider. */
export type SignInResult =
  | {
      readonly ok: true;
      /** The issuer identifier, as verified in the ID token. Identities are keyed by issuer and subject. */
      readonly issuer: string;
      readonly subject: string;
      readonly email: string | null;
      /** True only when the provider said so explicitly. */
      readonly emailVerified: boolean;
      /** The scopes granted (the token response's `scope`, or those asked for when it says nothing). */
      readonly scopes: readonly string[];
      /** 'P0', 'P5' or 'P9', from `vot` or, when there is no `vot`, a P-style `acr`; null when neither says. */
      readonly identityLevel: IdentityLevel | null;
      /** Whether `identityLevel` reaches the client's `minimumLevel` (always true when there is none). */
      readonly meetsMinimumLevel: boolean;
      readonly vot: string | null;
      readonly acr: string | null;
    }
  | { readonly ok: false; readonly reason: SignInFailureReason; readonly detail: string };

/**
 * Handles the person's return to the redirect URI: checks `state`, exchanges the code (with the PKCE
 * verifier and a signed client assertion) and lets openid-client verify the ID token's signature,
 * issuer, audience, expiry and nonce. When the ID token carries no email address but the `email`
 * scope was granted (NHS login puts it only in UserInfo), UserInfo is asked, and openid-client checks
 * its `sub` matches. Expected failures come back as values; only programming faults throw.
 *
 * Only the query string of `callbackUrl` is used: the redirect URI sent to the token endpoint is
 * always the configured one, so a proxy that changes the scheme or host cannot make them differ.
 */
export async function finishSignIn(oidc: OidcClient, callbackUrl: URL, expected: SignInExpectation): Promise<SignInResult> {
  // Checked here first (openid-client checks again) so a forged or stale callback is named as such
  // and never spends the code, and an `error` answer is believed only for the attempt it belongs to.
  const states = callbackUrl.searchParams.getAll('state');
  if (states.length !== 1 || states[0] !== expected.state || expected.state === '') {
    return { ok: false, reason: 'state-mismatch', detail: states.length === 0 ? 'callback:state-missing' : 'callback:state-mismatch' };
  }
  const currentUrl = new URL(oidc.redirectUri);
  currentUrl.search = callbackUrl.search;

  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(oidc.configuration, currentUrl, {
      expectedState: expected.state,
      expectedNonce: expected.nonce,
      pkceCodeVerifier: expected.codeVerifier,
      idTokenExpected: true,
    });
  } catch (error) {
    return failure(error, 'token');
  }
  const claims = tokens.claims();
  if (!claims) return { ok: false, reason: 'token-rejected', detail: 'token:id-token-missing' };

  const scopes = typeof tokens.scope === 'string' ? tokens.scope.split(' ').filter(Boolean) : [...oidc.scopes];
  let emailSource: Record<string, unknown> = claims;
  if (claims.email === undefined && scopes.includes('email') && oidc.configuration.serverMetadata().userinfo_endpoint) {
    try {
      emailSource = await client.fetchUserInfo(oidc.configuration, tokens.access_token, claims.sub);
    } catch (error) {
      return failure(error, 'userinfo');
    }
  }

  const vot = typeof claims.vot === 'string' ? claims.vot : null;
  const acr = typeof claims.acr === 'string' ? claims.acr : null;
  // A `vot` that is present decides on its own: a provider's `acr` never lifts a level `vot` did not give.
  const identityLevel = claims.vot !== undefined ? parseIdentityLevel(claims.vot) : parseIdentityLevel(claims.acr);
  return {
    ok: true,
    issuer: claims.iss,
    subject: claims.sub,
    email: typeof emailSource.email === 'string' && emailSource.email !== '' ? emailSource.email : null,
    emailVerified: emailSource.email_verified === true,
    scopes,
    identityLevel,
    meetsMinimumLevel: meetsMinimumLevel(identityLevel, oidc.minimumLevel),
    vot,
    acr,
  };
}

/** A failure value for `error`, or the error itself thrown again when it is a programming fault. */
function failure(error: unknown, stage: 'token' | 'userinfo'): SignInResult {
  const classified = classifyFailure(error, stage);
  if (!classified) throw error;
  return { ok: false, ...classified };
}

/** Where in the flow an error happened, for the detail code. */
type Stage = 'discovery' | 'token' | 'userinfo';

/**
 * Sorts an openid-client error into a reason and a short detail code. Only fixed words, error codes
 * defined by OAuth and claim names are used, never a library or provider message (those can quote
 * values). Returns null for errors that are not about the exchange (bad arguments, bugs).
 */
function classifyFailure(error: unknown, stage: Stage): { reason: SignInFailureReason; detail: string } | null {
  if (error instanceof client.AuthorizationResponseError) {
    return { reason: 'provider-error', detail: `callback:${safeCode(error.error)}` };
  }
  if (error instanceof client.ResponseBodyError) {
    if (error.status >= 500) return { reason: 'unavailable', detail: `${stage}:status-${error.status}` };
    return { reason: stage === 'token' ? 'code-rejected' : 'token-rejected', detail: `${stage}:${safeCode(error.error)}` };
  }
  if (error instanceof client.WWWAuthenticateChallengeError) {
    return { reason: stage === 'token' ? 'code-rejected' : 'token-rejected', detail: `${stage}:challenge-${error.status}` };
  }
  if (error instanceof client.ClientError) return classifyClientError(error, stage);
  // fetch() rejects with a plain TypeError when the connection fails; openid-client's own argument
  // errors are TypeErrors too, but carry an ERR_INVALID_ARG_* code and are programming faults.
  if (error instanceof TypeError && typeof (error as { code?: unknown }).code !== 'string') {
    return { reason: 'unavailable', detail: `${stage}:network` };
  }
  return null;
}

function classifyClientError(error: client.ClientError, stage: Stage): { reason: SignInFailureReason; detail: string } | null {
  const inner = error.cause instanceof Error ? error.cause : undefined;
  const claim = safeCode((inner?.cause as { claim?: unknown } | undefined)?.claim);
  const innerMessage = inner?.message ?? '';
  switch (error.code) {
    case 'OAUTH_JWT_CLAIM_COMPARISON_FAILED':
      return { reason: 'token-rejected', detail: `${stage}:id-token-claim-${claim}` };
    case 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED':
      return { reason: 'token-rejected', detail: `${stage}:id-token-time-${claim}` };
    case 'OAUTH_KEY_SELECTION_FAILED':
      return { reason: 'token-rejected', detail: `${stage}:id-token-key-unknown` };
    case 'OAUTH_INVALID_RESPONSE':
      if (innerMessage.includes('signature verification failed')) return { reason: 'token-rejected', detail: `${stage}:id-token-signature` };
      if (innerMessage.includes('"alg"')) return { reason: 'token-rejected', detail: `${stage}:id-token-alg` };
      // RFC 9207: the callback's `iss` names a different provider, a mix-up attack or a stale tab.
      if (innerMessage.includes('"iss" (issuer) response parameter')) return { reason: 'state-mismatch', detail: 'callback:iss-mismatch' };
      return { reason: stage === 'discovery' ? 'unavailable' : 'token-rejected', detail: `${stage}:invalid-response` };
    case 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED':
      return { reason: stage === 'discovery' ? 'unavailable' : 'token-rejected', detail: `${stage}:attribute-mismatch` };
    case 'OAUTH_PARSE_ERROR':
      return { reason: stage === 'discovery' ? 'unavailable' : 'token-rejected', detail: `${stage}:parse-error` };
    case 'OAUTH_UNSUPPORTED_OPERATION':
      return { reason: 'token-rejected', detail: `${stage}:unsupported` };
    case 'OAUTH_RESPONSE_IS_NOT_CONFORM':
      return { reason: 'unavailable', detail: `${stage}:unexpected-status` };
    case 'OAUTH_RESPONSE_IS_NOT_JSON':
      return { reason: 'unavailable', detail: `${stage}:not-json` };
    case 'OAUTH_TIMEOUT':
    case 'OAUTH_ABORT':
      return { reason: 'unavailable', detail: `${stage}:timeout` };
    case 'OAUTH_HTTP_REQUEST_FORBIDDEN':
    case 'OAUTH_REQUEST_PROTOCOL_FORBIDDEN':
      return { reason: 'unavailable', detail: `${stage}:insecure-endpoint` };
    default:
      return typeof error.code === 'string' ? { reason: 'token-rejected', detail: `${stage}:${safeCode(error.code.toLowerCase())}` } : null;
  }
}

/** An OAuth error code or claim name, if it looks like one; anything else becomes 'other'. */
function safeCode(value: unknown): string {
  return typeof value === 'string' && /^[a-z0-9_.-]{1,40}$/i.test(value) ? value : 'other';
}

/**
 * The identity level in a `vot` such as 'P9.Cp.Cd' (or a bare 'P9'): the first component, when it is
 * exactly P0, P5 or P9 and every other component is a plain word. Anything else is null, never a guess.
 */
export function parseIdentityLevel(value: unknown): IdentityLevel | null {
  if (typeof value !== 'string' || value.length > 64) return null;
  const [level, ...rest] = value.split('.');
  if (!identityLevels.includes(level as IdentityLevel)) return null;
  if (rest.some((component) => !/^[A-Za-z0-9]+$/.test(component))) return null;
  return level as IdentityLevel;
}

/** Orders two levels: negative when `a` is lower than `b`, zero when equal, positive when higher. */
export function compareIdentityLevels(a: IdentityLevel, b: IdentityLevel): number {
  return identityLevels.indexOf(a) - identityLevels.indexOf(b);
}

/**
 * Whether `level` (a level or a whole `vot` such as 'P5.Cp.Cd') reaches `minimum`. No minimum is always
 * met; an unknown or missing level never meets one, not even P0.
 */
export function meetsMinimumLevel(level: string | null, minimum: IdentityLevel | null): boolean {
  if (minimum === null) return true;
  const parsed = parseIdentityLevel(level);
  return parsed !== null && compareIdentityLevels(parsed, minimum) >= 0;
}

/**
 * NHS login's `vtr` for "at least `minimum`": a JSON array of every vector at that level or above,
 * each with the three credential parts NHS login lists (Cp.Cd, Cp.Ck, Cm), e.g.
 * '["P9.Cp.Cd","P9.Cp.Ck","P9.Cm"]' for P9. A P0 minimum is sent too, so the provider's own
 * default (which may be higher) never decides.
 */
export function vectorsOfTrustFor(minimum: IdentityLevel): string {
  const levels = identityLevels.filter((level) => compareIdentityLevels(level, minimum) >= 0);
  return JSON.stringify(levels.flatMap((level) => [`${level}.Cp.Cd`, `${level}.Cp.Ck`, `${level}.Cm`]));
}

/**
 * True when a vector of trust says the person used a second factor at the provider: NHS login's
 * credential parts Cp.Cd (password and a code sent to a device), Cp.Ck (password and a key) or Cm
 * (a multi-factor credential). A plain Cp (password alone), or no `vot`, is not.
 */
export function vouchesForSecondFactor(vot: string | null): boolean {
  if (!vot) return false;
  const parts = vot.split('.');
  return parts.includes('Cm') || (parts.includes('Cp') && (parts.includes('Cd') || parts.includes('Ck')));
}
