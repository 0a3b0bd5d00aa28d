/** The wizard's user settings (schema/wizard.json), read with their defaults. */
import { ReadonlyPartialJSONObject } from '@lumino/coreutils';

export interface IWizardSettings {
  /** IANA name; empty means the browser's time zone. */
  defaultTimezone: string;
  /** Empty means the user picks the zone in the wizard. */
  defaultZone: string;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

export function wizardSettings(
  composite: ReadonlyPartialJSONObject | null
): IWizardSettings {
  return {
    defaultTimezone: text(composite?.defaultTimezone),
    defaultZone: text(composite?.defaultZone)
  };
}
