/** What both halves of adding a passkey check first: someone is signed in, and their second step is recent enough. */
import type { Session, SessionUser } from '../../src/auth/session.ts';
import { mustRepeatSecondStep } from '../../src/auth/two-step.ts';

/** The signed-in person and session, or the JSON refusal to send. */
export function checkMayAddPasskey(
  locals: { readonly user: SessionUser | null; readonly session: Session | null },
  now: Date,
): { readonly ok: true; readonly user: SessionUser; readonly session: Session } | { readonly ok: false; readonly response: Response } {
  const { user, session } = locals;
  if (!user || !session) return { ok: false, response: Response.json({ message: 'Sign in to add a passkey', redirect: '/account/sign-in?returnTo=/account/passkeys' }, { status: 401 }) };
  if (mustRepeatSecondStep(user, session, now)) return { ok: false, response: Response.json({ message: 'Confirm it is you before you add a passkey', redirect: '/account/two-step?returnTo=/account/passkeys' }, { status: 403 }) };
  return { ok: true, user, session };
}
