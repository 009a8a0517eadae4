/**
 * Sensitive changes (email, password, deleting, inviting a carer, two-step and passkey settings) ask
 * for the second step again when it is on and was last passed more than 15 minutes ago.
 */
import type { AstroGlobal } from 'astro';
import type { Session } from '../../src/auth/session.ts';
import { mustRepeatSecondStep, stepUpWindowMs } from '../../src/auth/two-step.ts';

/** A redirect to the second step that comes back to this page, or null when the change may go ahead. */
export function requireRecentSecondStep(astro: Pick<AstroGlobal, 'locals' | 'url' | 'redirect'>, now: Date = new Date()): Response | null {
  const { user, session } = astro.locals;
  if (!user || !session || !mustRepeatSecondStep(user, session, now)) return null;
  return astro.redirect(`/account/two-step?returnTo=${encodeURIComponent(`${astro.url.pathname}${astro.url.search}`)}`, 303);
}

/**
 * True when an account with no password (made with NHS login) must sign in with its provider again
 * before adding a first second step or deleting itself: there is no password to ask for, so the proof
 * is a provider sign-in in the last 15 minutes.
 */
export function needsFreshProviderSignIn(user: { readonly hasPassword: boolean; readonly twoStepEnabled: boolean }, session: Pick<Session, 'method' | 'createdAt'>, now: Date = new Date()): boolean {
  if (user.hasPassword || user.twoStepEnabled) return false;
  return session.method !== 'oidc' || now.getTime() - session.createdAt.getTime() > stepUpWindowMs;
}

/** Where such an account is sent: a page with a button that signs in with the provider again and comes back. */
export function signInAgainPath(returnTo: string): string {
  return `/account/sign-in-again?returnTo=${encodeURIComponent(returnTo)}`;
}
