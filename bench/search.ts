/**
 * Search (issue 9): in Debian's Chromium, the time from pressing Search to the first results on the
 * page, and the bytes fetched, for 10 common searches on a built site (the build-scaling benchmark's
 * 5,000-document site). Each search starts in a fresh browser context (empty cache), as a family's first
 * search would. Baseline, measured in the same contexts: loading the search page until it is ready to
 * search (Pagefind's runtime, WebAssembly and filters loaded).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page, type Request } from '@playwright/test';
import { securityHeaders } from '../src/security/headers.ts';
import type { Result } from './result.ts';
import { startStaticServer } from './static-server.ts';

/** Common searches: single words, two words and a vaccine name, as families type them. */
export const searchQueries = ['sleep', 'teething', 'fever', 'breastfeeding', 'vaccines', 'weaning', 'nappy rash', 'high temperature', 'colic', 'MMRV'] as const;

const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface SearchTiming {
  readonly query: string;
  readonly readyMs: number;
  readonly firstResultsMs: number;
  readonly results: number;
  readonly pageBytes: number;
  readonly queryBytes: number;
}

/** What the page itself records, on its own clock, so Playwright's round trips are not counted. */
interface PageMarks {
  readyAt?: number;
  submitAt?: number;
  resultsAt?: number;
  statusAt?: number;
}

/** Runs in the page before its own scripts: notes when search is ready, when Search is pressed and when results appear. */
function recordSearchMarks(): void {
  const marks: PageMarks = {};
  (window as unknown as { benchMarks: PageMarks }).benchMarks = marks;
  document.addEventListener('submit', () => (marks.submitAt ??= performance.now()), true);
  new MutationObserver((records) => {
    for (const record of records) {
      const target = record.target;
      if (!(target instanceof Element)) continue;
      if (target.id === 'search-form' && !(target as HTMLFormElement).hidden) marks.readyAt ??= performance.now();
      if (marks.submitAt === undefined) continue;
      // Results are appended, then the status is set; a frame later they are on screen.
      if (target.id === 'search-results' && target.childElementCount > 0 && marks.resultsAt === undefined) {
        marks.resultsAt = -1;
        requestAnimationFrame(() => (marks.resultsAt = performance.now()));
      }
      if (target.id === 'search-status' && (target.textContent ?? '') !== '' && marks.statusAt === undefined) {
        marks.statusAt = -1;
        requestAnimationFrame(() => (marks.statusAt = performance.now()));
      }
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['hidden'] });
}

async function readMarks(page: Page): Promise<PageMarks> {
  return page.evaluate(() => ({ ...(window as unknown as { benchMarks: PageMarks }).benchMarks }));
}

/** Waits until `isDone` holds for the page's marks, polling (the page's Content-Security-Policy rules out waitForFunction's eval). */
async function waitForMarks(page: Page, isDone: (marks: PageMarks) => boolean, timeoutMs = 30_000): Promise<PageMarks> {
  const started = Date.now();
  for (;;) {
    const marks = await readMarks(page);
    if (isDone(marks)) return marks;
    if (Date.now() - started > timeoutMs) throw new Error('The search page did not finish in 30 seconds: check the site was built with Pagefind');
    await page.waitForTimeout(25);
  }
}

/** One search from a fresh context: load /search, wait until ready and the network is quiet, then search. */
async function measureSearch(browser: Browser, origin: string, query: string): Promise<SearchTiming> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.addInitScript(recordSearchMarks);
    // Transferred bytes (headers and body as sent) per request, split at the moment Search is pressed.
    let submitted = false;
    const afterSubmit = new WeakSet<Request>();
    const sizes: Promise<{ bytes: number; isQuery: boolean }>[] = [];
    context.on('request', (request) => {
      if (submitted) afterSubmit.add(request);
    });
    context.on('requestfinished', (request) => {
      sizes.push(request.sizes().then((size) => ({ bytes: size.responseBodySize + size.responseHeadersSize, isQuery: afterSubmit.has(request) })));
    });
    await page.goto(`${origin}/search`, { waitUntil: 'networkidle' });
    const ready = await waitForMarks(page, (marks) => marks.readyAt !== undefined);
    await page.fill('#search-query', query);
    submitted = true;
    await page.click('#search-form button[type="submit"]');
    const done = await waitForMarks(page, (marks) => marks.statusAt !== undefined && marks.statusAt !== -1 && marks.resultsAt !== -1);
    // The page shows results only once every fragment has arrived; this lets the last events reach us.
    await page.waitForTimeout(200);
    const results = await page.locator('#search-results li').count();
    const counted = await Promise.all(sizes);
    const pageBytes = counted.filter((size) => !size.isQuery).reduce((sum, size) => sum + size.bytes, 0);
    const queryBytes = counted.filter((size) => size.isQuery).reduce((sum, size) => sum + size.bytes, 0);
    const finishedAt = done.resultsAt ?? done.statusAt ?? 0;
    return { query, readyMs: ready.readyAt ?? 0, firstResultsMs: finishedAt - (done.submitAt ?? 0), results, pageBytes, queryBytes };
  } finally {
    await context.close();
  }
}

