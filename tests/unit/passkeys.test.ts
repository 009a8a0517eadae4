/**
 * Passkeys: what the server accepts from a browser before any signature is checked (challenges, the
 * shape of responses, bodies), and how the site's address becomes the WebAuthn relying party.
 * The database side (challenges spent once, passkeys scoped to their account) is proved end to end
 * in tests/e2e/passkeys.spec.ts with a virtual authenticator.
 */
import { describe, expect, test } from 'vitest';
import {
  challengeLifetimeMs,
  checkChallenge,
  isPasskeyId,
  readAuthenticationResponse,
  readClientDataChallenge,
  readJsonBody,
  readPasskeyPost,
  readRegistrationResponse,
  siteUrlToRelyingParty,
  textToTransports,
  transportsToText,
  userIdToUserHandle,
  type StoredChallenge,
} from '../../src/auth/passkeys.ts';

const now = new Date('2026-11-25T09:00:00Z');
const parentId = '0b6e5c1e-6f7a-4e59-9a43-7a0f6f7e1a11';
const otherParentId = '7d1f3a52-0c4e-4b8e-9f1a-2b3c4d5e6f70';
const issuedFor = (purpose: string, userId: string | null, expiresInMs = challengeLifetimeMs): StoredChallenge => ({ purpose, userId, expiresAt: new Date(now.getTime() + expiresInMs) });

/** Base64url of text, as a browser encodes clientDataJSON. */
const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const clientData = (fields: Record<string, unknown>) => base64url(JSON.stringify({ type: 'webauthn.get', origin: 'http://localhost:4321', crossOrigin: false, ...fields }));
const challenge = 'q7VYbJ1c8mLxk0c4tM2mJ3vQfWm0k2oN9cXqg5Zt3aE';

describe('checkChallenge', () => {
  test.each([
    ['a second-step challenge for this parent', issuedFor('second-step', parentId), { purpose: 'second-step', userId: parentId }],
    ['a sign-in challenge, which names no account', issuedFor('sign-in', null), { purpose: 'sign-in', userId: null }],
    ['a register challenge one millisecond before it expires', issuedFor('register', parentId, 1), { purpose: 'register', userId: parentId }],
  ] as const)('accepts %s', (_name, stored, expected) => {
    expect(checkChallenge(stored, expected, now)).toBeNull();
  });

  test.each([
    ['one never handed out, or already used (not in the store)', null, { purpose: 'sign-in', userId: null }, 'challenge-unknown'],
    ['one for another parent', issuedFor('second-step', otherParentId), { purpose: 'second-step', userId: parentId }, 'challenge-unknown'],
    ['a second-step challenge used to sign in', issuedFor('second-step', parentId), { purpose: 'sign-in', userId: null }, 'challenge-unknown'],
    ['a sign-in challenge used as a second step', issuedFor('sign-in', null), { purpose: 'second-step', userId: parentId }, 'challenge-unknown'],
    ['a register challenge used as a second step', issuedFor('register', parentId), { purpose: 'second-step', userId: parentId }, 'challenge-unknown'],
    ['one at the moment it expires (5 minutes)', issuedFor('sign-in', null, 0), { purpose: 'sign-in', userId: null }, 'challenge-expired'],
    ['one an hour old', issuedFor('sign-in', null, -55 * 60 * 1000), { purpose: 'sign-in', userId: null }, 'challenge-expired'],
  ] as const)('refuses %s', (_name, stored, expected, reason) => {
    expect(checkChallenge(stored, expected, now)).toBe(reason);
  });
});

