/**
 * Compressed copies of the built site's text files, made once at build time and served to browsers that
 * accept them: the stylesheet every page needs is about 250 KB as written and about 27 KB compressed,
 * which is most of a first visit on a phone. Run as a script (`node scripts/static-compression.ts
 * dist/client`) it writes `<file>.br` and `<file>.gz` next to each HTML, CSS, JS, SVG, JSON, XML and text
 * file; `createPrecompressedHandler` answers requests from them, and leaves everything else to Astro.
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

/** One built file's compressed copies, as found when the server started. */
interface CompressedFile {
  readonly type: string;
  readonly copies: Partial<Record<'br' | 'gzip', { readonly path: string; readonly size: number; readonly modified: Date }>>;
}

/**
 * The URL paths of every built file that has compressed copies: `stages/x.html` answers `/stages/x` and
 * `/stages/x.html`, and `dir/index.html` answers `/dir/` too. Read once, so a request never touches the
 * disk to find out whether it is one of them (most on-demand requests are not).
 */
function indexCompressedFiles(clientDir: string): Map<string, CompressedFile> {
  const root = path.resolve(clientDir);
  const files = new Map<string, CompressedFile>();
  for (const relative of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    const urlPath = `/${relative.split(path.sep).join('/')}`;
    const type = contentTypes[path.extname(urlPath)];
    if (!type || urlPath.split('/').some((segment) => segment.startsWith('.'))) continue;
    const copies: CompressedFile['copies'] = {};
    for (const [encoding, suffix] of [['br', '.br'], ['gzip', '.gz']] as const) {
      const copy = path.join(root, `${relative}${suffix}`);
      try {
        const { size, mtime } = statSync(copy);
        copies[encoding] = { path: copy, size, modified: mtime };
      } catch {
        // No copy in this encoding (a small file, or not yet compressed).
      }
    }
    if (!copies.br && !copies.gzip) continue;
    const entry = { type, copies };
    files.set(urlPath, entry);
    if (urlPath.endsWith('.html')) files.set(urlPath.slice(0, -'.html'.length), entry);
    if (urlPath.endsWith('/index.html')) files.set(urlPath.slice(0, -'index.html'.length), entry);
  }
  return files;
}

/**
 * Makes the answerer for the built site in `clientDir` (run `compressStaticFiles` on it first): a GET or
 * HEAD for a built text file is sent from its compressed copy when the browser accepts one; in every
 * other case it returns false, having sent nothing.
 */
export function createPrecompressedHandler(clientDir: string): (request: http.IncomingMessage, response: http.ServerResponse) => boolean {
  const files = indexCompressedFiles(clientDir);
  return (request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    const pathname = (request.url ?? '/').split('?')[0] ?? '/';
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return false;
    }
    const file = files.get(decoded);
    if (!file) return false;
    const encoding = acceptedEncodings(request.headers['accept-encoding']).find((candidate) => file.copies[candidate]);
    const copy = encoding ? file.copies[encoding] : undefined;
    if (!encoding || !copy) return false;
    const etag = `W/"${copy.size.toString(16)}-${copy.modified.getTime().toString(16)}-${encoding}"`;
    response.setHeader('Content-Type', file.type);
    response.setHeader('Vary', 'Accept-Encoding');
    response.setHeader('ETag', etag);
    response.setHeader('Last-Modified', copy.modified.toUTCString());
    // Built assets have content hashes in their names, so they never change.
    if (pathname.startsWith('/_astro/')) response.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    if (request.headers['if-none-match'] === etag) {
      response.statusCode = 304;
      response.end();
      return true;
    }
    response.setHeader('Content-Encoding', encoding);
    response.setHeader('Content-Length', copy.size);
    response.statusCode = 200;
    if (request.method === 'HEAD') response.end();
    // A copy removed since start-up (a rebuild under a running server) ends this response, not the server.
    else createReadStream(copy.path).on('error', () => response.destroy()).pipe(response);
    return true;
  };
}

if (import.meta.main) {
  const clientDir = process.argv[2] ?? 'dist/client';
  const { files, bytes, brotliBytes } = compressStaticFiles(clientDir);
  console.log(`Compressed ${files} files: ${(bytes / 1024).toFixed(0)} KB as built, ${(brotliBytes / 1024).toFixed(0)} KB with brotli.`);
}
