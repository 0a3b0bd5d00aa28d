import { Token } from '@lumino/coreutils';

import { NbScheduleClient } from './client';

/** The shared REST client, so every feature talks to the server the same way. */
export const INbScheduleClient = new Token<NbScheduleClient>(
  'nbschedule:INbScheduleClient',
  'Typed client for the nbschedule server extension.'
);
