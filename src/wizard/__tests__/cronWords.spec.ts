import { cronInWords } from '../cronWords';

describe('cronInWords', () => {
  it('words a daily schedule in 24-hour time', () => {
    expect(cronInWords('30 2 * * *')).toEqual({
      ok: true,
      text: 'At 02:30, every day'
    });
  });

  it('words weekday ranges', () => {
    const words = cronInWords('0 8 * * 1-5');
    expect(words.ok && words.text).toBe('At 08:00, Monday through Friday');
  });

  it('reports what it cannot parse without throwing', () => {
    const words = cronInWords('not a cron');
    expect(words.ok).toBe(false);
  });
});
