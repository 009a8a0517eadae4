/**
 * Passkeys (WebAuthn), with @simplewebauthn/server: adding one to an account, signing in with one
 * and no password, and using one as the second step after a password. Only the public key is kept.
 *
 * Every challenge is stored when it is handed out and deleted the moment a response naming it comes
 * back (one `delete … returning`), so it works once, for 5 minutes, for the purpose and the account
 * it was made for. Built the way Lucia's "Passkeys" guide and the SimpleWebAuthn docs teach.
 */
import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from '@oslojs/encoding';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { and, asc, eq, lt } from 'drizzle-orm';
import type { PortalDatabase } from '../db/index.ts';
import { passkeys, webauthnChallenges } from '../db/schema.ts';
import { DatabaseError } from '../errors.ts';
import { readJsonBody as readBoundedJsonBody } from '../forms.ts';
import { deviceNameMaxLength } from './device.ts';
import { consumeRateLimit, rateLimitKey, type RateLimit } from './rate-limit.ts';
import { refreshTwoStep } from './two-step.ts';

/** How long a challenge can be answered. The browser is given the same time. */
export const challengeLifetimeMs = 5 * 60 * 1000;

/** What a challenge was handed out for. */
export type ChallengePurpose = 'register' | 'sign-in' | 'second-step';

/**
 * Limits per network address (high, because a hospital or library shares one): asking for a
 * password-less sign-in, and answering one. Every attempt counts, as with password sign-in.
 */
export const passkeyRateLimits = {
  signInOptionsPerAddress: { attempts: 300, windowMs: 15 * 60 * 1000 },
  signInPerAddress: { attempts: 300, windowMs: 15 * 60 * 1000 },
} as const satisfies Record<string, RateLimit>;

/** The site passkeys belong to: its host name (the WebAuthn "RP ID"), its origin and the name people see. */
export interface RelyingParty {
  readonly id: string;
  readonly origin: string;
  readonly name: string;
}

/** The relying party for a site served at `siteUrl`, such as https://example.nhs.uk */
export function siteUrlToRelyingParty(siteUrl: string, name: string): RelyingParty {
  const url = new URL(siteUrl);
  return { id: url.hostname, origin: url.origin, name };
}

/** Why a passkey was not accepted. */
export type PasskeyRefusal = 'unreadable' | 'challenge-unknown' | 'challenge-expired' | 'passkey-unknown' | 'not-verified' | 'already-added' | 'no-passkeys';

/** What a person is told for each refusal, in NHS style. */
export const passkeyRefusalMessages: Readonly<Record<PasskeyRefusal, string>> = {
  unreadable: 'We could not read the answer from your passkey. Try again, or sign in another way',
  'challenge-unknown': 'This passkey request has already been used or did not come from us. Try again',
  'challenge-expired': 'This passkey request has timed out. Try again',
  'passkey-unknown': 'We do not recognise this passkey. Try another passkey, or sign in another way',
  'not-verified': 'We could not check your passkey. Try again, or sign in another way',
  'already-added': 'This passkey has already been added',
  'no-passkeys': 'You have not added a passkey to your account. Use another way to confirm it is you',
};

/** A refusal with the message for the person. */
export interface PasskeyRefused {
  readonly ok: false;
  readonly kind: 'refused';
  readonly reason: PasskeyRefusal;
  readonly message: string;
}

/** Too many attempts from one network address. */
export interface PasskeyRateLimited {
  readonly ok: false;
  readonly kind: 'rate-limited';
  readonly retryAfterMs: number;
}

const refuse = (reason: PasskeyRefusal): PasskeyRefused => ({ ok: false, kind: 'refused', reason, message: passkeyRefusalMessages[reason] });

/** The ways a passkey can be carried, as WebAuthn names them; anything else a browser sends is dropped. */
const knownTransports: ReadonlySet<string> = new Set(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb']);

/** Transports as stored: known names only, comma-separated. */
export function transportsToText(transports: readonly string[] | undefined): string {
  return [...new Set((transports ?? []).filter((transport) => knownTransports.has(transport)))].join(',');
}

/** Stored transports back as a list. */
export function textToTransports(text: string): string[] {
  return text.split(',').filter((transport) => knownTransports.has(transport));
}

/** Base64url text (padding allowed, as some browsers add it) of at most `maxLength` characters. */
function isBase64url(value: unknown, maxLength: number): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= maxLength && /^[A-Za-z0-9_-]+={0,2}$/.test(value);
}

