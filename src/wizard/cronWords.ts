import cronstrue from 'cronstrue/i18n';

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

/**
 * The cron expression in words, in the user's language. Syntax errors are reported
 * by the server, which owns validation; this only words what parses.
 */
export function cronInWords(
  expression: string,
  languageCode = 'en'
): CronWords {
  try {
    const text = cronstrue.toString(expression, {
      throwExceptionOnParseError: true,
      use24HourTimeFormat: true,
      verbose: true,
      locale: cronLocale(languageCode)
    });
    return { ok: true, text };
  } catch (error) {
    return { ok: false, error: String(error).replace(/^Error:\s*/, '') };
  }
}