/** The median of `values` (the mean of the middle two when there is an even number). */
export function calculateMedian(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** The number of pages in the site's Pagefind index, or null if it cannot be read. */
function readIndexedPageCount(siteDir: string): number | null {
  try {
    const entry = JSON.parse(readFileSync(path.join(siteDir, 'pagefind/pagefind-entry.json'), 'utf8')) as { languages?: Record<string, { page_count?: number }> };
    return Object.values(entry.languages ?? {}).reduce((sum, language) => sum + (language.page_count ?? 0), 0);
  } catch {
    return null;
  }
}

const formatKilobytes = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/**
 * Times 10 searches in Chromium on the built site in `siteDir` (a client directory with a Pagefind index,
 * such as the 5,000-document site build-scaling keeps), served with the portal's security headers.
 */
export async function benchmarkSearch(siteDir: string): Promise<Result[]> {
  const pages = readIndexedPageCount(siteDir);
  if (pages === null) throw new Error(`No Pagefind index in ${siteDir}: build the site and run pagefind on it first`);
  const server = await startStaticServer(siteDir, securityHeaders);
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
    console.log(`Search: ${searchQueries.length} searches on ${pages.toLocaleString('en-GB')} indexed pages (${server.origin})`);
    // One untimed search first, so the first timed one does not pay for starting the browser.
    await measureSearch(browser, server.origin, 'sleep');
    const timings: SearchTiming[] = [];
    for (const query of searchQueries) {
      const timing = await measureSearch(browser, server.origin, query);
      console.log(
        `  "${query}": ${timing.results} results shown, first results ${timing.firstResultsMs.toFixed(0)} ms after Search, ${formatKilobytes(timing.queryBytes)} fetched (page ready in ${timing.readyMs.toFixed(0)} ms, ${formatKilobytes(timing.pageBytes)})`,
      );
      timings.push(timing);
    }
    const times = timings.map((timing) => timing.firstResultsMs);
    const queryBytes = timings.map((timing) => timing.queryBytes);
    const readyTimes = timings.map((timing) => timing.readyMs);
    const pageBytes = timings.map((timing) => timing.pageBytes);
    const label = `Search in Chromium, ${pages.toLocaleString('en-GB')} indexed pages, ${timings.length} searches from an empty cache`;
    return [
      {
        name: `${label}: time from Search to first results`,
        figure: `median ${calculateMedian(times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms`,
        baseline: `search page ready to search (no query): median ${calculateMedian(readyTimes).toFixed(0)} ms`,
        ratio: `${(calculateMedian(times) / calculateMedian(readyTimes)).toFixed(2)}×`,
        goal: 'none set (issue 9 asks for the figures)',
      },
      {
        name: `${label}: bytes fetched for a search (index chunks and result fragments)`,
        figure: `median ${formatKilobytes(calculateMedian(queryBytes))}, max ${formatKilobytes(Math.max(...queryBytes))}, total ${formatKilobytes(queryBytes.reduce((sum, bytes) => sum + bytes, 0))}`,
        baseline: `search page load (HTML, CSS, JS, Pagefind runtime, WebAssembly, filters): median ${formatKilobytes(calculateMedian(pageBytes))}`,
        ratio: `${(calculateMedian(queryBytes) / calculateMedian(pageBytes)).toFixed(2)}×`,
        goal: 'none set (issue 9 asks for the figures)',
      },
    ];
  } finally {
    await browser?.close();
    await server.close();
  }
}

if (import.meta.main) {
  const siteDir = process.argv[2];
  if (!siteDir) {
    console.error('Give the built client directory: npx node bench/search.ts <dir>/client');
    process.exit(1);
  }
  console.log(await benchmarkSearch(path.resolve(siteDir)));
}
