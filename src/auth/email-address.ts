/**
 * Email addresses as account names: trimmed and lower-cased, so one address is one account, and
 * checked for a plausible shape (the link we send is the real check).
 */

/** The longest address accepted (RFC 5321 path limit). */
export const maxEmailLength = 254;

const emailShape = /^[^\s@<>"(),;:\\[\]]+@[^\s@<>"(),;:\\[\]]+\.[^\s@<>"(),;:\\[\].]{2,}$/u;

/** The outcome of reading an email address from a form. */
export type EmailCheck = { readonly ok: true; readonly email: string } | { readonly ok: false; readonly message: string };

/** Reads an email address, with the message to show when it cannot be used. */
export function checkEmailAddress(raw: string | null): EmailCheck {
  const email = (raw ?? '').trim().toLowerCase();
  if (email === '') return { ok: false, message: 'Enter your email address' };
  if (email.length > maxEmailLength) return { ok: false, message: `Email address must be ${maxEmailLength} characters or fewer` };
  if (!emailShape.test(email)) return { ok: false, message: 'Enter an email address in the correct format, like name@example.com' };
  return { ok: true, email };
}
