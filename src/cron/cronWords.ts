import cronstrue from 'cronstrue';

export type CronWords =
  { ok: true; text: string } | { ok: false; error: string };

/** The locales cronstrue ships (its `locales/` folder). */
const CRONSTRUE_LOCALES = new Set(
  (
    'af ar az be bg ca cs da de en es fa fi fr he hr hu id it ja ko my nb nl nn ' +
    'pl pt_BR pt_PT ro ru sk sl sr sv sw tg th tr uk vi zh_CN zh_TW'
  ).split(' ')
);

/** JupyterLab's language code ("de-DE", "pt_BR") as cronstrue names it, else English. */
export function cronLocale(languageCode: string): string {
  const [language, region] = languageCode.split(/[-_]/);
  const regional = `${language?.toLowerCase()}_${region?.toUpperCase()}`;
  if (region && CRONSTRUE_LOCALES.has(regional)) {
    return regional;
  }
  return CRONSTRUE_LOCALES.has(language?.toLowerCase())
    ? language.toLowerCase()
    : 'en';
}

/** cronstrue's locales registered so far; its own build has only English. */
const loadedLocales = new Set(['en']);

/**
 * Loads the user's cronstrue locale (one small chunk) rather than all forty: cronstrue's
 * i18n build is 34 KiB gzipped, which every view wording a cron would otherwise fetch.
 * A locale that fails to load leaves the words in English.
 */
export async function loadCronLocale(languageCode: string): Promise<void> {
  const locale = cronLocale(languageCode);
  if (loadedLocales.has(locale)) {
    return;
  }
  try {
    // Each locale module registers itself with cronstrue when it runs.
    await import(`cronstrue/locales/${locale}.min.js`);
    loadedLocales.add(locale);
  } catch {
    // English words beat none.
  }
}

/**
 * The cron expression in words, in the user's language once `loadCronLocale` has loaded
 * it (English until then). Syntax errors are reported by the server, which owns
 * validation; this only words what parses.
 */
export function cronInWords(
  expression: string,
  languageCode = 'en'
): CronWords {
  const locale = cronLocale(languageCode);
  try {
    const text = cronstrue.toString(expression, {
      throwExceptionOnParseError: true,
      use24HourTimeFormat: true,
      verbose: true,
      locale: loadedLocales.has(locale) ? locale : 'en'
    });
    return { ok: true, text };
  } catch (error) {
    return { ok: false, error: String(error).replace(/^Error:\s*/, '') };
  }
}
