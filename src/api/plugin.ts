import { JupyterFrontEndPlugin } from '@jupyterlab/application';

import { NbScheduleClient } from './client';
import { INbScheduleClient } from './tokens';

export const apiPlugin: JupyterFrontEndPlugin<INbScheduleClient> = {
  id: 'nbschedule:api',
  description: 'Provides the client for the nbschedule server extension.',
  autoStart: true,
  provides: INbScheduleClient,
  activate: app => new NbScheduleClient(app.serviceManager.serverSettings)
};
