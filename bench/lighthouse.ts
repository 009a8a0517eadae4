/**
 * Lighthouse (issue 9): performance, accessibility, best practices and SEO of the home, a stage, an
 * article and the search page of the built site, in Debian's Chromium with Lighthouse's default (mobile)
 * settings. The site is served with the portal's own security headers, so best practices are scored on
 * what families get. Goal: 100 in each category; anything less lists the audits that cost points.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { launch, type LaunchedChrome } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { securityHeaders } from '../src/security/headers.ts';
import type { Result } from './result.ts';
import { startStaticServer } from './static-server.ts';

const categories = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const categoryNames: Readonly<Record<(typeof categories)[number], string>> = {
  performance: 'performance',
  accessibility: 'accessibility',
  'best-practices': 'best practices',
  seo: 'SEO',
};

/** The pages scored: one of each kind a family meets first. */
export const lighthousePages = [
  { name: 'Home', path: '/', file: 'index.html' },
  { name: 'Stage', path: '/stages/baby-month-3', file: 'stages/baby-month-3.html' },
  { name: 'Guide (article)', path: '/guides/baby-sleep', file: 'guides/baby-sleep.html' },
  { name: 'Search', path: '/search', file: 'search.html' },
] as const;

/** One page's scores (0 to 100) and, for each category under 100, the audits that lost points. */
export interface LighthouseScores {
  readonly page: string;
  readonly scores: Readonly<Record<(typeof categories)[number], number>>;
  readonly failing: Readonly<Record<string, readonly string[]>>;
  readonly metrics: string;
}

/** Runs Lighthouse on one URL in an already running Chromium, up to 3 times if its trace fails. */
async function runLighthouse(url: string, port: number) {
  for (let attempt = 1; ; attempt += 1) {
    const run = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: [...categories] });
    if (!run) throw new Error(`Lighthouse returned nothing for ${url}`);
    if (!run.lhr.runtimeError) return run.lhr;
    // On a busy machine the trace is sometimes lost (NO_NAVSTART, NO_FCP); Lighthouse's own advice is to run again.
    if (attempt === 3) throw new Error(`Lighthouse could not load ${url} in 3 attempts: ${run.lhr.runtimeError.message}`);
    console.log(`    Lighthouse failed on ${url} (${run.lhr.runtimeError.code}); trying again`);
  }
}

/** Scores one page: each category from 0 to 100 and the audits that cost points. */
async function scorePage(url: string, port: number, page: string): Promise<LighthouseScores> {
  const lhr = await runLighthouse(url, port);
  const scores = Object.fromEntries(categories.map((id) => [id, Math.round((lhr.categories[id]?.score ?? 0) * 100)])) as Record<(typeof categories)[number], number>;
  const failing: Record<string, string[]> = {};
  for (const id of categories) {
    if (scores[id] === 100) continue;
    // Only audits that carry weight (or, for performance, the metrics) change the score.
    failing[id] = (lhr.categories[id]?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0)
      .map((ref) => lhr.audits[ref.id])
      .filter((audit) => audit !== undefined && audit.score !== null && audit.score < 1)
      .map((audit) => `${audit?.id} (${Math.round((audit?.score ?? 0) * 100)}${audit?.displayValue ? `, ${audit.displayValue}` : ''})`);
  }
  const metric = (id: string) => lhr.audits[id]?.displayValue ?? '?';
  const metrics = `FCP ${metric('first-contentful-paint')}, LCP ${metric('largest-contentful-paint')}, TBT ${metric('total-blocking-time')}, CLS ${metric('cumulative-layout-shift')}`;
  return { page, scores, failing, metrics };
}

function describeScores(result: LighthouseScores, pagePath: string): Result {
  const all100 = categories.every((id) => result.scores[id] === 100);
  const misses = Object.entries(result.failing)
    .map(([id, audits]) => `${categoryNames[id as (typeof categories)[number]]}: ${audits.length > 0 ? audits.join(', ') : 'no weighted audit below 100'}`)
    .join('; ');
  return {
    name: `Lighthouse (mobile, Chromium): ${result.page} ${pagePath}`,
    figure: `${categories.map((id) => `${categoryNames[id]} ${result.scores[id]}`).join(', ')} (${result.metrics})`,
    baseline: 'none: absolute scores',
    ratio: '—',
    goal: `100 each: ${all100 ? 'met' : `missed (${misses})`}`,
  };
}

/**
 * Scores the home, stage, article and search pages of the built site in `siteDir` (the client directory,
 * such as dist/client after `npm run build`). One Chromium, one page at a time.
 */
export async function benchmarkLighthouse(siteDir: string): Promise<Result[]> {
  const missing = lighthousePages.filter((page) => !existsSync(path.join(siteDir, page.file)));
  if (missing.length > 0) throw new Error(`The built site in ${siteDir} has no ${missing.map((page) => page.file).join(', ')}: run npm run build first`);
  const server = await startStaticServer(siteDir, securityHeaders);
  let chrome: LaunchedChrome | null = null;
  try {
    chrome = await launch({
      chromePath: process.env.CHROME_PATH ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
      logLevel: 'error',
    });
    console.log(`Lighthouse: ${lighthousePages.length} pages (${server.origin}); about 15 s a page on 2 cores`);
    const results: Result[] = [];
    for (const page of lighthousePages) {
      const scores = await scorePage(`${server.origin}${page.path}`, chrome.port, page.name);
      console.log(`  ${page.name} ${page.path}: ${categories.map((id) => `${categoryNames[id]} ${scores.scores[id]}`).join(', ')}; ${scores.metrics}`);
      for (const [id, audits] of Object.entries(scores.failing)) console.log(`    ${id} below 100: ${audits.join(', ') || 'no weighted audit below 100'}`);
      results.push(describeScores(scores, page.path));
    }
    return results;
  } finally {
    chrome?.kill();
    await server.close();
  }
}

if (import.meta.main) {
  const siteDir = process.argv[2] ?? 'dist/client';
  console.log(await benchmarkLighthouse(path.resolve(siteDir)));
}
