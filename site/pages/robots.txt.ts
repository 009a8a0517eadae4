/** `robots.txt`: everything public may be crawled except forms and service routes; points to the sitemap. */
import type { APIRoute } from 'astro';

export const prerender = true;

export const GET: APIRoute = ({ site }) => {
  const sitemap = new URL('/sitemap.xml', site ?? 'http://localhost:4321').href;
  const body = ['User-agent: *', 'Disallow: /feedback', 'Disallow: /find-your-stage', 'Disallow: /health', 'Disallow: /preview', 'Disallow: /design', `Sitemap: ${sitemap}`, ''].join('\n');
  return new Response(body, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
