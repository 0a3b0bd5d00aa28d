/**
 * Response shapes of the server extension's REST API (nbschedule/api/openapi.yaml).
 */

export interface IFireTimes {
  cron: string;
  timezone: string;
  /** ISO 8601 instants carrying the time zone's offset. */
  next: string[];
}

export interface ITimezones {
  timezones: string[];
}
