import { cronInWords, cronLocale, loadCronLocale } from '../cronWords';

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

describe('cronInWords in the user language', () => {
  it('maps JupyterLab language codes onto cronstrue locales', () => {
    expect(cronLocale('de-DE')).toBe('de');
    expect(cronLocale('pt_BR')).toBe('pt_BR');
    expect(cronLocale('zh-CN')).toBe('zh_CN');
    expect(cronLocale('en')).toBe('en');
    expect(cronLocale('xx-YY')).toBe('en');
  });

  it('words in English until the user language is loaded, then in it', async () => {
    const before = cronInWords('30 2 * * *', 'de-DE');
    expect(before.ok && before.text).toBe('At 02:30, every day');
    await loadCronLocale('de-DE');
    const words = cronInWords('30 2 * * *', 'de-DE');
    expect(words.ok && words.text).toBe('Um 02:30, jeden Tag');
  });

  it('keeps English words when a language has no cronstrue locale', async () => {
    await loadCronLocale('xx-YY');
    const words = cronInWords('30 2 * * *', 'xx-YY');
    expect(words.ok && words.text).toBe('At 02:30, every day');
  });
});
