/** The wizard's user settings (schema/wizard.json), read with their defaults. */
import { ReadonlyPartialJSONObject } from '@lumino/coreutils';

// The module itself, not the review's index: this file loads at start-up, the review with the wizard.
import { asReviewTarget, ReviewTarget } from '../review/reviewTarget';

export interface IWizardSettings {
  /** IANA name; empty means the browser's time zone. */
  defaultTimezone: string;
  /** Empty means the user picks the zone in the wizard. */
  defaultZone: string;
  /** Where reviews go: the server's choice, a local branch, or GitHub. */
  reviewTarget: ReviewTarget;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

export function wizardSettings(
  composite: ReadonlyPartialJSONObject | null
): IWizardSettings {
  return {
    defaultTimezone: text(composite?.defaultTimezone),
    defaultZone: text(composite?.defaultZone),
    reviewTarget: asReviewTarget(composite?.reviewTarget)
  };
}
