/**
 * Where to send someone after they sign in: only a path on this site, never another site (an "open
 * redirect" would let a phishing link borrow our address). Anything doubtful goes to the record home.
 */

/** Where people go after signing in when no safe return path was given. */
export const defaultReturnPath = '/record';

/** Returns `value` if it is a same-site path worth returning to, otherwise `/record`. */
export function toSafeReturnPath(value: string | null | undefined): string {
  if (!value || value.length > 500) return defaultReturnPath;
  // A path, not a scheme-relative URL ("//evil.example") or a backslash trick ("/\\evil.example").
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return defaultReturnPath;
  // eslint-disable-next-line no-control-regex -- control characters in a path are refused outright.
  if (/[\u0000-\u001f\u007f]/.test(value)) return defaultReturnPath;
  let url: URL;
  try {
    url = new URL(value, 'https://portal.invalid');
  } catch {
    return defaultReturnPath;
  }
  if (url.origin !== 'https://portal.invalid') return defaultReturnPath;
  // Only the signed-in areas are worth returning to; never back to a sign-in or sign-out page.
  const area = url.pathname === '/record' || url.pathname.startsWith('/record/') || url.pathname === '/account' || url.pathname.startsWith('/account/');
  if (!area || /^\/account\/(sign-in|sign-up|sign-out|two-step$)/.test(url.pathname)) return defaultReturnPath;
  return `${url.pathname}${url.search}`;
}
