/**
 * Build scaling (issue 9): the full build (Astro, then Pagefind, then the review report: what
 * `npm run build` does) of synthetic datasets of several sizes, against a bare Astro build of the same
 * documents as plain pages (bench/bare-astro) run straight after it. Everything is built under a
 * temporary directory, never ./dist, and removed afterwards; the largest site can be kept for the
 * search benchmark.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Result } from './result.ts';
import { generateSyntheticDataset } from './synthetic-content.ts';

const projectDir = fileURLToPath(new URL('..', import.meta.url));
const astroBin = path.join(projectDir, 'node_modules/astro/bin/astro.mjs');
const pagefindBin = path.join(projectDir, 'node_modules/pagefind/lib/runner/bin.cjs');
const reviewReportScript = path.join(projectDir, 'scripts/review-report.ts');
const compressionScript = path.join(projectDir, 'scripts/static-compression.ts');
const bareAstroDir = path.join(projectDir, 'bench/bare-astro');

/** A built site kept for another benchmark; call `remove` when done (it is also removed when the process exits). */
export interface KeptSite {
  /** The static files: the directory the search page and the Pagefind index are served from. */
  readonly clientDir: string;
  readonly documents: number;
  remove(): void;
}

/** What `benchmarkBuildScaling` measured, and the site it kept if asked to. */
export interface BuildScalingOutcome {
  readonly results: Result[];
  readonly keptSite: KeptSite | null;
}

interface SizeTiming {
  readonly documents: number;
  readonly fullPages: number;
  readonly barePages: number;
  readonly astroMs: number;
  readonly pagefindMs: number;
  readonly compressMs: number;
  readonly reportMs: number;
  readonly fullMs: number;
  readonly bareMs: number;
}

/** Runs a command to the end; resolves with how long it took, or rejects with the end of its output. */
function timeCommand(label: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    // Keep only the end of the output: a 5,000-page build logs every page.
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-8000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve(performance.now() - started);
      else reject(new Error(`${label} failed (${signal ?? `exit code ${code}`}). The end of its output:\n${output}`));
    });
  });
}

/** The number of HTML pages under `dir`. */
function countHtmlFiles(dir: string): number {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.html')).length;
}

/** The environment for a build: the synthetic dataset, never a Sanity project someone has configured. */
function createBuildEnvironment(datasetPath: string): NodeJS.ProcessEnv {
  const { SANITY_PROJECT_ID: _project, SANITY_DATASET: _dataset, ...env } = process.env;
  return { ...env, CONTENT_DATASET_PATH: datasetPath, BENCH_DATASET_PATH: datasetPath, ASTRO_TELEMETRY_DISABLED: '1' };
}

const formatSeconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const calculateMsPerPage = (ms: number, pages: number) => ms / Math.max(1, pages);
const formatCount = (count: number) => count.toLocaleString('en-GB');

/** Builds one size, full and bare, under `workDir`; leaves the full site's output in `fullOut`. */
async function measureSize(documents: number, workDir: string, fullOut: string): Promise<SizeTiming> {
  const datasetPath = path.join(workDir, `dataset-${documents}.ndjson`);
  writeFileSync(datasetPath, generateSyntheticDataset(documents));
  const env = createBuildEnvironment(datasetPath);
  const bareOut = path.join(workDir, `bare-${documents}`);
  try {
    console.log(`  ${formatCount(documents)} documents: full build (astro build)…`);
    const astroMs = await timeCommand('astro build', [astroBin, 'build', '--outDir', fullOut], { cwd: projectDir, env });
    console.log(`  ${formatCount(documents)} documents: astro build ${formatSeconds(astroMs)}; pagefind…`);
    const pagefindMs = await timeCommand('pagefind', [pagefindBin, '--site', path.join(fullOut, 'client')], { cwd: projectDir, env });
    const compressMs = await timeCommand('compression', [compressionScript, path.join(fullOut, 'client')], { cwd: projectDir, env });
    const reportMs = await timeCommand('review report', [reviewReportScript], { cwd: projectDir, env });
    console.log(`  ${formatCount(documents)} documents: pagefind ${formatSeconds(pagefindMs)}, compression ${formatSeconds(compressMs)}, review report ${formatSeconds(reportMs)}; bare Astro build…`);
    const bareMs = await timeCommand('bare astro build', [astroBin, 'build', '--root', path.join(workDir, 'bare-astro'), '--outDir', bareOut], { cwd: workDir, env });
    const timing: SizeTiming = {
      documents,
      fullPages: countHtmlFiles(path.join(fullOut, 'client')),
      barePages: countHtmlFiles(bareOut),
      astroMs,
      pagefindMs,
      compressMs,
      reportMs,
      fullMs: astroMs + pagefindMs + compressMs + reportMs,
      bareMs,
    };
    console.log(`  ${formatCount(documents)} documents: full ${formatSeconds(timing.fullMs)} for ${formatCount(timing.fullPages)} pages, bare ${formatSeconds(bareMs)} for ${formatCount(timing.barePages)} pages`);
    return timing;
  } finally {
    rmSync(bareOut, { recursive: true, force: true });
    rmSync(datasetPath, { force: true });
  }
}

function describeSize(timing: SizeTiming): Result {
  const full = calculateMsPerPage(timing.fullMs, timing.fullPages);
  const bare = calculateMsPerPage(timing.bareMs, timing.barePages);
  const ratio = full / bare;
  return {
    name: `Full build (npm run build: Astro, Pagefind, compression, review report), ${formatCount(timing.documents)} documents`,
    figure: `${formatSeconds(timing.fullMs)} for ${formatCount(timing.fullPages)} pages, ${full.toFixed(1)} ms a page (Astro ${formatSeconds(timing.astroMs)}, Pagefind ${formatSeconds(timing.pagefindMs)}, compression ${formatSeconds(timing.compressMs)}, report ${formatSeconds(timing.reportMs)})`,
    baseline: `bare Astro, ${formatCount(timing.barePages)} plain pages: ${formatSeconds(timing.bareMs)}, ${bare.toFixed(1)} ms a page`,
    ratio: `${ratio.toFixed(2)}×`,
    goal: `≤ 1.5× bare Astro a page: ${ratio <= 1.5 ? 'met' : 'missed'}`,
  };
}

