/**
 * Serves the built portal: applies database migrations, then serves static pages and on-demand
 * routes through the @astrojs/node handler (built text files from their compressed copies when the
 * browser accepts them), with the security headers on every response.
 */
import http from 'node:http';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ChildHealthError } from '../src/errors.ts';
import { securityHeaders } from '../src/security/headers.ts';
import { getConfiguration } from '../site/config.ts';
import { openDatabase } from '../site/lib/database.ts';
import { createPrecompressedHandler } from './static-compression.ts';

const entry = fileURLToPath(new URL('../dist/server/entry.mjs', import.meta.url));
const clientDir = fileURLToPath(new URL('../dist/client/', import.meta.url));

async function main(): Promise<void> {
  const config = getConfiguration();
  if (!existsSync(entry)) {
    console.error('The site has not been built. Run "npm run build" first, or use "npm start", which builds and serves.');
    process.exit(1);
  }

  const database = await openDatabase(config.database);
  const level = await database.migrate();
  await database.close();

  // Stop the adapter starting its own server: this one adds the security headers to static files too.
  process.env.ASTRO_NODE_AUTOSTART = 'disabled';
  const { handler } = (await import(pathToFileURL(entry).href)) as {
    handler: (request: http.IncomingMessage, response: http.ServerResponse) => void;
  };

  const servePrecompressed = createPrecompressedHandler(clientDir);
  const server = http.createServer((request, response) => {
    for (const [name, value] of Object.entries(securityHeaders)) response.setHeader(name, value);
    // Built pages and assets go compressed when the browser accepts it; everything else is Astro's.
    if (!servePrecompressed(request, response)) handler(request, response);
  });
  server.listen(config.server.port, config.server.host, () => {
    const shownHost = config.server.host === '0.0.0.0' || config.server.host === '::' ? 'localhost' : config.server.host;
    console.log(
      `The portal is running at http://${shownHost}:${config.server.port} ` +
        `(content: ${config.content.kind}, database: ${config.database.kind}, migrations: ${level.applied} of ${level.available})`,
    );
  });

  const stop = (): void => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  // Configuration and database errors carry their own advice; nothing personal is in them.
  console.error(error instanceof ChildHealthError ? error.message : 'The portal could not start.');
  if (!(error instanceof ChildHealthError)) console.error(error);
  process.exit(1);
});
