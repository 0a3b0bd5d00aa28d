/** The pure parts of the Run now and Backfill forms. */
import { Parameter } from '../spec';

export const DAY_MS = 86_400_000;

/** Whole UTC days [first, last]; the end is clipped to the scheduler's clock, as a backfill may not reach the future. */
export function rangeOf(
  firstDay: string,
  lastDay: string,
  now: string | null
): { start: string; end: string } {
  const endOfDay = new Date(Date.parse(`${lastDay}T00:00:00Z`) + DAY_MS - 1000);
  const end =
    now && Date.parse(now) < endOfDay.getTime()
      ? now
      : endOfDay.toISOString().replace(/\.\d{3}Z$/, '+00:00');
  return { start: firstDay, end };
}

/** Values the user changed from the spec's saved ones: the run's overrides. */
export function changedValues(
  parameters: Parameter[],
  values: Record<string, unknown>
): Record<string, unknown> {
  const overrides: Record<string, unknown> = {};
  for (const parameter of parameters) {
    const value = values[parameter.name];
    if (
      parameter.name in values &&
      value !== undefined &&
      JSON.stringify(value) !== JSON.stringify(parameter.value)
    ) {
      overrides[parameter.name] = value;
    }
  }
  return overrides;
}
