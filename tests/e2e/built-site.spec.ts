/**
 * Promises about the built site itself: guidance pages are light and ship no JavaScript, and the
 * search index holds public guidance only (never a signed-in route or record data).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { guidanceSections } from '../../src/content/paths.ts';

const client = new URL('../../dist/client/', import.meta.url).pathname;
const guidanceDirs = Object.values(guidanceSections).map((section) => section.path.slice(1));

function listHtml(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? (name === 'pagefind' ? [] : listHtml(full)) : name.endsWith('.html') ? [full] : [];
  });
}

const htmlFiles = listHtml(client);
const relative = (file: string) => path.relative(client, file);
const guidancePages = htmlFiles.filter((file) => guidanceDirs.includes(relative(file).split(path.sep)[0] ?? '') && relative(file).includes(path.sep));

test('every guidance page is at most 40 KB of HTML and CSS, gzipped', () => {
  expect(guidancePages.length).toBeGreaterThan(100);
  const sizes = guidancePages.map((file) => {
    const html = readFileSync(file, 'utf8');
    const css = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)].map((match) => readFileSync(path.join(client, match[1] ?? ''), 'utf8')).join('');
    return { page: relative(file), bytes: gzipSync(html).length + gzipSync(css).length };
  });
  const heaviest = sizes.sort((a, b) => b.bytes - a.bytes)[0];
  console.log(`heaviest guidance page: ${heaviest?.page}, ${heaviest?.bytes} bytes of HTML and CSS gzipped`);
  expect(heaviest?.bytes ?? Infinity).toBeLessThanOrEqual(40 * 1024);
});

test('guidance pages ship no JavaScript; only the search page loads Pagefind', () => {
  for (const file of guidancePages) expect(readFileSync(file, 'utf8'), relative(file)).not.toMatch(/<script/);
  const withScripts = htmlFiles.filter((file) => /<script/.test(readFileSync(file, 'utf8'))).map(relative);
  expect(withScripts).toEqual(['search.html']);
  expect(readFileSync(path.join(client, 'search.html'), 'utf8')).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>\s*\S/);
});

test('the search index holds public guidance pages only', () => {
  const indexed = htmlFiles.filter((file) => /data-pagefind-body/.test(readFileSync(file, 'utf8'))).map(relative);
  expect(indexed.length).toBe(guidancePages.length);
  for (const page of indexed) expect(guidanceDirs, page).toContain(page.split(path.sep)[0]);
  // No signed-in or on-demand route is ever built as a static page, so Pagefind never sees one.
  expect(htmlFiles.map(relative).filter((page) => /^(record|account|preview|feedback|find-your-stage|health)/.test(page))).toEqual([]);
  const entry = JSON.parse(readFileSync(path.join(client, 'pagefind', 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
  const pageCount = Object.values(entry.languages).reduce((total, language) => total + language.page_count, 0);
  expect(pageCount).toBe(indexed.length);
});
