/**
 * Runs before every on-demand route: refuses cross-origin state-changing requests, works out who is
 * signed in (renewing their cookie when the session is extended), keeps visitors out of the signed-in
 * areas, and adds the security headers. (Static files get the same headers from `scripts/serve.ts`.)
 */
import { defineMiddleware } from 'astro:middleware';
import { invalidateSession, validateSessionToken } from '../src/auth/session.ts';
import { checkRequestOrigin } from '../src/security/origin.ts';
import { startReminderScheduleIfConfigured } from './lib/reminder-schedule.ts';
import { buildContentSecurityPolicy, contentSecurityPolicy as baseContentSecurityPolicy, securityHeaders } from '../src/security/headers.ts';
import { getConfiguration } from './config.ts';
import { getDatabase } from './lib/database.ts';
import { renderRefusedPage } from './lib/refused-page.ts';
import { renderServiceUnavailablePage } from './lib/unavailable-page.ts';
import { isDatabaseUnavailableError } from '../src/db/availability.ts';
import { describeErrorForLog, errorWithoutMessages } from '../src/errors.ts';
import { startHousekeepingIfDue } from './lib/housekeeping.ts';
import { heldSessionHasExpired, needsSecondStep } from '../src/auth/two-step.ts';
import { meetsMinimumLevel } from '../src/auth/oidc.ts';
import { deleteSessionCookie, readSessionToken, setSessionCookie } from './lib/session-cookie.ts';

/** Pages under /account that work without signing in. */
const accountPagesForVisitors = new Set([
  '/account/sign-up',
  '/account/sign-in',
  '/account/sign-out',
  '/account/reset-password',
  '/account/verify-email',
  '/account/confirm-email',
  '/account/passkey/sign-in/options',
  '/account/passkey/sign-in/verify',
  '/account/oidc/start',
  '/account/oidc/callback',
]);

/** The only pages a session may use before it has passed the second step. */
const pagesBeforeSecondStep = new Set([
  '/account/two-step',
  '/account/sign-out',
  '/account/passkey/second-step/options',
  '/account/passkey/second-step/verify',
  // Signing in with NHS login instead replaces the held session; a forgotten password can still be reset.
  '/account/oidc/start',
  '/account/oidc/callback',
  '/account/reset-password',
]);

/** Pages beyond /record that show record data: held back, like /record, below the minimum identity level. */
const recordDataPages = new Set(['/account/download', '/account/calendar']);

/** True for the areas that hold personal data: never cached, never shared. */
function isPersonalArea(pathname: string): boolean {
  return isInArea(pathname, '/record') || isInArea(pathname, '/account');
}

/** Server-to-server routes, checked by their shared secret rather than by origin. */
const webhookPaths = new Set(['/api/content-published']);

/** True for `area` itself and every path below it. */
function isInArea(pathname: string, area: string): boolean {
  return pathname === area || pathname.startsWith(`${area}/`);
}

let pageContentSecurityPolicy: string | undefined;

/** The policy for on-demand pages, worked out once: with NHS login on, forms may also lead to the provider. */
function getContentSecurityPolicy(): string {
  const oidc = getConfiguration().oidc;
  pageContentSecurityPolicy ??= oidc ? buildContentSecurityPolicy([new URL(oidc.issuer).origin]) : baseContentSecurityPolicy;
  return pageContentSecurityPolicy;
}

