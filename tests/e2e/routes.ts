/** The signed-in routes, read from the routes folder so a new route is tested as soon as it exists. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Every route file under site/pages/record and site/pages/account, relative to site/pages. */
export function findSignedInRouteFiles(): string[] {
  const pagesDir = path.resolve('site/pages');
  return ['record', 'account']
    .flatMap((area) => readdirSync(path.join(pagesDir, area), { recursive: true, encoding: 'utf8' }).map((file) => `${area}/${file.split(path.sep).join('/')}`))
    .filter((file) => /\.(astro|ts)$/.test(file))
    .sort();
}

/** The URL of a route file, with `recordId` in place of [recordId] and `entryId` (by default an entry that does not exist) in place of [entryId]. */
export function routeFileToUrl(file: string, recordId: string, entryId = '00000000-0000-4000-8000-000000000000'): string {
  return `/${file.replace(/\.(astro|ts)$/, '').replace(/(^|\/)index$/, '')}`.replace('[recordId]', recordId).replace('[entryId]', entryId);
}

/** Every route file under site/pages that runs on demand (`prerender = false`), relative to site/pages. */
export function findOnDemandRouteFiles(): string[] {
  const pagesDir = path.resolve('site/pages');
  return readdirSync(pagesDir, { recursive: true, encoding: 'utf8' })
    .map((file) => file.split(path.sep).join('/'))
    .filter((file) => /\.(astro|ts)$/.test(file) && /export const prerender = false/.test(readFileSync(path.join(pagesDir, file), 'utf8')))
    .sort();
}

/** Every query parameter name the site's pages and their helpers read (`searchParams.get('…')`). */
export function findQueryParameterNames(): string[] {
  const siteDir = path.resolve('site');
  const names = new Set<string>();
  for (const file of readdirSync(siteDir, { recursive: true, encoding: 'utf8' })) {
    if (!/\.(astro|ts)$/.test(file)) continue;
    for (const match of readFileSync(path.join(siteDir, file), 'utf8').matchAll(/searchParams\.get\('([^']+)'\)/g)) names.add(match[1] ?? '');
  }
  return [...names].sort();
}
