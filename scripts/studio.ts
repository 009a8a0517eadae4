/**
 * `npm run studio`: starts the editors' Sanity Studio for the configured project. Without
 * SANITY_PROJECT_ID and SANITY_DATASET it says what to set and exits with an error.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ChildHealthError } from '../src/errors.ts';
import { readConfiguration } from '../site/config.ts';

const howToConfigure = [
  'The Studio needs a Sanity project. Set both of these and run "npm run studio" again:',
  '  SANITY_PROJECT_ID  your project id, from sanity.io/manage',
  '  SANITY_DATASET     the dataset to edit, for example "production"',
  'To load the bundled guidance into a new dataset: cd studio && npx sanity dataset import data/production.ndjson production',
].join('\n');

let content;
try {
  content = readConfiguration(process.env).content;
} catch (error) {
  console.error(error instanceof ChildHealthError ? `${error.message}\n\n${howToConfigure}` : error);
  process.exit(1);
}
if (content.kind !== 'sanity') {
  console.error(howToConfigure);
  process.exit(1);
}

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
