import { ScheduleSpec } from '..';

/** The daily sales schedule several specs start from, changed by `fields`. */
export function salesSpec(fields: Partial<ScheduleSpec> = {}): ScheduleSpec {
  return {
    version: 1,
    name: 'daily_sales',
    notebook: 'reports/sales.ipynb',
    cron: '0 6 * * *',
    timezone: 'Europe/Berlin',
    start_date: '2024-01-01',
    zone: 'analytics',
    owner: 'ada@example.com',
    ...fields
  };
}
