/**
 * A small static file server for the browser benchmarks: serves a built site's client directory on
 * 127.0.0.1 at a free port, the way the portal's own server serves static pages (clean URLs find
 * `page.html`, long caching for fingerprinted `/_astro/` files, 404.html for anything missing), with
 * whatever headers the caller gives it (the portal's security headers for Lighthouse).
 */
import { createReadStream, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createPrecompressedHandler } from '../scripts/static-compression.ts';

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
};

/** A running static server. */
export interface StaticServer {
  /** Such as http://127.0.0.1:41234 (no trailing slash). */
  readonly origin: string;
  close(): Promise<void>;
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The file to send for a URL path, or null; never a file outside `rootDir`. */
function findFile(rootDir: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const resolved = path.resolve(rootDir, `.${path.posix.normalize(decoded)}`);
  if (resolved !== rootDir && !resolved.startsWith(rootDir + path.sep)) return null;
  // build.format 'file': /stages/baby-month-3 is stages/baby-month-3.html, and /stages is stages.html beside the stages/ folder.
  const candidates = decoded.endsWith('/') ? [path.join(resolved, 'index.html')] : [resolved, `${resolved}.html`, path.join(resolved, 'index.html')];
  return candidates.find(isFile) ?? null;
}

/** Starts serving `rootDir` on 127.0.0.1 at a free port, adding `headers` to every response. */
export async function startStaticServer(rootDir: string, headers: Readonly<Record<string, string>> = {}): Promise<StaticServer> {
  const root = path.resolve(rootDir);
  const servePrecompressed = createPrecompressedHandler(root);
  const server = http.createServer((request, response) => {
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    // Compressed copies, as the portal's own server sends them (npm run build makes them).
    if (servePrecompressed(request, response)) return;
    const urlPath = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const found = findFile(root, urlPath);
    const file = found ?? path.join(root, '404.html');
    if (!found && !isFile(file)) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    const extension = path.extname(file);
    // Everything else is binary, Pagefind's index chunks (.pf_meta, .pf_index, .pf_fragment, .pf_filter) included.
    const type = contentTypes[extension] ?? 'application/octet-stream';
    response.statusCode = found ? 200 : 404;
    response.setHeader('Content-Type', type);
    response.setHeader('Content-Length', statSync(file).size);
    if (urlPath.startsWith('/_astro/')) response.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    createReadStream(file)
      .on('error', () => response.destroy())
      .pipe(response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
