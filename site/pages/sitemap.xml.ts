/** `sitemap.xml`, built with the site from the same content source as the pages. */
import type { APIRoute } from 'astro';
import { listGuidanceDocuments, listTopics } from '../../src/content/queries.ts';
import { guidanceSections, guidanceToPath } from '../../src/content/paths.ts';
import { getContentSource } from '../lib/content-source.ts';

export const prerender = true;

/** Pages that are not guidance documents but belong in the sitemap. */
const fixedPaths = ['/', '/topics', '/vaccines/schedule', '/search', '/accessibility-statement', '/privacy', '/cookies'];

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export const GET: APIRoute = async ({ site }) => {
  const base = site ?? new URL('http://localhost:4321');
  const source = getContentSource();
  const [documents, topics] = await Promise.all([listGuidanceDocuments(source), listTopics(source)]);
  const entries = [
    ...fixedPaths.map((path) => ({ path, lastmod: null as string | null })),
    ...Object.values(guidanceSections).map((section) => ({ path: section.path, lastmod: null })),
    ...topics.filter((topic) => topic.slug).map((topic) => ({ path: `/topics/${topic.slug}`, lastmod: null })),
    ...documents
      .filter((document) => document.slug)
      .map((document) => ({ path: guidanceToPath({ _type: document._type, slug: document.slug ?? '' }), lastmod: document.updatedAt.slice(0, 10) })),
  ];
  const urls = entries
    .map(({ path, lastmod }) => `  <url><loc>${escapeXml(new URL(path, base).href)}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ''}</url>`)
    .join('\n');
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls}\n</urlset>\n`;
  return new Response(xml, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};
