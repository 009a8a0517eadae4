import { describe, expect, test } from 'vitest';
import { ChildHealthError, ConfigurationError, ContentSourceError, DatabaseError, DatasetFormatError } from '../../src/errors.ts';

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