/** True for something that could be a credential id: WebAuthn allows up to 1,023 bytes. */
export function isPasskeyId(value: unknown): value is string {
  return isBase64url(value, 1400);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Browser-set fields other than the ones checked: kept only when they are the shape WebAuthn gives them. */
function readCommonFields(body: Record<string, unknown>) {
  const attachment = body.authenticatorAttachment === 'platform' || body.authenticatorAttachment === 'cross-platform' ? { authenticatorAttachment: body.authenticatorAttachment as 'platform' | 'cross-platform' } : {};
  // Extension outputs are not used; they are passed on empty so nothing unchecked reaches the library.
  return { ...attachment, clientExtensionResults: {}, type: 'public-key' as const };
}

/**
 * A registration response (from @simplewebauthn/browser's startRegistration) rebuilt from what was
 * posted, with every field checked for type and size; null when it cannot be one.
 */
export function readRegistrationResponse(body: unknown): RegistrationResponseJSON | null {
  if (!isRecord(body) || !isRecord(body.response) || body.type !== 'public-key') return null;
  const { id, rawId, response } = body;
  if (!isPasskeyId(id) || rawId !== id) return null;
  if (!isBase64url(response.clientDataJSON, 4096) || !isBase64url(response.attestationObject, 16384)) return null;
  if (response.transports !== undefined && !(Array.isArray(response.transports) && response.transports.length <= 10)) return null;
  const transports = Array.isArray(response.transports) ? response.transports.filter((transport): transport is string => typeof transport === 'string' && knownTransports.has(transport)) : [];
  return {
    id,
    rawId: id,
    response: { clientDataJSON: response.clientDataJSON, attestationObject: response.attestationObject, transports },
    ...readCommonFields(body),
  };
}

/** An authentication response (from startAuthentication) rebuilt from what was posted, checked; null when it cannot be one. */
export function readAuthenticationResponse(body: unknown): AuthenticationResponseJSON | null {
  if (!isRecord(body) || !isRecord(body.response) || body.type !== 'public-key') return null;
  const { id, rawId, response } = body;
  if (!isPasskeyId(id) || rawId !== id) return null;
  // Signatures can be post-quantum: ML-DSA-87's are 4,627 bytes (6,170 characters), ML-DSA-44's 2,420.
  if (!isBase64url(response.clientDataJSON, 4096) || !isBase64url(response.authenticatorData, 4096) || !isBase64url(response.signature, 8192)) return null;
  const userHandle = response.userHandle;
  if (userHandle !== undefined && userHandle !== null && userHandle !== '' && !isBase64url(userHandle, 256)) return null;
  return {
    id,
    rawId: id,
    response: {
      clientDataJSON: response.clientDataJSON,
      authenticatorData: response.authenticatorData,
      signature: response.signature,
      ...(typeof userHandle === 'string' && userHandle !== '' ? { userHandle } : {}),
    },
    ...readCommonFields(body),
  };
}

/** The challenge a browser says it answered (from the client data), or null when there is none to read. */
export function readClientDataChallenge(clientDataJSON: string): string | null {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(decodeBase64urlIgnorePadding(clientDataJSON.replace(/=+$/, '')));
    const data: unknown = JSON.parse(text);
    if (!isRecord(data)) return null;
    return isBase64url(data.challenge, 256) ? data.challenge : null;
  } catch {
    return null;
  }
}

/** A challenge as stored. */
export interface StoredChallenge {
  readonly purpose: string;
  readonly userId: string | null;
  readonly expiresAt: Date;
}

/**
 * Why a challenge that came back cannot be used, or null when it can: it must have been handed out
 * (and not used already: `stored` is null then), for this purpose and this account (no account for a
 * password-less sign-in), and not more than 5 minutes ago.
 */
export function checkChallenge(stored: StoredChallenge | null, expected: { readonly purpose: ChallengePurpose; readonly userId: string | null }, now: Date): 'challenge-unknown' | 'challenge-expired' | null {
  if (!stored || stored.purpose !== expected.purpose || stored.userId !== expected.userId) return 'challenge-unknown';
  if (now.getTime() >= stored.expiresAt.getTime()) return 'challenge-expired';
  return null;
}

/** The WebAuthn user handle for an account: its id, which is random and says nothing about the person. */
export function userIdToUserHandle(userId: string): string {
  return encodeBase64urlNoPadding(new TextEncoder().encode(userId));
}

