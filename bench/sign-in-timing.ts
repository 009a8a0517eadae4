/**
 * No account enumeration by timing, measured: how long a refused sign-in takes for an address with an
 * account (wrong password), an address with an unconfirmed account, and an address with no account.
 * The three must be indistinguishable; the baseline is the wrong-password time measured in the same run,
 * in interleaved order so that the machine's noise falls on all three alike. Each attempt uses its own
 * account and network address, so the rate limits (tested elsewhere) never cut in.
 */
import { fileURLToPath } from 'node:url';
import { signIn, type AccountServices } from '../src/auth/account.ts';
import { hashPassword } from '../src/auth/password.ts';
import { createDatabase } from '../src/db/index.ts';
import { users } from '../src/db/schema.ts';
import type { Result } from './result.ts';
import { calculateMedian } from './search.ts';

const migrationsDir = fileURLToPath(new URL('../drizzle', import.meta.url));

/** Refused sign-in times by kind of address; `attempts` of each kind. */
export async function benchmarkSignInTiming(attempts = 60): Promise<Result[]> {
  const database = await createDatabase({ kind: 'pglite', dataDir: null, migrationsDir });
  await database.migrate();
  const hash = await hashPassword('the right password for every bench account');
  await database.db.insert(users).values([
    ...Array.from({ length: attempts }, (_, index) => ({ email: `known-${index}@example.com`, passwordHash: hash, emailVerified: true })),
    ...Array.from({ length: attempts }, (_, index) => ({ email: `unconfirmed-${index}@example.com`, passwordHash: hash, emailVerified: false })),
  ]);
  const services: AccountServices = {
    db: database.db,
    mailer: { send: async () => {} },
    now: () => new Date(),
    randomBytes: (length) => crypto.getRandomValues(new Uint8Array(length)),
    siteUrl: 'http://127.0.0.1',
    reportEmailFailure: () => {},
  };
  const kinds = ['known', 'unconfirmed', 'unknown'] as const;
  const times: Record<(typeof kinds)[number], number[]> = { known: [], unconfirmed: [], unknown: [] };
  // One warm-up of each, so the stand-in hash and the first queries are not counted.
  for (const kind of kinds) await signIn(services, { email: `warm-${kind}@example.com`, password: 'wrong', address: `warm-${kind}` });
  for (let index = 0; index < attempts; index += 1) {
    // Interleaved, in a rotating order.
    for (let turn = 0; turn < kinds.length; turn += 1) {
      const kind = kinds[(index + turn) % kinds.length] ?? 'known';
      const started = performance.now();
      const result = await signIn(services, { email: `${kind}-${index}@example.com`, password: 'a wrong password', address: `10.0.${turn}.${index}` });
      times[kind].push(performance.now() - started);
      if (result.ok) throw new Error('A wrong password was accepted in the sign-in timing benchmark');
    }
    if ((index + 1) % 20 === 0) console.log(`  sign-in timing: ${index + 1} of ${attempts} rounds`);
  }
  await database.close();
  const known = calculateMedian(times.known);
  const unconfirmed = calculateMedian(times.unconfirmed);
  const unknown = calculateMedian(times.unknown);
  const worst = Math.max(Math.abs(unknown / known - 1), Math.abs(unconfirmed / known - 1));
  console.log(`Sign-in timing (median of ${attempts}): wrong password ${known.toFixed(1)} ms, unconfirmed ${unconfirmed.toFixed(1)} ms, no account ${unknown.toFixed(1)} ms`);
  return [
    {
      name: `Refused sign-in time by kind of address (median of ${attempts}, in-process PGlite, argon2id)`,
      figure: `no account ${unknown.toFixed(1)} ms; unconfirmed account ${unconfirmed.toFixed(1)} ms`,
      baseline: `account with a wrong password: ${known.toFixed(1)} ms`,
      ratio: `${(unknown / known).toFixed(2)}× and ${(unconfirmed / known).toFixed(2)}×`,
      goal: `no enumeration by timing (within 10%): ${worst <= 0.1 ? 'met' : 'missed'}`,
    },
  ];
}

if (import.meta.main) console.log(await benchmarkSignInTiming());