describe('readClientDataChallenge', () => {
  test('reads the challenge a browser answered', () => {
    expect(readClientDataChallenge(clientData({ challenge }))).toBe(challenge);
  });

  test('reads it when the browser padded the base64url', () => {
    expect(readClientDataChallenge(`${clientData({ challenge: 'abcd' })}=`)).toBe('abcd');
  });

  test.each([
    ['no challenge', clientData({})],
    ['a challenge that is a number', clientData({ challenge: 42 })],
    ['a challenge that is not base64url', clientData({ challenge: "' or 1=1 --" })],
    ['a challenge too long to be ours', clientData({ challenge: 'a'.repeat(300) })],
    ['client data that is not JSON', base64url('not json')],
    ['client data that is a JSON list', base64url('["challenge"]')],
    ['client data that is not UTF-8', Buffer.from([0xff, 0xfe, 0xfd]).toString('base64url')],
    ['an empty string', ''],
  ])('is null for %s', (_name, value) => {
    expect(readClientDataChallenge(value)).toBeNull();
  });
});

const assertion = {
  id: 'AAECAwQFBgcICQ',
  rawId: 'AAECAwQFBgcICQ',
  type: 'public-key',
  authenticatorAttachment: 'platform',
  clientExtensionResults: { evil: true },
  response: { clientDataJSON: clientData({ challenge }), authenticatorData: 'SZYN5YgOjGh0NBcPZHZgW4_krrmihjLHmVzzuoMdl2MFAAAAAQ', signature: 'MEUCIQDx', userHandle: userIdToUserHandle(parentId) },
};

describe('readAuthenticationResponse', () => {
  test('keeps what the server checks, and drops extension results it never uses', () => {
    expect(readAuthenticationResponse(assertion)).toEqual({ ...assertion, clientExtensionResults: {} });
  });

  test.each([
    ['ML-DSA-44 (2,420 bytes)', 2420],
    ['ML-DSA-87 (4,627 bytes)', 4627],
  ])('accepts a post-quantum %s signature', (_name, bytes) => {
    const signature = Buffer.alloc(bytes, 7).toString('base64url');
    expect(readAuthenticationResponse({ ...assertion, response: { ...assertion.response, signature } })?.response.signature).toBe(signature);
  });

  test.each([
    ['null', { ...assertion, response: { ...assertion.response, userHandle: null } }],
    ['empty', { ...assertion, response: { ...assertion.response, userHandle: '' } }],
  ])('leaves out a user handle sent %s (some browsers do)', (_name, value) => {
    expect(readAuthenticationResponse(value)?.response).toEqual({ clientDataJSON: assertion.response.clientDataJSON, authenticatorData: assertion.response.authenticatorData, signature: assertion.response.signature });
  });

  test.each([
    ['null', null],
    ['a string', 'not a passkey'],
    ['a list', [assertion]],
    ['no response', { ...assertion, response: undefined }],
    ['a type other than public-key', { ...assertion, type: 'password' }],
    ['an id that differs from rawId', { ...assertion, rawId: 'BBECAwQFBgcICQ' }],
    ['an id that is not base64url', { ...assertion, id: 'a b', rawId: 'a b' }],
    ['an id longer than WebAuthn allows', { ...assertion, id: 'A'.repeat(1401), rawId: 'A'.repeat(1401) }],
    ['a signature that is a number', { ...assertion, response: { ...assertion.response, signature: 12 } }],
    ['no authenticator data', { ...assertion, response: { ...assertion.response, authenticatorData: undefined } }],
    ['a user handle that is an object', { ...assertion, response: { ...assertion.response, userHandle: { id: parentId } } }],
    ['a signature of 8,193 characters', { ...assertion, response: { ...assertion.response, signature: 'a'.repeat(8193) } }],
    ['client data of 5,000 characters', { ...assertion, response: { ...assertion.response, clientDataJSON: 'a'.repeat(5000) } }],
  ])('refuses %s', (_name, value) => {
    expect(readAuthenticationResponse(value)).toBeNull();
  });
});

const attestation = {
  id: 'AAECAwQFBgcICQ',
  rawId: 'AAECAwQFBgcICQ',
  type: 'public-key',
  clientExtensionResults: {},
  response: { clientDataJSON: clientData({ type: 'webauthn.create', challenge }), attestationObject: 'o2NmbXRkbm9uZQ', transports: ['internal', 'hybrid', 'carrier-pigeon', 7] },
};