/** Keeps a challenge until it is answered, clearing out ones nobody answered in time. */
async function storeChallenge(db: PortalDatabase, challenge: string, purpose: ChallengePurpose, userId: string | null, now: Date): Promise<void> {
  try {
    await db.delete(webauthnChallenges).where(lt(webauthnChallenges.expiresAt, now));
    await db.insert(webauthnChallenges).values({ challenge, purpose, userId, expiresAt: new Date(now.getTime() + challengeLifetimeMs) });
  } catch (error) {
    throw new DatabaseError('keep a passkey challenge', { cause: error });
  }
}

/** Takes a challenge out of the store, so it can never be used again; null when it is not there (never handed out, or used). */
async function takeChallenge(db: PortalDatabase, challenge: string): Promise<StoredChallenge | null> {
  try {
    const [row] = await db.delete(webauthnChallenges).where(eq(webauthnChallenges.challenge, challenge)).returning();
    return row ?? null;
  } catch (error) {
    throw new DatabaseError('use a passkey challenge', { cause: error });
  }
}

/** Reads the challenge from a response and takes it, checking it was handed out for this purpose and account. */
async function spendChallenge(db: PortalDatabase, clientDataJSON: string, expected: { purpose: ChallengePurpose; userId: string | null }, now: Date): Promise<{ ok: true; challenge: string } | PasskeyRefused> {
  const challenge = readClientDataChallenge(clientDataJSON);
  if (!challenge) return refuse('challenge-unknown');
  const problem = checkChallenge(await takeChallenge(db, challenge), expected, now);
  return problem ? refuse(problem) : { ok: true, challenge };
}

async function selectUserPasskeys(db: PortalDatabase, userId: string) {
  try {
    return await db.select().from(passkeys).where(eq(passkeys.userId, userId)).orderBy(asc(passkeys.createdAt));
  } catch (error) {
    throw new DatabaseError("read a person's passkeys", { cause: error });
  }
}

/** What is needed to hand out a challenge. */
interface ChallengeInput {
  readonly now: Date;
  readonly randomBytes: (length: number) => Uint8Array;
}

/**
 * Options for adding a passkey to an account: a discoverable credential (so it can sign in without a
 * password) with user verification, never one the person already has here, and no attestation.
 */
export async function createRegistrationOptions(
  db: PortalDatabase,
  rp: RelyingParty,
  input: ChallengeInput & { readonly userId: string; readonly userName: string },
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const existing = await selectUserPasskeys(db, input.userId);
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: input.userName,
    userDisplayName: input.userName,
    userID: new TextEncoder().encode(input.userId),
    challenge: new Uint8Array(input.randomBytes(32)),
    timeout: challengeLifetimeMs,
    attestationType: 'none',
    excludeCredentials: existing.map((passkey) => ({ id: passkey.id, transports: textToTransports(passkey.transports) })),
    authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification: 'required' },
  });
  await storeChallenge(db, options.challenge, 'register', input.userId, input.now);
  return options;
}

/** The outcome of adding a passkey. */
export type AddPasskeyResult = { readonly ok: true; readonly name: string } | PasskeyRefused;

/**
 * Checks the browser's answer to `createRegistrationOptions` and keeps the new passkey, named after
 * the device it was made on. Two-step verification is turned on in the same transaction.
 */
export async function verifyPasskeyRegistration(
  db: PortalDatabase,
  rp: RelyingParty,
  input: { readonly userId: string; readonly body: unknown; readonly deviceName: string; readonly now: Date },
): Promise<AddPasskeyResult> {
  const response = readRegistrationResponse(input.body);
  if (!response) return refuse('unreadable');
  const spent = await spendChallenge(db, response.response.clientDataJSON, { purpose: 'register', userId: input.userId }, input.now);
  if (!spent.ok) return spent;
  let verification: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    verification = await verifyRegistrationResponse({ response, expectedChallenge: spent.challenge, expectedOrigin: rp.origin, expectedRPID: rp.id, requireUserVerification: true });
  } catch {
    // The library says why in its message, which is not shown or logged: the person is told to try again.
    return refuse('not-verified');
  }
  if (!verification.verified) return refuse('not-verified');
  const { credential, credentialBackedUp } = verification.registrationInfo;
  const name = input.deviceName.trim().slice(0, deviceNameMaxLength) || 'Unknown device';
  try {
    return await db.transaction(async (tx) => {
      const added = await tx
        .insert(passkeys)
        .values({
          id: credential.id,
          userId: input.userId,
          publicKey: encodeBase64urlNoPadding(credential.publicKey),
          signCount: credential.counter,
          transports: transportsToText(credential.transports ?? response.response.transports),
          name,
          backedUp: credentialBackedUp,
          createdAt: input.now,
        })
        .onConflictDoNothing({ target: passkeys.id })
        .returning({ id: passkeys.id });
      if (added.length === 0) return refuse('already-added');
      await refreshTwoStep(tx, input.userId);
      return { ok: true, name } as const;
    });
  } catch (error) {
    throw new DatabaseError('add a passkey', { cause: error });
  }
}

