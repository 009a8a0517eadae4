/**
 * Faults: the server killed outright (SIGKILL) in the middle of many writes, and PostgreSQL
 * restarted under load. Every write the server acknowledged must still be there after a restart,
 * no entry may be half-written (an entry without its first version), and while the database is
 * away a person sees a page saying so (503), then the service recovers by itself.
 */
import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { entries, entryVersions, notes } from '../../src/db/schema.ts';
import { addDays, instantToLondonDate } from '../../src/dates/index.ts';
import { createPrivatePostgres, openPortalDatabase, privatePostgresProblem, seedFamily, startPortal, type PortalDatabaseSetting, type PortalServer, type SeededFamily } from './fault-servers.ts';

const postgresAdminUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const requirePostgres = process.env.REQUIRE_POSTGRES === '1';

/** Whether the shared PostgreSQL server answers; when it does not, its legs are skipped (or fail under REQUIRE_POSTGRES=1). */
async function probeSharedPostgres(): Promise<boolean> {
  const admin = postgres(postgresAdminUrl, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await admin`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await admin.end({ timeout: 1 });
  }
}

/** A fresh database on one engine for one test, and how to throw it away. */
async function createFreshDatabase(kind: 'pglite' | 'postgresql'): Promise<{ setting: PortalDatabaseSetting; destroy: () => Promise<void> }> {
  if (kind === 'pglite') {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'portal-fault-pglite-'));
    return { setting: { kind, dataDir }, destroy: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `portal_faults_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = postgres(postgresAdminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  return {
    setting: { kind, url: url.toString() },
    destroy: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 1 });
    },
  };
}

/** The first row's `count` of a raw query, on either driver (PGlite returns `{ rows }`, postgres.js an array). */
function firstCount(result: unknown): number {
  const rows = Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
  return Number((rows[0] as { count: number | string }).count);
}

/** Sends one form as the seeded family; true only when the server acknowledged it (303 to the saved page). */
async function postAcknowledged(server: PortalServer, family: SeededFamily, pathname: string, form: Record<string, string>): Promise<boolean> {
  try {
    const response = await fetch(`${server.url}${pathname}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Origin: server.url, Cookie: `session=${family.token}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
    });
    return response.status === 303 && (response.headers.get('location') ?? '').includes('done=added');
  } catch {
    return false; // The connection died with the server: not acknowledged.
  }
}

