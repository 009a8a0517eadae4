/**
 * Support for the fault tests: a portal server of their own (started, killed and restarted at will),
 * a family seeded straight into its database, and a private PostgreSQL cluster that can be stopped
 * and started without disturbing the shared server on port 5432.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, chownSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDatabase, type Database } from '../../src/db/index.ts';
import { recordCarers, records, users } from '../../src/db/schema.ts';
import { createSession, generateSessionToken } from '../../src/auth/session.ts';
import { hashPassword } from '../../src/auth/password.ts';
import { addDays, instantToLondonDate } from '../../src/dates/index.ts';
import { findFreePort } from '../../scripts/free-port.ts';

export const migrationsDir = path.resolve('drizzle');

/** One family: a verified carer with a session, owning one child's record. */
export interface SeededFamily {
  readonly token: string;
  readonly recordId: string;
  readonly userId: string;
}

/** The seeded carer's password (a real argon2id hash is stored, so password checks run as they do for real). */
export const seededPassword = 'cloud puddle marmalade';

/** A child's details as the record page stores them: born `ageInDays` ago at term. */
function childDetails(today: string, ageInDays: number) {
  return { dateOfBirth: addDays(today, -ageInDays), sex: 'female', nhsNumber: null, gestationAtBirth: { weeks: 40, days: 0 }, birthWeightKg: 3.4, birthLengthCm: null, birthHeadCircumferenceCm: null, placeOfBirth: null, healthProblems: null, familyHistory: null };
}

/**
 * Migrates the database and seeds one family into it, then closes it (PGlite allows one process at a
 * time): a verified carer with a session, owning `children` child records (the first is `recordId`)
 * and `pregnancies` pregnancy records.
 */
export async function seedFamily(database: Database, options: { email?: string; children?: number; pregnancies?: number } = {}): Promise<SeededFamily & { readonly childRecordIds: readonly string[]; readonly pregnancyRecordIds: readonly string[] }> {
  await database.migrate();
  const [user] = await database.db.insert(users).values({ email: options.email ?? 'fault-carer@example.com', passwordHash: await hashPassword(seededPassword), emailVerified: true }).returning({ id: users.id });
  if (!user) throw new Error('seeding failed');
  const today = instantToLondonDate(new Date());
  const children = options.children ?? 1;
  const pregnancies = options.pregnancies ?? 0;
  const rows = [
    ...Array.from({ length: children }, (_, index) => ({ kind: 'child', name: 'Faultchild', details: childDetails(today, 120 + index) })),
    ...Array.from({ length: pregnancies }, () => ({ kind: 'pregnancy', name: 'Faultbump', details: { dueDate: addDays(today, 100) } })),
  ];
  const created = await database.db.insert(records).values(rows).returning({ id: records.id, kind: records.kind });
  await database.db.insert(recordCarers).values(created.map((record) => ({ recordId: record.id, userId: user.id, role: 'owner' })));
  const token = generateSessionToken((length) => crypto.getRandomValues(new Uint8Array(length)));
  await createSession(database.db, token, user.id, new Date());
  await database.close();
  const childRecordIds = created.filter((record) => record.kind === 'child').map((record) => record.id);
  const pregnancyRecordIds = created.filter((record) => record.kind === 'pregnancy').map((record) => record.id);
  return { token, recordId: childRecordIds[0] ?? '', userId: user.id, childRecordIds, pregnancyRecordIds };
}

/** Where a portal server keeps its data. */
export type PortalDatabaseSetting = { readonly kind: 'pglite'; readonly dataDir: string } | { readonly kind: 'postgresql'; readonly url: string };

/** A running portal server and everything it has written to its log. */
export interface PortalServer {
  readonly url: string;
  readonly process: ChildProcess;
  /** Where the server writes the emails it sends (one file each). */
  readonly outboxDir: string;
  log(): string;
  /** Stops the server with `signal` and waits until it has gone. */
  stop(signal: NodeJS.Signals): Promise<void>;
}

/** Starts `node scripts/serve.ts` on a free port (with `extraEnv` added to its environment) and waits until /health answers. */
export async function startPortal(database: PortalDatabaseSetting, port?: number, extraEnv: Readonly<Record<string, string>> = {}): Promise<PortalServer> {
  const chosenPort = port ?? (await findFreePort());
  const url = `http://127.0.0.1:${chosenPort}`;
  const outboxDir = mkdtempSync(path.join(os.tmpdir(), 'portal-fault-outbox-'));
  const child = spawn(process.execPath, ['scripts/serve.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(chosenPort),
      HOST: '127.0.0.1',
      SITE_URL: url,
      OUTBOX_DIR: outboxDir,
      ...(database.kind === 'pglite' ? { PGLITE_DATA_DIR: database.dataDir } : { DATABASE_URL: database.url }),
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The portal server stopped while starting:\n${output}`);
    try {
      if ((await fetch(`${url}/health`)).status === 200) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The portal server did not start within 90 seconds:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    process: child,
    outboxDir,
    log: () => output,
    async stop(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
      rmSync(outboxDir, { recursive: true, force: true });
    },
  };
}

/** The PostgreSQL programs of this machine (Debian keeps them per version), or null. */
function findPostgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((version) => existsSync(path.join(root, version, 'bin', 'pg_ctl'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : null;
}

/** A PostgreSQL cluster of the test's own, in a temporary folder, that the test may stop and start. */
export interface PrivatePostgres {
  readonly url: string;
  stop(): void;
  start(): void;
  destroy(): void;
}

/** Null when the machine has no PostgreSQL programs; otherwise why not. */
export const privatePostgresProblem: string | null = findPostgresBin() === null ? 'no PostgreSQL programs under /usr/lib/postgresql' : null;

/**
 * Creates and starts a private cluster. PostgreSQL refuses to run as root, so as root the cluster
 * belongs to the `postgres` user and its programs run through `runuser`.
 */
export async function createPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = findPostgresBin();
  if (!bin) throw new Error(privatePostgresProblem ?? 'no PostgreSQL');
  const port = await findFreePort();
  const folder = mkdtempSync(path.join(os.tmpdir(), 'portal-private-pg-'));
  const dataDir = path.join(folder, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const postgresUser = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const postgresGroup = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    chownSync(folder, Number(postgresUser.stdout.trim()), Number(postgresGroup.stdout.trim()));
  }
  const run = (program: string, args: string[]) => {
    const command = asRoot ? 'runuser' : path.join(bin, program);
    const fullArgs = asRoot ? ['-u', 'postgres', '--', path.join(bin, program), ...args] : args;
    const result = spawnSync(command, fullArgs, { encoding: 'utf8', timeout: 60_000 });
    if (result.status !== 0) throw new Error(`${program} failed: ${result.stderr || result.stdout}`);
  };
  run('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
  const options = `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = () => run('pg_ctl', ['-D', dataDir, '-o', options, '-w', '-l', path.join(folder, 'server.log'), 'start']);
  const stop = () => run('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    destroy() {
      try {
        stop();
      } catch {
        // Already stopped.
      }
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** Opens a portal database by setting (for seeding before, and checking after, the server runs). */
export function openPortalDatabase(setting: PortalDatabaseSetting): Promise<Database> {
  return setting.kind === 'pglite'
    ? createDatabase({ kind: 'pglite', dataDir: setting.dataDir, migrationsDir })
    : createDatabase({ kind: 'postgresql', url: setting.url, migrationsDir, maxConnections: 2 });
}
