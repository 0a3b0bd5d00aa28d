import { Dialog, ReactWidget } from '@jupyterlab/apputils';
import type { IEditorLanguageRegistry } from '@jupyterlab/codemirror';
import { INotebookContent } from '@jupyterlab/nbformat';
import { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import { analyzeNotebook } from '../analysis';
import { IZoneCatalogue, NbScheduleClient } from '../api';
import { newDraft } from './draft';
import { DraftStore } from './draftStore';
import { Wizard } from './Wizard';

export interface IOpenWizardOptions {
  client: NbScheduleClient;
  trans: TranslationBundle;
  locale: string;
  languages: IEditorLanguageRegistry;
  drafts: DraftStore;
  notebookPath: string;
  notebook: INotebookContent;
  owner: string;
  timezones: Promise<string[]>;
  catalogue: Promise<IZoneCatalogue>;
}

/** Shows the wizard as a modal dialog for one notebook. */
export async function openWizard(options: IOpenWizardOptions): Promise<void> {
  const { trans, drafts, notebookPath } = options;
  // Analysed on every opening: warnings follow the notebook as it is now, while
  // the draft keeps what the user already chose.
  const analysis = analyzeNotebook(options.notebook);
  const draft =
    drafts.get(notebookPath) ?? newDraft(notebookPath, analysis, options.owner);
  const body = ReactWidget.create(
    <Wizard
      client={options.client}
      trans={trans}
      locale={options.locale}
      initialDraft={draft}
      warnings={analysis.warnings}
      hasParametersCell={analysis.hasParametersCell}
      timezones={options.timezones}
      catalogue={options.catalogue}
      languages={options.languages}
      onDraftChange={next => drafts.set(notebookPath, next)}
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
