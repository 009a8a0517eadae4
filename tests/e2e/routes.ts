/** The signed-in routes, read from the routes folder so a new route is tested as soon as it exists. */
import { readdirSync } from 'node:fs';
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