describe('readRegistrationResponse', () => {
  test('keeps known transports only', () => {
    expect(readRegistrationResponse(attestation)?.response.transports).toEqual(['internal', 'hybrid']);
  });

  test.each([
    ['no attestation object', { ...attestation, response: { ...attestation.response, attestationObject: undefined } }],
    ['transports that are not a list', { ...attestation, response: { ...attestation.response, transports: 'usb' } }],
    ['more than 10 transports', { ...attestation, response: { ...attestation.response, transports: Array.from({ length: 11 }, () => 'usb') } }],
    ['an assertion instead', assertion],
    ['an empty object', {}],
  ])('refuses %s', (_name, value) => {
    expect(readRegistrationResponse(value)).toBeNull();
  });
});

describe('transports', () => {
  test.each([
    [['internal', 'hybrid'], 'internal,hybrid'],
    [['usb', 'usb', 'nfc'], 'usb,nfc'],
    [['usb', 'telepathy'], 'usb'],
    [[], ''],
    [undefined, ''],
  ])('%j is stored as %j', (list, text) => {
    expect(transportsToText(list)).toBe(text);
  });

  test.each([
    ['internal,hybrid', ['internal', 'hybrid']],
    ['', []],
    ['usb,,telepathy', ['usb']],
  ])('%j is read back as %j', (text, list) => {
    expect(textToTransports(text)).toEqual(list);
  });
});

describe('siteUrlToRelyingParty', () => {
  test.each([
    ['http://localhost:4321', { id: 'localhost', origin: 'http://localhost:4321' }],
    ['https://first1001days.example.nhs.uk/', { id: 'first1001days.example.nhs.uk', origin: 'https://first1001days.example.nhs.uk' }],
    ['https://portal.example.org:8443/some/path', { id: 'portal.example.org', origin: 'https://portal.example.org:8443' }],
  ])('%s is the relying party %j', (siteUrl, expected) => {
    expect(siteUrlToRelyingParty(siteUrl, 'First 1,001 days')).toEqual({ ...expected, name: 'First 1,001 days' });
  });
});

describe('isPasskeyId', () => {
  test.each([
    ['AAECAwQFBgcICQ', true],
    ['AAECAwQFBgcICQ==', true],
    ['', false],
    ['a b', false],
    ['../../etc/passwd', false],
    ['A'.repeat(1401), false],
    [null, false],
    [42, false],
  ])('%j: %s', (value, expected) => {
    expect(isPasskeyId(value)).toBe(expected);
  });
});

describe('readPasskeyPost', () => {
  test('reads the response, where to go next and a password', () => {
    expect(readPasskeyPost({ response: assertion, returnTo: '/record', password: 'cloud puddle marmalade' })).toEqual({ response: assertion, returnTo: '/record', password: 'cloud puddle marmalade' });
  });

  test.each([null, 'text', [1, 2], { returnTo: 7, password: ['a'] }])('reads %j as nothing sent', (body) => {
    expect(readPasskeyPost(body)).toEqual({ response: null, returnTo: null, password: null });
  });
});

describe('readJsonBody', () => {
  const post = (body: BodyInit, headers: Record<string, string> = { 'content-type': 'application/json' }) => new Request('http://localhost:4321/account/passkey/sign-in/verify', { method: 'POST', body, headers });

  test('reads JSON', async () => {
    expect(await readJsonBody(post('{"response":{"id":"abc"}}'))).toEqual({ response: { id: 'abc' } });
  });

  test.each([
    ['a form', post('response=abc', { 'content-type': 'application/x-www-form-urlencoded' })],
    ['no content type', post('{}', {})],
    ['text that is not JSON', post('{"response":')],
    ['bytes that are not UTF-8', post(new Uint8Array([0x7b, 0xff, 0x7d]))],
    ['a declared length over the limit', post('{}', { 'content-type': 'application/json', 'content-length': String(1024 * 1024) })],
    ['a body over the limit', post(JSON.stringify({ padding: 'a'.repeat(70 * 1024) }))],
  ])('is null for %s', async (_name, request) => {
    expect(await readJsonBody(request)).toBeNull();
  });
});