/** Options for a password-less sign-in: no account is named, so the person's device offers the passkeys it holds for this site. */
export async function createSignInOptions(db: PortalDatabase, rp: RelyingParty, input: ChallengeInput & { readonly address: string }): Promise<{ readonly ok: true; readonly options: PublicKeyCredentialRequestOptionsJSON } | PasskeyRateLimited> {
  const limit = await consumeRateLimit(db, rateLimitKey('passkey-options:address', input.address), passkeyRateLimits.signInOptionsPerAddress, input.now);
  if (!limit.allowed) return { ok: false, kind: 'rate-limited', retryAfterMs: limit.retryAfterMs };
  const options = await generateAuthenticationOptions({ rpID: rp.id, challenge: new Uint8Array(input.randomBytes(32)), timeout: challengeLifetimeMs, userVerification: 'required' });
  await storeChallenge(db, options.challenge, 'sign-in', null, input.now);
  return { ok: true, options };
}

/** Options for the second step of one account: only that account's passkeys are offered. */
export async function createSecondStepOptions(db: PortalDatabase, rp: RelyingParty, input: ChallengeInput & { readonly userId: string }): Promise<{ readonly ok: true; readonly options: PublicKeyCredentialRequestOptionsJSON } | PasskeyRefused> {
  const existing = await selectUserPasskeys(db, input.userId);
  if (existing.length === 0) return refuse('no-passkeys');
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    challenge: new Uint8Array(input.randomBytes(32)),
    timeout: challengeLifetimeMs,
    userVerification: 'required',
    allowCredentials: existing.map((passkey) => ({ id: passkey.id, transports: textToTransports(passkey.transports) })),
  });
  await storeChallenge(db, options.challenge, 'second-step', input.userId, input.now);
  return { ok: true, options };
}

/** The outcome of using a passkey: whose it is when accepted. */
export type UsePasskeyResult = { readonly ok: true; readonly userId: string } | PasskeyRefused;

/**
 * Checks an answer to a sign-in or second-step challenge: the challenge is spent, the passkey found
 * (for the second step, only among that account's), the signature checked with its public key, and
 * the signature counter moved on with one conditional update, so two answers racing cannot both pass
 * and a copied authenticator whose counter went backwards is refused.
 */
async function verifyAssertion(db: PortalDatabase, rp: RelyingParty, input: { body: unknown; purpose: 'sign-in' | 'second-step'; userId: string | null; now: Date }): Promise<UsePasskeyResult> {
  const response = readAuthenticationResponse(input.body);
  if (!response) return refuse('unreadable');
  const spent = await spendChallenge(db, response.response.clientDataJSON, { purpose: input.purpose, userId: input.userId }, input.now);
  if (!spent.ok) return spent;
  let passkey: typeof passkeys.$inferSelect | undefined;
  try {
    [passkey] = await db
      .select()
      .from(passkeys)
      .where(input.userId === null ? eq(passkeys.id, response.id) : and(eq(passkeys.id, response.id), eq(passkeys.userId, input.userId)));
  } catch (error) {
    throw new DatabaseError('find a passkey', { cause: error });
  }
  if (!passkey) return refuse('passkey-unknown');
  // A device that says whose passkey it is must agree with the account the passkey was added to.
  const handle = response.response.userHandle?.replace(/=+$/, '');
  if (handle !== undefined && handle !== userIdToUserHandle(passkey.userId)) return refuse('passkey-unknown');
  let verification: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge: spent.challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: { id: passkey.id, publicKey: new Uint8Array(decodeBase64urlIgnorePadding(passkey.publicKey)), counter: passkey.signCount, transports: textToTransports(passkey.transports) },
      requireUserVerification: true,
    });
  } catch {
    return refuse('not-verified');
  }
  if (!verification.verified) return refuse('not-verified');
  try {
    const used = await db
      .update(passkeys)
      .set({ signCount: verification.authenticationInfo.newCounter, lastUsedAt: input.now, backedUp: verification.authenticationInfo.credentialBackedUp })
      .where(and(eq(passkeys.id, passkey.id), eq(passkeys.userId, passkey.userId), eq(passkeys.signCount, passkey.signCount)))
      .returning({ id: passkeys.id });
    if (used.length === 0) return refuse('not-verified');
  } catch (error) {
    throw new DatabaseError('record a passkey being used', { cause: error });
  }
  return { ok: true, userId: passkey.userId };
}

