import { Dialog, ReactWidget } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import { NbScheduleClient } from '../api';
import { DraftStore } from './draft';
import { Wizard } from './Wizard';

export interface IOpenWizardOptions {
  client: NbScheduleClient;
  trans: TranslationBundle;
  locale: string;
  drafts: DraftStore;
  notebookPath: string;
  timezones: Promise<string[]>;
}

/** Shows the wizard as a modal dialog for one notebook. */
export async function openWizard(options: IOpenWizardOptions): Promise<void> {
  const { trans, drafts, notebookPath } = options;
  const body = ReactWidget.create(
    <Wizard
      client={options.client}
      trans={trans}
      locale={options.locale}
      notebookPath={notebookPath}
      initialDraft={drafts.get(notebookPath)}
      timezones={options.timezones}
      onDraftChange={draft => drafts.set(notebookPath, draft)}
    />
  );
  const dialog = new Dialog({
    title: trans.__('Schedule notebook'),
    body,
    buttons: [Dialog.cancelButton({ label: trans.__('Close') })],
    // Enter belongs to the wizard's own fields, never to closing the dialog.
    defaultButton: -1,
    hasClose: true
  });
  dialog.addClass('nbs-WizardDialog');
  await dialog.launch();
}
