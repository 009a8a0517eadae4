/**
 * `npm run studio`: starts the editors' Sanity Studio for the configured project. Without
 * SANITY_PROJECT_ID and SANITY_DATASET it says what to set and exits with an error.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { requireSanityConfiguration } from './sanity-configuration.ts';

const howToConfigure = [
  'The Studio needs a Sanity project. Set both of these and run "npm run studio" again:',
  '  SANITY_PROJECT_ID  your project id, from sanity.io/manage',
  '  SANITY_DATASET     the dataset to edit, for example "production"',
  'To load the bundled guidance into a new dataset, run "npm run content:import".',
].join('\n');

const content = requireSanityConfiguration(howToConfigure);

const studioDir = fileURLToPath(new URL('../studio/', import.meta.url));
const child = spawn('npx', ['sanity', 'dev', ...process.argv.slice(2)], {
  cwd: studioDir,
  stdio: 'inherit',
  env: {
    ...process.env,
    SANITY_STUDIO_PROJECT_ID: content.projectId,
    SANITY_STUDIO_DATASET: content.dataset,
    DO_NOT_TRACK: '1',
    NO_UPDATE_NOTIFIER: '1',
  },
});
child.on('exit', (code) => process.exit(code ?? 1));
