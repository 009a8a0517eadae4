/** `npm run studio` with no Sanity project says what to set and exits with an error. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const script = fileURLToPath(new URL('../../scripts/studio.ts', import.meta.url));

describe('npm run studio', () => {
  test.each([
    ['neither variable', {}],
    ['only the project id', { SANITY_PROJECT_ID: 'abc123' }],
    ['only the dataset', { SANITY_DATASET: 'production' }],
    ['blank values', { SANITY_PROJECT_ID: ' ', SANITY_DATASET: '' }],
  ])('with %s, explains what to set and exits non-zero', (_name, env) => {
    const { SANITY_PROJECT_ID: _projectId, SANITY_DATASET: _dataset, ...rest } = process.env;
    const result = spawnSync(process.execPath, [script], { env: { ...rest, ...env }, encoding: 'utf8', timeout: 20_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/SANITY_PROJECT_ID/);
    expect(result.stderr).toMatch(/SANITY_DATASET/);
  });
});
