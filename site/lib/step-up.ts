/**
 * Sensitive changes (email, password, deleting, inviting a carer, two-step and passkey settings) ask
 * for the second step again when it is on and was last passed more than 15 minutes ago.
 */
import type { AstroGlobal } from 'astro';
import { mustRepeatSecondStep } from '../../src/auth/two-step.ts';

/** A redirect to the second step that comes back to this page, or null when the change may go ahead. */
export function requireRecentSecondStep(astro: Pick<AstroGlobal, 'locals' | 'url' | 'redirect'>, now: Date = new Date()): Response | null {
  const { user, session } = astro.locals;
  if (!user || !session || !mustRepeatSecondStep(user, session, now)) return null;
  return astro.redirect(`/account/two-step?returnTo=${encodeURIComponent(`${astro.url.pathname}${astro.url.search}`)}`, 303);
}
