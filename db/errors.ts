// Infrastructure faults of the database layer, named so each entry point can say them in one line.

/** The database cannot be reached or opened (wrong URL, server down, unusable data directory). */
export class DatabaseUnreachableError extends Error {
  override name = 'DatabaseUnreachableError';
  constructor(
    readonly target: string,
    readonly detail: string,
  ) {
    super(`cannot reach the database at ${target}: ${detail}`);
  }
}
