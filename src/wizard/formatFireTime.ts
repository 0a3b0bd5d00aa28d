/**
 * An instant shown in the schedule's own time zone with its UTC offset, so fire times
 * across a DST change read unambiguously.
 */
export function formatFireTime(
  iso: string,
  timezone: string,
  locale?: string
): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: timezone,
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'shortOffset'
  }).format(new Date(iso));
}
