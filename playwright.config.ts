// Playwright runs the end-to-end and accessibility suites in Debian's Chromium against the
// built site, served by scripts/serve.ts on a fresh embedded database.
import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 4399);
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'tests',
  testMatch: ['e2e/**/*.spec.ts', 'a11y/**/*.spec.ts'],
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: [['list'], ['json', { outputFile: '.test-output/playwright.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: {
    // The log is kept for the privacy scan (tests/e2e/zz-privacy.spec.ts).
    command: 'rm -rf .test-output/e2e-pglite .test-output/e2e-outbox && node scripts/serve.ts 2>&1 | tee .test-output/e2e-server.log',
    url: `http://127.0.0.1:${port}/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      SITE_URL: `http://127.0.0.1:${port}`,
      PGLITE_DATA_DIR: '.test-output/e2e-pglite',
      OUTBOX_DIR: '.test-output/e2e-outbox',
      SMTP_URL: '',
      DATABASE_URL: '',
      // Every test family signs up from 127.0.0.1: more than the 30 an hour one address is allowed by default.
      SIGN_UP_LIMIT_PER_ADDRESS: '1000',
      // The server sends the weekly emails itself every minute, so a test can see one arrive.
      REMINDERS_EVERY_MINUTES: '1',
    },
  },
});
