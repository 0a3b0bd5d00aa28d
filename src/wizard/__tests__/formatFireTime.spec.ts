import { formatFireTime } from '../formatFireTime';

describe('formatFireTime', () => {
  it('shows the instant in the schedule zone with its offset', () => {
    const text = formatFireTime(
      '2026-03-29T03:30:00+02:00',
      'Europe/Berlin',
      'en-GB'
    );
    expect(text).toContain('03:30');
    expect(text).toContain('GMT+2');
    expect(text).toContain('2026');
  });

  it('tells the two passes of a repeated hour apart by their offsets', () => {
    const first = formatFireTime(
      '2026-10-25T02:00:00+02:00',
      'Europe/Berlin',
      'en-GB'
    );
    const second = formatFireTime(
      '2026-10-25T02:00:00+01:00',
      'Europe/Berlin',
      'en-GB'
    );
    expect(first).toContain('02:00');
    expect(second).toContain('02:00');
    expect(first).not.toEqual(second);
  });
});