/** How cost grows from the smallest size to the largest: the extra time for each extra page, and the power law it fits. */
function describeGrowth(timings: readonly SizeTiming[]): Result | null {
  const first = timings[0];
  const last = timings.at(-1);
  if (!first || !last || last.documents === first.documents) return null;
  const marginal = (pick: (timing: SizeTiming) => [number, number]) =>
    timings.slice(1).map((timing, index) => {
      const previous = timings[index] as SizeTiming;
      const [ms, pages] = pick(timing);
      const [previousMs, previousPages] = pick(previous);
      return { from: previous.documents, to: timing.documents, ms: (ms - previousMs) / Math.max(1, pages - previousPages) };
    });
  const fullMarginal = marginal((timing) => [timing.fullMs, timing.fullPages]);
  const bareMarginal = marginal((timing) => [timing.bareMs, timing.barePages]);
  const exponent = (pick: (timing: SizeTiming) => [number, number]) => {
    const [firstMs, firstPages] = pick(first);
    const [lastMs, lastPages] = pick(last);
    return Math.log(lastMs / firstMs) / Math.log(lastPages / firstPages);
  };
  const describe = (steps: typeof fullMarginal) => steps.map((step) => `${formatCount(step.from)}→${formatCount(step.to)}: ${step.ms.toFixed(1)} ms`).join(', ');
  const lastFull = fullMarginal.at(-1)?.ms ?? 0;
  const lastBare = bareMarginal.at(-1)?.ms ?? 1;
  return {
    name: `Build cost growth, ${formatCount(first.documents)} → ${formatCount(last.documents)} documents`,
    figure: `full build: each extra page ${describe(fullMarginal)}; time grows as pages^${exponent((timing) => [timing.fullMs, timing.fullPages]).toFixed(2)}`,
    baseline: `bare Astro: each extra page ${describe(bareMarginal)}; pages^${exponent((timing) => [timing.bareMs, timing.barePages]).toFixed(2)}`,
    ratio: `${(lastFull / lastBare).toFixed(2)}× (extra page, largest step)`,
    goal: 'none set (issue 9: report how cost grows); flat extra-page cost means linear growth',
  };
}

/**
 * Times the full build and the bare Astro build at each size (documents in the dataset, including the
 * bundled ones). With `keepSiteOf`, the full build of that size is kept for the search benchmark.
 */
export async function benchmarkBuildScaling(sizes: readonly number[] = [500, 2000, 5000], options: { keepSiteOf?: number } = {}): Promise<BuildScalingOutcome> {
  const workDir = mkdtempSync(path.join(tmpdir(), 'bench-build-'));
  const removeWorkDir = () => rmSync(workDir, { recursive: true, force: true });
  // Each build runs its own server chunks from the output directory; they find the project's packages here.
  symlinkSync(path.join(projectDir, 'node_modules'), path.join(workDir, 'node_modules'), 'dir');
  // The bare site is built from a copy, so Astro's caches and generated types never land in bench/.
  cpSync(bareAstroDir, path.join(workDir, 'bare-astro'), { recursive: true, filter: (source) => !/[/\\](node_modules|\.astro|dist)$/.test(source) });
  process.on('exit', removeWorkDir);
  let kept = false;
  try {
    console.log(`Build scaling: ${sizes.map(formatCount).join(', ')} documents (working in ${workDir})`);
    // One untimed bare build first, so the first size's baseline does not also pay for a cold start.
    const warmUpEnv = createBuildEnvironment(path.join(projectDir, 'studio/data/production.ndjson'));
    await timeCommand('bare astro build (warm-up)', [astroBin, 'build', '--root', path.join(workDir, 'bare-astro'), '--outDir', path.join(workDir, 'bare-warm-up')], { cwd: workDir, env: warmUpEnv });
    rmSync(path.join(workDir, 'bare-warm-up'), { recursive: true, force: true });
    const timings: SizeTiming[] = [];
    let keptSite: KeptSite | null = null;
    for (const documents of [...sizes].sort((a, b) => a - b)) {
      const fullOut = path.join(workDir, `full-${documents}`);
      try {
        timings.push(await measureSize(documents, workDir, fullOut));
      } finally {
        if (options.keepSiteOf !== documents) rmSync(fullOut, { recursive: true, force: true });
      }
      if (options.keepSiteOf === documents) {
        rmSync(path.join(fullOut, 'server'), { recursive: true, force: true });
        keptSite = {
          clientDir: path.join(fullOut, 'client'),
          documents,
          remove: () => {
            removeWorkDir();
            process.off('exit', removeWorkDir);
          },
        };
      }
    }
    kept = keptSite !== null;
    const growth = describeGrowth(timings);
    return { results: [...timings.map(describeSize), ...(growth ? [growth] : [])], keptSite };
  } finally {
    if (!kept) {
      removeWorkDir();
      process.off('exit', removeWorkDir);
    } else {
      // Only the kept site stays: drop the bare copy now.
      rmSync(path.join(workDir, 'bare-astro'), { recursive: true, force: true });
    }
  }
}

if (import.meta.main) {
  const sizes = process.argv.slice(2).map(Number).filter((size) => size > 0);
  const { results } = await benchmarkBuildScaling(sizes.length > 0 ? sizes : undefined);
  console.log(results);
}