for (const kind of ['pglite', 'postgresql'] as const) {
  test(`${kind}: a server killed (SIGKILL) during concurrent writes keeps every acknowledged write, and none half-written`, async () => {
    test.setTimeout(120_000);
    if (kind === 'postgresql' && !(await probeSharedPostgres())) {
      test.skip(!requirePostgres, 'no PostgreSQL server answers on 127.0.0.1:5432');
      throw new Error('REQUIRE_POSTGRES=1 but no PostgreSQL server answers on 127.0.0.1:5432');
    }
    const { setting, destroy } = await createFreshDatabase(kind);
    let server: PortalServer | undefined;
    try {
      const family = await seedFamily(await openPortalDatabase(setting));
      server = await startPortal(setting);
      const port = Number(new URL(server.url).port);
      const today = instantToLondonDate(new Date());
      const acknowledgedNotes: string[] = [];
      const acknowledgedWeights: number[] = [];
      let next = 0;
      let killed = false;
      // Six writers at once, each adding notes and weights until the server dies under them.
      const writer = async () => {
        while (!killed) {
          const n = next++;
          if (n % 2 === 0) {
            const note = `Fault test note ${n}`;
            if (await postAcknowledged(server as PortalServer, family, `/record/${family.recordId}/notes`, { note })) acknowledgedNotes.push(note);
          } else {
            const value = Number((4 + (n % 400) / 100).toFixed(2));
            const day = addDays(today, -(n % 60));
            const [year, month, date] = day.split('-');
            const form = { quantity: 'weight', value: String(value), 'measuredOn-day': String(Number(date)), 'measuredOn-month': String(Number(month)), 'measuredOn-year': year ?? '', measuredBy: 'parent-or-carer', confirmUnusual: 'yes' };
            if (await postAcknowledged(server as PortalServer, family, `/record/${family.recordId}/measurements`, form)) acknowledgedWeights.push(value);
          }
        }
      };
      const writers = Array.from({ length: 6 }, writer);
      // Kill it once a good number of writes have been acknowledged (and more are in flight).
      const deadline = Date.now() + 30_000;
      while (acknowledgedNotes.length + acknowledgedWeights.length < 60 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      server.process.kill('SIGKILL');
      killed = true;
      await server.stop('SIGKILL');
      await Promise.all(writers);
      const acknowledged = acknowledgedNotes.length + acknowledgedWeights.length;
      expect(acknowledged, 'writes acknowledged before the kill').toBeGreaterThanOrEqual(60);

      // Restart on the same data: it must come back and serve the record.
      server = await startPortal(setting, port);
      const page = await fetch(`${server.url}/record/${family.recordId}/notes`, { headers: { Cookie: `session=${family.token}` } });
      expect(page.status).toBe(200);
      await server.stop('SIGTERM');
      server = undefined;

      const database = await openPortalDatabase(setting);
      try {
        const storedNotes = new Set((await database.db.select({ body: notes.body }).from(notes)).map((row) => row.body));
        const missingNotes = acknowledgedNotes.filter((note) => !storedNotes.has(note));
        expect(missingNotes, 'acknowledged notes missing after the kill').toEqual([]);
        const storedWeights = (await database.db.select({ data: entries.data }).from(entries).where(sql`${entries.kind} = 'measurement'`)).map((row) => Number((row.data as { value: number }).value));
        const remaining = [...storedWeights];
        const missingWeights = acknowledgedWeights.filter((value) => {
          const index = remaining.indexOf(value);
          if (index === -1) return true;
          remaining.splice(index, 1);
          return false;
        });
        expect(missingWeights, 'acknowledged weights missing after the kill').toEqual([]);
        // Half-written: an entry without exactly one first version, or a version whose entry is gone.
        const orphans = await database.db.execute(sql`
          select count(*)::int as count from ${entries} e
          where (select count(*) from ${entryVersions} v where v.entry_id = e.id and v.version = 1) <> 1`);
        expect(firstCount(orphans), 'entries without their first version').toBe(0);
        const mismatched = await database.db.execute(sql`
          select count(*)::int as count from ${entries} e join ${entryVersions} v on v.entry_id = e.id and v.version = 1
          where v.data <> e.data or v.occurred_on <> e.occurred_on`);
        expect(firstCount(mismatched), 'entries whose first version differs').toBe(0);
        console.log(`${kind}: ${acknowledged} writes acknowledged before SIGKILL, all present after restart (${storedNotes.size} notes, ${storedWeights.length} weights stored)`);
      } finally {
        await database.close();
      }
    } finally {
      await server?.stop('SIGKILL');
      await destroy();
    }
  });
}

test('PostgreSQL restarted under load: a friendly 503 meanwhile, and the service recovers by itself', async () => {
  test.setTimeout(120_000);
  test.skip(privatePostgresProblem !== null && !requirePostgres, privatePostgresProblem ?? '');
  const cluster = await createPrivatePostgres();
  let server: PortalServer | undefined;
  try {
    const setting = { kind: 'postgresql', url: cluster.url } as const;
    const family = await seedFamily(await openPortalDatabase(setting));
    server = await startPortal(setting);
    const statuses: { at: number; status: number; body: string; retryAfter: string | null }[] = [];
    let running = true;
    const reader = async () => {
      while (running) {
        try {
          const response = await fetch(`${(server as PortalServer).url}/record`, { headers: { Cookie: `session=${family.token}` }, redirect: 'manual' });
          statuses.push({ at: Date.now(), status: response.status, body: await response.text(), retryAfter: response.headers.get('retry-after') });
        } catch {
          statuses.push({ at: Date.now(), status: 0, body: '', retryAfter: null });
        }
      }
    };
    const readers = Array.from({ length: 4 }, reader);
    const waitFor = async (what: string, check: () => boolean, ms = 20_000) => {
      const deadline = Date.now() + ms;
      while (!check()) {
        if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(statuses.slice(-5).map((entry) => [entry.status, entry.body.slice(0, 300)]))}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    await waitFor('pages before the restart', () => statuses.filter((entry) => entry.status === 200).length >= 20);
    cluster.stop();
    const stoppedAt = Date.now();
    await waitFor('a 503 while PostgreSQL is stopped', () => statuses.some((entry) => entry.at > stoppedAt && entry.status === 503));
    // A write while the database is away is refused the same way, and says what to do.
    const write = await fetch(`${server.url}/record/${family.recordId}/notes`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Origin: server.url, Cookie: `session=${family.token}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ note: 'Written while the database was away' }),
    });
    expect(write.status).toBe(503);
    cluster.start();
    const startedAt = Date.now();
    await waitFor('pages again after PostgreSQL is back', () => statuses.filter((entry) => entry.at > startedAt && entry.status === 200).length >= 20);
    running = false;
    await Promise.all(readers);

    const unavailable = statuses.filter((entry) => entry.status === 503);
    const counts = Object.fromEntries([...new Set(statuses.map((entry) => entry.status))].map((status) => [status, statuses.filter((entry) => entry.status === status).length]));
    console.log(`PostgreSQL restart under load: ${JSON.stringify(counts)}; recovered ${((statuses.find((entry) => entry.at > startedAt && entry.status === 200)?.at ?? startedAt) - startedAt)} ms after it started again`);
    // Only pages or the friendly 503: never a server error, never a dropped connection.
    expect(statuses.filter((entry) => entry.status !== 200 && entry.status !== 503).map((entry) => entry.status)).toEqual([]);
    for (const entry of unavailable.slice(0, 3)) {
      expect(entry.body).toContain('Sorry, the service is unavailable');
      expect(entry.body).toContain('Try again in a few minutes');
      expect(entry.retryAfter).toBe('30');
    }
    // The log says the database was away, and nothing personal.
    expect(server.log()).toContain('database unavailable: answered 503');
    expect(server.log()).not.toContain('Written while the database was away');
    expect(server.log()).not.toContain('fault-carer@example.com');
  } finally {
    await server?.stop('SIGKILL');
    cluster.destroy();
  }
});
