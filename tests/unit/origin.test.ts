import { describe, expect, test } from 'vitest';
import { checkRequestOrigin } from '../../src/security/origin.ts';
import { contentSecurityPolicy, securityHeaders } from '../../src/security/headers.ts';

const own = 'http://localhost:4321';

describe('checkRequestOrigin', () => {
  test.each([
    ['GET from anywhere', 'GET', 'https://evil.example', null, true],
    ['HEAD with no headers', 'HEAD', null, null, true],
    ['POST from our own origin', 'POST', own, null, true],
    ['POST from a trusted public origin', 'POST', 'https://portal.example.nhs.uk', null, true],
    ['POST from another site', 'POST', 'https://evil.example', null, false],
    ['POST from another port', 'POST', 'http://localhost:4322', null, false],
    ['POST from a sandboxed frame (Origin: null)', 'POST', 'null', null, false],
    ['POST with no Origin but Sec-Fetch-Site same-origin', 'POST', null, 'same-origin', true],
    ['POST with no Origin and Sec-Fetch-Site cross-site', 'POST', null, 'cross-site', false],
    ['POST with no Origin and Sec-Fetch-Site same-site', 'POST', null, 'same-site', false],
    ['POST with neither header', 'POST', null, null, false],
    ['PUT from another site', 'PUT', 'https://evil.example', null, false],
    ['DELETE from our own origin', 'delete', own, null, true],
    ['PATCH with neither header', 'PATCH', null, null, false],
  ])('%s -> allowed: %s', (_name, method, originHeader, secFetchSite, allowed) => {
    const check = checkRequestOrigin({ method, requestOrigin: own, originHeader, secFetchSite, trustedOrigins: ['https://portal.example.nhs.uk'] });
    expect(check.allowed).toBe(allowed);
  });
});

describe('security headers', () => {
  test('the policy allows no inline script and no framing', () => {
    expect(contentSecurityPolicy).toMatch(/script-src 'self' 'wasm-unsafe-eval'(;|$)/);
    expect(contentSecurityPolicy).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
    expect(contentSecurityPolicy).toMatch(/frame-ancestors 'none'/);
  });

  test('every response header the baseline needs is present', () => {
    expect(Object.keys(securityHeaders)).toEqual(
      expect.arrayContaining(['Content-Security-Policy', 'X-Content-Type-Options', 'Referrer-Policy']),
    );
    expect(securityHeaders['X-Content-Type-Options']).toBe('nosniff');
  });
});
