import { describe, expect, test } from 'vitest';
import { ChildHealthError, ConfigurationError, ContentSourceError, DatabaseError, DatasetFormatError, describeErrorForLog, errorWithoutMessages } from '../../src/errors.ts';
import { isDatabaseUnavailableError } from '../../src/db/availability.ts';

describe('ChildHealthError and its named subclasses', () => {
  const cause = new Error('underlying fault with secret-value');
  test.each([
    ['ConfigurationError', new ConfigurationError(['PORT must be a port number']), 'configuration-invalid'],
    ['ContentSourceError', new ContentSourceError('listStages', { cause }), 'content-source-failed'],
    ['DatabaseError', new DatabaseError('save page feedback', { cause }), 'database-failed'],
    ['DatasetFormatError', new DatasetFormatError(3, 'it is not valid JSON'), 'dataset-invalid'],
  ])('%s is a ChildHealthError with its own name and code', (name, error, code) => {
    expect(error).toBeInstanceOf(ChildHealthError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(name);
    expect(error.code).toBe(code);
    expect(error.message).not.toMatch(/secret-value/);
  });

  test('keeps the cause for the operator, outside the message', () => {
    const error = new DatabaseError('save page feedback', { cause });
    expect(error.cause).toBe(cause);
    expect(error.message).toBe('The database could not save page feedback. Check that it is running and reachable.');
  });

  test('a configuration error with one problem says so in the singular', () => {
    expect(new ConfigurationError(['PORT must be a port number']).message).toBe(
      'The portal cannot start because its configuration has a problem:\n  - PORT must be a port number',
    );
  });
});

/** An error with a driver-style `code`, and optionally a cause. */
function codedError(code: string | undefined, message = 'Failed query: insert into notes params: Ada Lovelace, 943 476 5919', cause?: unknown): Error {
  return Object.assign(new Error(message, { cause }), code === undefined ? {} : { code });
}

describe('isDatabaseUnavailableError: a database that is away, told apart from every other fault', () => {
  test.each([
    ['a refused connection (ECONNREFUSED)', codedError('ECONNREFUSED'), true],
    ['a reset connection (ECONNRESET)', codedError('ECONNRESET'), true],
    ['postgres.js: the connection closed', codedError('CONNECTION_CLOSED'), true],
    ['postgres.js: the connection was ended', codedError('CONNECTION_ENDED'), true],
    ['postgres.js: connecting timed out', codedError('CONNECT_TIMEOUT'), true],
    ['PostgreSQL 57P01: terminated by an administrator (a restart)', codedError('57P01'), true],
    ['PostgreSQL 57P03: the database is starting up', codedError('57P03'), true],
    ['PostgreSQL class 08: connection failure (08006)', codedError('08006'), true],
    ['wrapped: a query error whose cause is a refused connection', codedError(undefined, 'Failed query', codedError('ECONNREFUSED')), true],
    ['Node: refused on IPv4 and IPv6 at once (AggregateError)', new AggregateError([codedError('ECONNREFUSED'), codedError('ECONNREFUSED')], 'connect failed'), true],
    ['PostgreSQL 23505: a unique constraint (the database is fine)', codedError('23505'), false],
    ['PostgreSQL 57014: a cancelled statement', codedError('57014'), false],
    ['PostgreSQL 0800: not a whole SQLSTATE', codedError('0800'), false],
    ['a plain programming error', new TypeError('x is undefined'), false],
    ['not an error at all', 'ECONNREFUSED', false],
    ['nothing', undefined, false],
  ])('%s: %s', (_name, error, expected) => {
    expect(isDatabaseUnavailableError(error)).toBe(expected);
  });

  test('a cause chain that loops back on itself ends', () => {
    const looped = new Error('outer') as Error & { cause?: unknown };
    looped.cause = looped;
    expect(isDatabaseUnavailableError(looped)).toBe(false);
  });
});

describe('errors in logs carry names, codes and stack frames, never messages', () => {
  const failed = codedError(undefined, 'Failed query: insert into notes params: Ada Lovelace, 943 476 5919', codedError('23505', 'duplicate key value (email)=(ada@example.com)'));

  test('describeErrorForLog lists each name and code along the cause chain', () => {
    expect(describeErrorForLog(failed)).toBe('Error <- Error 23505');
    expect(describeErrorForLog(new TypeError('Ada'))).toBe('TypeError');
    expect(describeErrorForLog('a thrown string with Ada in it')).toBe('string');
  });

  test('errorWithoutMessages keeps the stack frames and drops every message', () => {
    const safe = errorWithoutMessages(failed);
    expect(safe.message).toBe('An on-demand page failed: Error <- Error 23505');
    expect(safe.stack).toMatch(/\n\s+at /);
    for (const personal of ['Ada', '943 476 5919', 'ada@example.com', 'Failed query']) expect(`${safe.message}${safe.stack}`).not.toContain(personal);
  });
});
