/** Shared by the scripts that need a Sanity project: read it, or explain what to set and exit. */
import { ChildHealthError } from '../src/errors.ts';
import { readConfiguration, type ContentConfiguration } from '../site/config.ts';

/** The configured Sanity project; prints `howTo` (and any configuration problem) and exits 1 when there is none. */
export function requireSanityConfiguration(howTo: string): Extract<ContentConfiguration, { kind: 'sanity' }> {
  let content: ContentConfiguration;
  try {
    content = readConfiguration(process.env).content;
  } catch (error) {
    console.error(error instanceof ChildHealthError ? `${error.message}\n\n${howTo}` : error);
    process.exit(1);
  }
  if (content.kind !== 'sanity') {
    console.error(howTo);
    process.exit(1);
  }
  return content;
}
