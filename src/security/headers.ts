/**
 * The headers every response carries, static pages and on-demand routes alike.
 * No inline scripts are allowed; pages ship no JavaScript at all unless an island needs it.
 * 'wasm-unsafe-eval' lets the search page compile Pagefind's WebAssembly; it allows no JavaScript eval.
 */
export const contentSecurityPolicy = buildContentSecurityPolicy([]);

/**
 * The policy, letting forms also lead to `formTargets` (origins): "Continue to NHS login" posts to
 * this site, which redirects to the provider, and browsers apply form-action to that redirect too.
 */
export function buildContentSecurityPolicy(formTargets: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    ["form-action 'self'", ...formTargets].join(' '),
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join('; ');
}

/** Header name to value, applied to every response. */
export const securityHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
};
