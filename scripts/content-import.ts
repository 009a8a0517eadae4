/**
 * `npm run content:import`: loads the bundled guidance (studio/data/production.ndjson) into the
 * configured Sanity dataset with the Sanity CLI, replacing documents with the same ids.
 * Needs SANITY_PROJECT_ID, SANITY_DATASET and a token with write access (SANITY_AUTH_TOKEN).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { requireSanityConfiguration } from './sanity-configuration.ts';

const howTo = [
  'Loading the bundled guidance needs a Sanity project. Set these and run "npm run content:import" again:',
  '  SANITY_PROJECT_ID  your project id, from sanity.io/manage',
  '  SANITY_DATASET     the dataset to load into, for example "production"',
  '  SANITY_AUTH_TOKEN  a token with write access (or run "npx sanity login" in studio/ first)',
].join('\n');

const content = requireSanityConfiguration(howTo);

const studioDir = fileURLToPath(new URL('../studio/', import.meta.url));
const child = spawn('npx', ['sanity', 'dataset', 'import', 'data/production.ndjson', content.dataset, '--replace'], {
  cwd: studioDir,
  stdio: 'inherit',
  env: { ...process.env, SANITY_STUDIO_PROJECT_ID: content.projectId, SANITY_STUDIO_DATASET: content.dataset, DO_NOT_TRACK: '1', NO_UPDATE_NOTIFIER: '1' },
});
child.on('exit', (code) => process.exit(code ?? 1));
