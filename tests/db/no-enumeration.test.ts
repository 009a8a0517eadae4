/**
 * No account enumeration by timing: for an unknown address, sign-in does the same argon2 work as for a
 * wrong password (against a stand-in hash), and sign-up hashes the password whether or not the address
 * is taken. Counted, not timed (the sign-in times measured on this machine are in the closing note).
 */
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { Database } from '../../src/db/index.ts';
import { signIn, signUp, type AccountServices } from '../../src/auth/account.ts';
import type * as PasswordModule from '../../src/auth/password.ts';
import { databaseDrivers } from './drivers.ts';

const work = vi.hoisted(() => ({ hashes: 0, verifies: 0 }));
vi.mock('../../src/auth/password.ts', async (importOriginal) => {
  const real = await importOriginal<typeof PasswordModule>();
  return {
    ...real,
    hashPassword: (password: string) => {
      work.hashes += 1;
      return real.hashPassword(password);
    },
    verifyPasswordHash: (hash: string, password: string) => {
      work.verifies += 1;
      return real.verifyPasswordHash(hash, password);
    },
  };
});

const driver = databaseDrivers[0];

describe.skipIf(!driver)('the work done does not depend on whether an account exists', () => {
  let database: Database;
  let destroy: () => Promise<void>;
  let services: AccountServices;

  beforeAll(async () => {
    if (!driver) return;
    ({ database, destroy } = await driver.create());
    await database.migrate();
    services = {
      db: database.db,
      mailer: { send: () => Promise.resolve() },
      now: () => new Date('2026-11-25T09:00:00Z'),
      randomBytes: (length) => crypto.getRandomValues(new Uint8Array(length)),
      siteUrl: 'http://localhost:4321',
      reportEmailFailure: () => {},
    };
    await signUp(services, { email: 'known@example.com', password: 'cloud puddle marmalade', address: '192.0.2.1' });
    // Warm the stand-in hash, which is made once per process.
    await signIn(services, { email: 'warm-up@example.com', password: 'x', address: '192.0.2.1' });
  });
  afterAll(async () => {
    await database.close();
    await destroy();
  });

  async function countWork(run: () => Promise<unknown>) {
    work.hashes = 0;
    work.verifies = 0;
    await run();
    return { hashes: work.hashes, verifies: work.verifies };
  }

  test('sign-in: a wrong password and an unknown address each cost one argon2 verification', async () => {
    const wrong = await countWork(() => signIn(services, { email: 'known@example.com', password: 'wrong guess', address: '192.0.2.2' }));
    const unknown = await countWork(() => signIn(services, { email: 'unknown@example.com', password: 'wrong guess', address: '192.0.2.2' }));
    expect(wrong).toEqual({ hashes: 0, verifies: 1 });
    expect(unknown).toEqual(wrong);
  });

  test('sign-up: a new and a taken address each cost one argon2 hash', async () => {
    const fresh = await countWork(() => signUp(services, { email: 'fresh@example.com', password: 'cloud puddle marmalade', address: '192.0.2.3' }));
    const taken = await countWork(() => signUp(services, { email: 'known@example.com', password: 'cloud puddle marmalade', address: '192.0.2.3' }));
    expect(fresh).toEqual({ hashes: 1, verifies: 0 });
    expect(taken).toEqual(fresh);
  });
});
