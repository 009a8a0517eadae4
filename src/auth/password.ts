/**
 * Passwords: the policy people see (8 to 256 characters, not a common password, NCSC "three random
 * words" advice), and argon2id hashing with OWASP's minimum parameters (m = 19 MiB, t = 2, p = 1).
 * Sources: NCSC "Three random words" (2021) and "Password policy: updating your approach"; OWASP
 * Password Storage Cheat Sheet (argon2id); checked 2026-11-25.
 */
import { hash, verify, type Options } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

/** The shortest and longest passwords accepted. */
export const passwordLengthLimits = { min: 8, max: 256 } as const;

/** argon2id parameters: OWASP's minimum recommendation (19 MiB, 2 passes, 1 lane). */
export const argon2Options: Options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 };

const commonPasswords = new Set(dictionary['passwords-common'].map((password) => password.toLowerCase()));

/** The outcome of checking a new password, with the message to show next to the field. */
export type PasswordCheck = { readonly ok: true } | { readonly ok: false; readonly message: string };

const advice = 'A good way to make a strong password is to use three random words, such as "cloud puddle marmalade"';

/** Checks a new password against the policy. Length counts characters as people see them. */
export function checkNewPassword(password: string, email?: string): PasswordCheck {
  const length = [...password].length;
  if (length === 0) return { ok: false, message: 'Enter a password' };
  if (length < passwordLengthLimits.min) return { ok: false, message: `Password must be ${passwordLengthLimits.min} characters or more. ${advice}` };
  if (length > passwordLengthLimits.max) return { ok: false, message: `Password must be ${passwordLengthLimits.max} characters or fewer` };
  const lowered = password.toLowerCase();
  if (commonPasswords.has(lowered)) return { ok: false, message: `This password is too common and easy to guess. ${advice}` };
  if (email && lowered === email.trim().toLowerCase()) return { ok: false, message: `Your password must not be your email address. ${advice}` };
  return { ok: true };
}

/** Hashes a password with argon2id. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, argon2Options);
}

/** True when `password` matches the stored argon2 hash. A malformed hash is a mismatch, never an error. */
export async function verifyPasswordHash(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}