export const onRequest = defineMiddleware(async (context, next) => {
  // Pages built ahead of time have no real request; their headers come from the server.
  if (context.isPrerendered) return next();
  startReminderScheduleIfConfigured();
  // Webhooks come from servers, not browsers: they carry no Origin and no cookies, and prove themselves with a secret instead.
  const isWebhook = webhookPaths.has(context.url.pathname);
  const check = isWebhook ? ({ allowed: true } as const) : checkRequestOrigin({
    method: context.request.method,
    requestOrigin: context.url.origin,
    originHeader: context.request.headers.get('origin'),
    secFetchSite: context.request.headers.get('sec-fetch-site'),
    trustedOrigins: [new URL(getConfiguration().siteUrl).origin],
  });
  const response = check.allowed ? await handleUnlessDatabaseIsDown(context, next) : renderRefusedPage();
  for (const [name, value] of Object.entries(securityHeaders)) response.headers.set(name, value);
  response.headers.set('Content-Security-Policy', getContentSecurityPolicy());
  // Only personal areas read the session, so this covers every signed-in page.
  if (isPersonalArea(context.url.pathname)) {
    response.headers.set('Cache-Control', 'no-store');
    // Links in these pages can carry single-use tokens: never send them to another site. ("no-referrer"
    // would also make browsers send "Origin: null" with our own forms, which the origin check refuses.)
    response.headers.set('Referrer-Policy', 'same-origin');
  }
  return response;
});

/**
 * Runs the route, answering a friendly 503 while the database cannot be reached (a restart, a
 * network fault): the driver reconnects by itself, so the next request after it is back succeeds.
 * Only the error's name and code are logged: a failed query's message can carry its parameters.
 */
async function handleUnlessDatabaseIsDown(context: Parameters<Parameters<typeof defineMiddleware>[0]>[0], next: () => Promise<Response>): Promise<Response> {
  try {
    return await handle(context, next);
  } catch (error) {
    // Astro logs what is thrown, then shows site/pages/500.astro: hand it the error without its messages.
    if (!isDatabaseUnavailableError(error)) throw errorWithoutMessages(error);
    console.error(`database unavailable: answered 503 (${describeErrorForLog(error)})`);
    return renderServiceUnavailablePage();
  }
}

async function handle(context: Parameters<Parameters<typeof defineMiddleware>[0]>[0], next: () => Promise<Response>): Promise<Response> {
  context.locals.user = null;
  context.locals.session = null;
  const { pathname } = context.url;
  const personal = isPersonalArea(pathname);
  const token = readSessionToken(context.cookies);
  if (token && personal) {
    startHousekeepingIfDue();
    const result = await validateSessionToken((await getDatabase()).db, token, new Date());
    if (result.session) {
      context.locals.user = result.user;
      context.locals.session = result.session;
      if (result.renewed) setSessionCookie(context.cookies, token, result.session.expiresAt);
    } else {
      deleteSessionCookie(context.cookies);
    }
  }
  const needsSignIn = personal && !accountPagesForVisitors.has(pathname);
  const returnTo = context.request.method === 'GET' ? `${pathname}${context.url.search}` : pathname;
  if (needsSignIn && !context.locals.user) {
    return context.redirect(`/account/sign-in?returnTo=${encodeURIComponent(returnTo)}`, 303);
  }
  // Signed in with a password but not yet through the second step: nothing else until it is done.
  if (context.locals.user && context.locals.session && needsSecondStep(context.locals.user, context.locals.session)) {
    if (heldSessionHasExpired(context.locals.user, context.locals.session, new Date())) {
      await invalidateSession((await getDatabase()).db, context.locals.session.id);
      deleteSessionCookie(context.cookies);
      return context.redirect(`/account/sign-in?returnTo=${encodeURIComponent(returnTo)}`, 303);
    }
    if (!pagesBeforeSecondStep.has(pathname)) return context.redirect(`/account/two-step?returnTo=${encodeURIComponent(returnTo)}`, 303);
  }
  // An account made with NHS login may have no email address at all; one that has an address must have confirmed it.
  if (context.locals.user && context.locals.user.email !== null && !context.locals.user.emailVerified && isInArea(pathname, '/record')) {
    return context.redirect('/account', 303);
  }
  // Where the service requires it, record data needs a session vouched for at the minimum identity level.
  const minimumLevel = getConfiguration().oidc?.minimumLevel ?? null;
  if (minimumLevel && context.locals.session && (isInArea(pathname, '/record') || recordDataPages.has(pathname)) && !meetsMinimumLevel(context.locals.session.identityLevel, minimumLevel)) {
    return context.redirect(`/account/nhs-login?need=level&returnTo=${encodeURIComponent(returnTo)}`, 303);
  }
  return next();
}
