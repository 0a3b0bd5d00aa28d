/** What went wrong with a submission, for the UI to react to (e.g. offer updating). */
export type ReviewErrorKind =
  | 'token'
  | 'permission'
  | 'refused'
  | 'not-found'
  | 'branch-exists'
  | 'rate-limit'
  | 'network'
  | 'other';

/** A failed submission in one sentence; nothing was lost and it can be tried again. */
export class ReviewError extends Error {
  constructor(
    message: string,
    readonly kind: ReviewErrorKind
  ) {
    super(message);
    this.name = 'ReviewError';
  }
}
