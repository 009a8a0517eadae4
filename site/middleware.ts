/**
 * Runs before every on-demand route: refuses cross-origin state-changing requests and adds the
 * security headers. (Static files get the same headers from the server in `scripts/serve.ts`.)
 */
import { defineMiddleware } from 'astro:middleware';
import { checkRequestOrigin } from '../src/security/origin.ts';
import { securityHeaders } from '../src/security/headers.ts';
import { getConfiguration } from './config.ts';
import { renderRefusedPage } from './lib/refused-page.ts';

export const onRequest = defineMiddleware(async (context, next) => {
  // Pages built ahead of time have no real request; their headers come from the server.
  if (context.isPrerendered) return next();
  const check = checkRequestOrigin({
    method: context.request.method,
    requestOrigin: context.url.origin,
    originHeader: context.request.headers.get('origin'),
    secFetchSite: context.request.headers.get('sec-fetch-site'),
    trustedOrigins: [new URL(getConfiguration().siteUrl).origin],
  });
  const response = check.allowed ? await next() : renderRefusedPage();
  for (const [name, value] of Object.entries(securityHeaders)) response.headers.set(name, value);
  return response;
});
