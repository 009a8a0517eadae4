// Vitest runs the unit and database suites; the runner is chosen by folder.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'db',
          include: ['tests/db/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // PGlite and PostgreSQL legs share nothing, but one at a time keeps the 2-core machine calm.
          fileParallelism: false,
        },
      },
    ],
  },
});