/** Signs a person in with a passkey and no password. Rate-limited per network address. */
export async function verifyPasskeySignIn(
  db: PortalDatabase,
  rp: RelyingParty,
  input: { readonly body: unknown; readonly address: string; readonly now: Date },
): Promise<UsePasskeyResult | PasskeyRateLimited> {
  // A body that cannot be an answer is refused before it counts: it costs nothing to check.
  if (!readAuthenticationResponse(input.body)) return refuse('unreadable');
  const limit = await consumeRateLimit(db, rateLimitKey('passkey-sign-in:address', input.address), passkeyRateLimits.signInPerAddress, input.now);
  if (!limit.allowed) return { ok: false, kind: 'rate-limited', retryAfterMs: limit.retryAfterMs };
  return verifyAssertion(db, rp, { body: input.body, purpose: 'sign-in', userId: null, now: input.now });
}

/** Checks a passkey used as the second step by this account (one of its own passkeys only). */
export function verifyPasskeySecondStep(db: PortalDatabase, rp: RelyingParty, input: { readonly userId: string; readonly body: unknown; readonly now: Date }): Promise<UsePasskeyResult> {
  return verifyAssertion(db, rp, { body: input.body, purpose: 'second-step', userId: input.userId, now: input.now });
}

/** One of a person's passkeys, as their settings show it. */
export interface PasskeySummary {
  readonly id: string;
  readonly name: string;
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
  /** True when the passkey is synced (backed up) to the person's other devices. */
  readonly backedUp: boolean;
}

/** A person's passkeys, oldest first. */
export async function listPasskeys(db: PortalDatabase, userId: string): Promise<readonly PasskeySummary[]> {
  const rows = await selectUserPasskeys(db, userId);
  return rows.map((row) => ({ id: row.id, name: row.name, createdAt: row.createdAt, lastUsedAt: row.lastUsedAt, backedUp: row.backedUp }));
}

/** Removes one of a person's own passkeys. False when they have no such passkey (someone else's id does nothing). */
export async function removePasskey(db: PortalDatabase, userId: string, passkeyId: string | null): Promise<boolean> {
  if (!isPasskeyId(passkeyId)) return false;
  try {
    return await db.transaction(async (tx) => {
      const removed = await tx
        .delete(passkeys)
        .where(and(eq(passkeys.userId, userId), eq(passkeys.id, passkeyId)))
        .returning({ id: passkeys.id });
      if (removed.length === 0) return false;
      await refreshTwoStep(tx, userId);
      return true;
    });
  } catch (error) {
    throw new DatabaseError('remove a passkey', { cause: error });
  }
}

/** What the passkey button posts: the browser's answer, where to go next, and a password when one is asked for. */
export interface PasskeyPost {
  readonly response: unknown;
  readonly returnTo: string | null;
  readonly password: string | null;
}

/** Reads what the passkey button posted; every field is optional, and anything of the wrong type is left out. */
export function readPasskeyPost(body: unknown): PasskeyPost {
  if (!isRecord(body)) return { response: null, returnTo: null, password: null };
  return {
    response: body.response ?? null,
    returnTo: typeof body.returnTo === 'string' ? body.returnTo : null,
    password: typeof body.password === 'string' ? body.password : null,
  };
}

/** The largest JSON body a passkey endpoint reads, in bytes: an attestation with certificates fits easily. */
export const maxPasskeyBodyBytes = 64 * 1024;

/** Reads a passkey endpoint's JSON body (at most `maxBytes`); null for anything else (wrong type, too big, not JSON). Never throws. */
export function readJsonBody(request: Request, maxBytes = maxPasskeyBodyBytes): Promise<unknown> {
  return readBoundedJsonBody(request, maxBytes);
}
