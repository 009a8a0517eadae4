/**
 * `npm run content:types`: regenerates src/content/schema.json and src/content/sanity.types.ts
 * from the schema (sanity schema extract + sanity typegen generate).
 * `npm run content:types -- --check` regenerates and fails if the committed files were stale,
 * putting them back as they were so the working tree is unchanged.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const studioDir = fileURLToPath(new URL('../studio/', import.meta.url));
const generated = ['../src/content/schema.json', '../src/content/sanity.types.ts'].map((path) => fileURLToPath(new URL(path, new URL('../studio/', import.meta.url))));
const check = process.argv.includes('--check');
const env = { ...process.env, DO_NOT_TRACK: '1', NO_UPDATE_NOTIFIER: '1' };

const before = generated.map((path) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
});
for (const args of [['schema', 'extract', '--force', '--path', '../src/content/schema.json'], ['typegen', 'generate']]) {
  const result = spawnSync('npx', ['sanity', ...args], { cwd: studioDir, env, stdio: check ? 'pipe' : 'inherit', encoding: 'utf8' });
  if (result.status !== 0) {
    console.error(`"sanity ${args.join(' ')}" failed.${check ? `\n${result.stdout}${result.stderr}` : ''}`);
    process.exit(1);
  }
}
if (check) {
  const stale = generated.filter((path, index) => readFileSync(path, 'utf8') !== before[index]);
  if (stale.length > 0) {
    generated.forEach((path, index) => {
      const original = before[index];
      if (original !== null && original !== undefined) writeFileSync(path, original);
    });
    console.error(`The generated content types are out of date (${stale.map((path) => path.split('/').slice(-1)[0]).join(', ')}). Run "npm run content:types" and commit the result.`);
    process.exit(1);
  }
  console.log('The generated content types match the schema and queries.');
}
