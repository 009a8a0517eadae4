/**
 * Compressed copies of the built site's text files, made once at build time and served to browsers that
 * accept them: the stylesheet every page needs is about 250 KB as written and about 27 KB compressed,
 * which is most of a first visit on a phone. Run as a script (`node scripts/static-compression.ts
 * dist/client`) it writes `<file>.br` and `<file>.gz` next to each HTML, CSS, JS, SVG, JSON, XML and text
 * file; `servePrecompressed` answers a request from them, and leaves everything else to Astro.
 */
import type http from 'node:http';
import { createReadStream, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** The text files worth compressing, with the type each is sent as. */
const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/** Files smaller than this gain too little to be worth a second copy. */
const smallestWorthCompressing = 1024;

/** Writes `.br` and `.gz` copies of every text file under `clientDir`; returns how many files and bytes before and after. */
export function compressStaticFiles(clientDir: string): { files: number; bytes: number; brotliBytes: number } {
  let files = 0;
  let bytes = 0;
  let brotliBytes = 0;
  for (const relative of readdirSync(clientDir, { recursive: true, encoding: 'utf8' })) {
    const file = path.join(clientDir, relative);
    if (!(path.extname(file) in contentTypes) || !statSync(file).isFile()) continue;
    const content = readFileSync(file);
    if (content.length < smallestWorthCompressing) continue;
    // Brotli quality 5: measured here on the stage pages, as small as quality 9 (28% of the page) at a
    // twentieth of the time (about 1 ms a page, not 17), which matters for a site of thousands of pages.
    const brotli = brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: content.length } });
    writeFileSync(`${file}.br`, brotli);
    writeFileSync(`${file}.gz`, gzipSync(content, { level: 6 }));
    files += 1;
    bytes += content.length;
    brotliBytes += brotli.length;
  }
  return { files, bytes, brotliBytes };
}

/** The encodings a request accepts that we have copies in, best first. */
function acceptedEncodings(header: string | undefined): ('br' | 'gzip')[] {
  const accepted = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...parameters] = part.trim().toLowerCase().split(';');
    const quality = parameters.map((parameter) => /^\s*q=([0-9.]+)\s*$/.exec(parameter)?.[1]).find((value) => value !== undefined);
    if (name) accepted.set(name, quality === undefined ? 1 : Number(quality));
  }
  return (['br', 'gzip'] as const).filter((encoding) => (accepted.get(encoding) ?? accepted.get('*') ?? 0) > 0);
}

/** The built file a path names (`/stages/x` is `stages/x.html`, `/` is `index.html`), kept inside `clientDir`, or null. */
function findFile(clientDir: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.split('/').some((segment) => segment.startsWith('.'))) return null;
  const root = path.resolve(clientDir);
  const candidates = decoded.endsWith('/') ? [`${decoded}index.html`] : [decoded, `${decoded}.html`];
  for (const candidate of candidates) {
    const file = path.resolve(root, `.${candidate}`);
    if (!file.startsWith(`${root}${path.sep}`)) return null;
    try {
      if (statSync(file).isFile()) return file;
    } catch {
      // Not this one.
    }
  }
  return null;
}

/**
 * Answers a GET or HEAD for a built text file from its compressed copy, when the browser accepts one and
 * the copy exists; returns false, having sent nothing, in every other case.
 */
export function servePrecompressed(request: http.IncomingMessage, response: http.ServerResponse, clientDir: string): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const pathname = (request.url ?? '/').split('?')[0] ?? '/';
  const file = findFile(clientDir, pathname);
  const type = file ? contentTypes[path.extname(file)] : undefined;
  if (!file || !type) return false;
  for (const encoding of acceptedEncodings(request.headers['accept-encoding'])) {
    const copy = `${file}.${encoding === 'br' ? 'br' : 'gz'}`;
    let size: number;
    let modified: Date;
    try {
      ({ size, mtime: modified } = statSync(copy));
    } catch {
      continue;
    }
    const etag = `W/"${size.toString(16)}-${modified.getTime().toString(16)}-${encoding}"`;
    response.setHeader('Content-Type', type);
    response.setHeader('Vary', 'Accept-Encoding');
    response.setHeader('ETag', etag);
    response.setHeader('Last-Modified', modified.toUTCString());
    // Built assets have content hashes in their names, so they never change.
    if (pathname.startsWith('/_astro/')) response.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    if (request.headers['if-none-match'] === etag) {
      response.statusCode = 304;
      response.end();
      return true;
    }
    response.setHeader('Content-Encoding', encoding);
    response.setHeader('Content-Length', size);
    response.statusCode = 200;
    if (request.method === 'HEAD') response.end();
    else createReadStream(copy).pipe(response);
    return true;
  }
  return false;
}

if (import.meta.main) {
  const clientDir = process.argv[2] ?? 'dist/client';
  const { files, bytes, brotliBytes } = compressStaticFiles(clientDir);
  console.log(`Compressed ${files} files: ${(bytes / 1024).toFixed(0)} KB as built, ${(brotliBytes / 1024).toFixed(0)} KB with brotli.`);
}
