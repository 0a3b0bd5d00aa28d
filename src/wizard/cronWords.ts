import cronstrue from 'cronstrue';

export type CronWords =
  { ok: true; text: string } | { ok: false; error: string };

/**
 * The cron expression in words, as the reviewer will read it. Syntax errors are
 * reported by the server, which owns validation; this only words what parses.
 */
export function cronInWords(expression: string): CronWords {
  try {
    const text = cronstrue.toString(expression, {
      throwExceptionOnParseError: true,
      use24HourTimeFormat: true,
      verbose: true
    });
    return { ok: true, text };
  } catch (error) {
    return { ok: false, error: String(error).replace(/^Error:\s*/, '') };
  }
}
