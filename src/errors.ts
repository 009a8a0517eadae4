/**
 * One base class for every fault the portal throws, with named subclasses.
 *
 * Expected outcomes (a bad form field, a missing page) are returned as values, never thrown.
 * Throw only for programmer or configuration faults. Messages must never contain personal data:
 * say what went wrong and what to do, and keep the original error as `cause` for the operator.
 */
export class ChildHealthError extends Error {
  /** A stable, machine-readable code for logs and tests. */
  readonly code: string;

  /** Creates an error with a stable code; `cause` keeps the underlying error. */
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Configuration is missing or invalid: the service cannot start until it is fixed. */
export class ConfigurationError extends ChildHealthError {
  /** Lists every problem found in one message. */
  constructor(problems: readonly string[]) {
    super(
      'configuration-invalid',
      `The portal cannot start because its configuration has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}:\n` +
        problems.map((problem) => `  - ${problem}`).join('\n'),
    );
  }
}

/** The content source (bundled dataset or Sanity) could not answer a query. */
export class ContentSourceError extends ChildHealthError {
  /** `queryName` names the query function, never its parameters. */
  constructor(queryName: string, options?: { cause?: unknown }) {
    super('content-source-failed', `The content query "${queryName}" failed. Check the content source and try again.`, options);
  }
}

/** The bundled dataset file is not valid Sanity NDJSON. */
export class DatasetFormatError extends ChildHealthError {
  /** `lineNumber` is 1-based; the line's content is not repeated. */
  constructor(lineNumber: number, reason: string) {
    super('dataset-invalid', `The bundled dataset has a bad line ${lineNumber}: ${reason}. Fix the file or export it again with "sanity dataset export".`);
  }
}

/** The database could not be opened, migrated or queried. */
export class DatabaseError extends ChildHealthError {
  /** `operation` names what was attempted; query parameters are never included. */
  constructor(operation: string, options?: { cause?: unknown; advice?: string }) {
    super('database-failed', `The database could not ${operation}. ${options?.advice ?? 'Check that it is running and reachable.'}`, options);
  }
}

/** The names and codes along an error's `cause` chain, for a log line: never a message, which may hold personal data. */
export function describeErrorForLog(error: unknown): string {
  const parts: string[] = [];
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 8; current = current.cause, depth += 1) {
    const code = (current as { code?: unknown }).code;
    parts.push(typeof code === 'string' || typeof code === 'number' ? `${current.name} ${code}` : current.name);
  }
  return parts.length > 0 ? parts.join(' <- ') : typeof error;
}

/**
 * A copy of `error` safe to hand to a framework that logs it: names, codes and stack frames kept,
 * every message dropped (a failed query's message lists its parameters, which can be personal data).
 */
export function errorWithoutMessages(error: unknown): Error {
  const safe = new Error(`An on-demand page failed: ${describeErrorForLog(error)}`);
  const frames = error instanceof Error ? (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at ')) : [];
  safe.stack = [safe.message, ...frames].join('\n');
  return safe;
}
