/** `npm run content:import` and `content:export`: they explain what to set, and export publishes only. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { parseDatasetNdjson } from '../../src/content/dataset.ts';
import { startSanityQueryServer } from '../fixtures/sanity-query-server.ts';

const script = (name: string) => fileURLToPath(new URL(`../../scripts/${name}`, import.meta.url));
const { SANITY_PROJECT_ID: _projectId, SANITY_DATASET: _dataset, ...baseEnv } = process.env;

describe.each(['content-import.ts', 'content-export.ts'])('%s without a Sanity project', (name) => {
  test('says what to set and exits with an error', () => {
    const result = spawnSync(process.execPath, [script(name)], { env: baseEnv, encoding: 'utf8', timeout: 20_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/SANITY_PROJECT_ID/);
    expect(result.stderr).toMatch(/SANITY_DATASET/);
  });
});

describe('content-export.ts', () => {
  test('writes only published documents, in a stable order, from the configured project', async () => {
    const fixture = parseDatasetNdjson(readFileSync(new URL('../fixtures/content/fixture.ndjson', import.meta.url), 'utf8'));
    const server = await startSanityQueryServer(fixture, 'production');
    const output = path.join(mkdtempSync(path.join(os.tmpdir(), 'portal-export-')), 'export.ndjson');
    try {
      const exitCode = await new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, [script('content-export.ts')], {
          env: { ...baseEnv, SANITY_PROJECT_ID: 'fixture', SANITY_DATASET: 'production', SANITY_API_HOST: server.url, CONTENT_EXPORT_PATH: output },
          stdio: 'ignore',
        });
        child.on('exit', resolve);
      });
      expect(exitCode).toBe(0);
      const exported = parseDatasetNdjson(readFileSync(output, 'utf8'));
      const expected = fixture.filter((document) => !document._id.startsWith('drafts.') && !document._id.startsWith('versions.'));
      expect(exported.map((document) => document._id)).toEqual(
        expected.map((document) => [document._type, document._id]).sort().map(([, id]) => id),
      );
    } finally {
      await server.close();
    }
  });
});
