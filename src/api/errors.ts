/**
 * An API failure reduced to what a person can act on: one sentence, and the field it
 * concerns when the server names one. Never carries a stack trace to the UI.
 */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly field?: string
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    return error.message;
  }
  if (error instanceof TypeError) {
    // fetch rejects with a TypeError when the server cannot be reached at all.
    return 'The Jupyter server cannot be reached. Check that it is running.';
  }
  return error instanceof Error ? error.message : String(error);
}
