/**
 * `npm test`: lint, type check, unit, database (PGlite and PostgreSQL), end-to-end and
 * accessibility suites, then one closing line totalling them all: "N passed, N failed".
 * Every suite runs even if an earlier one fails, so one run shows everything that is wrong.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

interface SuiteResult {
  readonly name: string;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly seconds: number;
}

const outputDir = '.test-output';
// No tool may need the network during tests: keep Astro's usage reporting off.
process.env.ASTRO_TELEMETRY_DISABLED = '1';
const results: SuiteResult[] = [];

function run(command: string, args: readonly string[], options: SpawnSyncOptions = {}): number {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options, env: { ...process.env, ...options.env } });
  return result.status ?? 1;
}

function heading(text: string): void {
  console.log(`\n=== ${text} ===`);
}

/** Runs a command that is one check: it passes or fails as a whole. */
function runCheck(name: string, command: string, args: readonly string[], options: SpawnSyncOptions = {}): boolean {
  heading(name);
  const started = performance.now();
  const status = run(command, args, options);
  results.push({ name, passed: status === 0 ? 1 : 0, failed: status === 0 ? 0 : 1, skipped: 0, seconds: (performance.now() - started) / 1000 });
  return status === 0;
}

/** Finds Debian's Chromium, installing it with apt when running as root and it is missing. */
function findChromium(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((path): path is string => Boolean(path));
  const found = candidates.find((path) => existsSync(path));
  if (found) return found;
  if (process.getuid?.() === 0) {
    heading('Installing Debian chromium for the browser tests');
    const aptEnv = { DEBIAN_FRONTEND: 'noninteractive' };
    if (run('apt-get', ['update'], { env: aptEnv }) === 0 && run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium', 'fonts-liberation'], { env: aptEnv }) === 0 && existsSync('/usr/bin/chromium')) {
      return '/usr/bin/chromium';
    }
  }
  console.error('No Chromium found for the browser tests: install Debian\'s "chromium" package, or set CHROMIUM_PATH to a Chromium binary.');
  process.exit(1);
}

function runVitest(name: string, project: string): void {
  heading(name);
  const reportPath = `${outputDir}/vitest-${project}.json`;
  rmSync(reportPath, { force: true });
  const started = performance.now();
  const status = run('vitest', ['run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${reportPath}`]);
  const seconds = (performance.now() - started) / 1000;
  if (!existsSync(reportPath)) {
    results.push({ name, passed: 0, failed: 1, skipped: 0, seconds });
    return;
  }
  const report = JSON.parse(readFileSync(reportPath, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
  // A suite that exits non-zero with no failing test (an import error, say) still counts as a failure.
  const failed = report.numFailedTests + (status !== 0 && report.numFailedTests === 0 ? 1 : 0);
  results.push({ name, passed: report.numPassedTests, failed, skipped: report.numPendingTests + report.numTodoTests, seconds });
}

interface PlaywrightSpec {
  readonly file: string;
  readonly tests: readonly { readonly status: 'expected' | 'unexpected' | 'skipped' | 'flaky' }[];
}
interface PlaywrightSuite {
  readonly specs?: readonly PlaywrightSpec[];
  readonly suites?: readonly PlaywrightSuite[];
}

function collectSpecs(suite: PlaywrightSuite): PlaywrightSpec[] {
  return [...(suite.specs ?? []), ...(suite.suites ?? []).flatMap(collectSpecs)];
}

function runPlaywright(chromium: string): void {
  heading('End-to-end and accessibility (Playwright, Chromium)');
  const reportPath = `${outputDir}/playwright.json`;
  rmSync(reportPath, { force: true });
  const started = performance.now();
  const status = run('playwright', ['test'], { env: { CHROMIUM_PATH: chromium, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' } });
  const seconds = (performance.now() - started) / 1000;
  if (!existsSync(reportPath)) {
    results.push({ name: 'End-to-end', passed: 0, failed: 1, skipped: 0, seconds });
    return;
  }
  const report = JSON.parse(readFileSync(reportPath, 'utf8')) as { suites: PlaywrightSuite[]; errors?: unknown[] };
  const specs = report.suites.flatMap(collectSpecs);
  for (const [name, folder] of [['End-to-end', 'e2e/'], ['Accessibility', 'a11y/']] as const) {
    const tests = specs.filter((spec) => spec.file.startsWith(folder)).flatMap((spec) => spec.tests);
    const failed = tests.filter((test) => test.status === 'unexpected' || test.status === 'flaky').length;
    results.push({
      name,
      passed: tests.filter((test) => test.status === 'expected').length,
      failed: failed + (name === 'End-to-end' && status !== 0 && failed === 0 && (report.errors?.length ?? 0) > 0 ? 1 : 0),
      skipped: tests.filter((test) => test.status === 'skipped').length,
      seconds: name === 'End-to-end' ? seconds : 0,
    });
  }
}

mkdirSync(outputDir, { recursive: true });
const chromium = findChromium();
const started = performance.now();

runCheck('Lint (ESLint)', 'eslint', ['.']);
runCheck('Type check (astro check)', 'astro', ['check']);
runCheck('Type check (tsc)', 'tsc', ['--noEmit', '-p', 'tsconfig.json']);
runCheck('Content types match the schema (typegen)', 'node', ['scripts/content-types.ts', '--check']);
runCheck('Studio builds (sanity build)', 'sanity', ['build', '--yes', `../${outputDir}/studio-build`], {
  cwd: 'studio',
  env: { DO_NOT_TRACK: '1', NO_UPDATE_NOTIFIER: '1' },
});
runVitest('Unit', 'unit');
runVitest('Database (PGlite and PostgreSQL)', 'db');
if (runCheck('Build (Astro and Pagefind)', 'npm', ['run', 'build', '--silent'])) {
  runPlaywright(chromium);
} else {
  results.push({ name: 'End-to-end and accessibility', passed: 0, failed: 1, skipped: 0, seconds: 0 });
}

heading('Summary');
for (const result of results) {
  const counts = `${result.passed} passed, ${result.failed} failed${result.skipped > 0 ? `, ${result.skipped} skipped` : ''}`;
  console.log(`${result.failed > 0 ? 'FAIL' : 'ok  '}  ${result.name.padEnd(36)} ${counts.padEnd(34)} ${result.seconds > 0 ? `${result.seconds.toFixed(1)} s` : ''}`);
}
const total = results.reduce((sum, result) => ({ passed: sum.passed + result.passed, failed: sum.failed + result.failed, skipped: sum.skipped + result.skipped }), { passed: 0, failed: 0, skipped: 0 });
console.log(`Total time ${((performance.now() - started) / 1000).toFixed(1)} s`);
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped > 0 ? `, ${total.skipped} skipped` : ''}`);
process.exit(total.failed > 0 ? 1 : 0);
