/**
 * Sanity's publish webhook: marks the signed-in pages' content snapshot as old, so the next request
 * loads the newly published guidance. Needs CONTENT_WEBHOOK_SECRET, sent as "Authorization: Bearer …";
 * without it configured the route is not found. It reads no cookies and changes no one's data.
 */
import type { APIRoute } from 'astro';
import { isBearerSecret } from '../../../src/security/shared-secret.ts';
import { getConfiguration } from '../../config.ts';
import { expireContentSnapshot } from '../../lib/content-snapshot.ts';

export const prerender = false;

const text = (body: string, status: number, headers: Record<string, string> = {}) => new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...headers } });

export const POST: APIRoute = ({ request }) => {
  const secret = getConfiguration().contentWebhookSecret;
  if (!secret) return text('Page not found.\n', 404);
  if (!isBearerSecret(request.headers.get('authorization'), secret)) return text('The webhook secret is missing or wrong.\n', 401, { 'WWW-Authenticate': 'Bearer' });
  expireContentSnapshot();
  return text('The content will be refreshed on the next request.\n', 202);
};

export const ALL: APIRoute = () => text('Use POST.\n', 405, { Allow: 'POST' });
