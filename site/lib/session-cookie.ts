/**
 * The session cookie: the random token, HttpOnly, SameSite=Lax, Path=/, and Secure everywhere but
 * localhost (where it carries the __Host- prefix too, so no subdomain can set or read it).
 */
import type { AstroCookies } from 'astro';
import { getConfiguration } from '../config.ts';

/** True when the site is served from this machine over plain HTTP, where browsers refuse Secure cookies from other hosts. */
export function isLocalSite(siteUrl: string): boolean {
  const { hostname } = new URL(siteUrl);
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

/** The cookie's name: `__Host-session` when Secure, `session` on localhost. */
export function getSessionCookieName(siteUrl: string = getConfiguration().siteUrl): string {
  return isLocalSite(siteUrl) ? 'session' : '__Host-session';
}

/** Sets (or renews) the session cookie until the session expires. */
export function setSessionCookie(cookies: AstroCookies, token: string, expiresAt: Date): void {
  const { siteUrl } = getConfiguration();
  cookies.set(getSessionCookieName(siteUrl), token, { httpOnly: true, sameSite: 'lax', path: '/', secure: !isLocalSite(siteUrl), expires: expiresAt });
}

/** Removes the session cookie. */
export function deleteSessionCookie(cookies: AstroCookies): void {
  const { siteUrl } = getConfiguration();
  cookies.set(getSessionCookieName(siteUrl), '', { httpOnly: true, sameSite: 'lax', path: '/', secure: !isLocalSite(siteUrl), maxAge: 0 });
}

/** The token from the request's cookie, or null. */
export function readSessionToken(cookies: AstroCookies): string | null {
  const value = cookies.get(getSessionCookieName())?.value ?? '';
  return /^[a-z2-7]{32}$/.test(value) ? value : null;
}
