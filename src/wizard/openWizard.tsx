import { Dialog, Notification, ReactWidget } from '@jupyterlab/apputils';
import type { IEditorLanguageRegistry } from '@jupyterlab/codemirror';
import { INotebookContent } from '@jupyterlab/nbformat';
import type { Contents } from '@jupyterlab/services';
import { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import { analyzeNotebook } from '../analysis';
import { INbScheduleClient, IZoneCatalogue } from '../api';
import { SubmitResult } from '../review';
import { loadCronLocale } from '../cron/cronWords';
import { IScheduleDraft, newDraft } from './draft';
import { DraftStore } from './draftStore';
import { IWizardSettings } from './settings';
import { Wizard } from './Wizard';
import { workspaceNotebooks } from './workspaceNotebooks';

export interface IOpenWizardOptions {
  client: INbScheduleClient;
  trans: TranslationBundle;
  locale: string;
  languages: IEditorLanguageRegistry;
  drafts: DraftStore;
  notebookPath: string;
  notebook: INotebookContent;
  saveNotebook: () => Promise<INotebookContent>;
  owner: string;
  defaults: IWizardSettings;
  openFile: (path: string) => Promise<unknown>;
  timezones: Promise<string[]>;
  catalogue: Promise<IZoneCatalogue>;
  /** Edit: the saved spec, shown as it is instead of the notebook's draft. */
  savedSpec?: IScheduleDraft;
  showSchedule: (name: string) => void;
  /** Where workflow nodes are picked from. */
  contents: Contents.IManager;
  runsFolder: string;
}

/** A lasting notice of where the review went, still there after the wizard closes. */
function announce(
  result: SubmitResult,
  name: string,
  trans: TranslationBundle,
  showSchedule: (name: string) => void
): void {
  const show = {
    label: trans.__('Show in Schedules'),
    callback: () => showSchedule(name)
  };
  if (result.mode === 'github') {
    Notification.success(
      trans.__(
        'Pull request #%1 is open for review; the schedule starts when it is merged.',
        result.number
      ),
      {
        autoClose: false,
        actions: [
          {
            label: trans.__('Open pull request'),
            callback: () => window.open(result.url, '_blank', 'noopener')
          },
          show
        ]
      }
    );
    return;
  }
  Notification.success(
    trans.__(
      'Branch %1 is ready for review; the schedule starts when it is merged. See the change with: %2',
      result.branch,
      result.diff_command
    ),
    { autoClose: false, actions: [show] }
  );
}

const FIRST_FIELD =
  '.nbs-Wizard-step:not([hidden]) :is(input, select, textarea, button)';

const FOCUSABLE =
  'button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), a[href], [tabindex="0"]';

/**
 * Tab and Shift+Tab wrap around the dialog's visible controls in both directions,
 * and bring back a focus that was lost (to a control that went away or was
 * disabled); JupyterLab's dialog only wraps forward from its last footer button.
 */
function keepFocusInside(dialog: Dialog<unknown>): void {
  const node = dialog.node;
  const onKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Tab') {
      return;
    }
    const focusable = [...node.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
      element => element.offsetParent !== null
    );
    if (focusable.length === 0) {
      return;
    }
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    const target = event.shiftKey ? last : first;
    const edge = event.shiftKey ? first : last;
    if (
      document.activeElement === edge ||
      !node.contains(document.activeElement)
    ) {
      event.preventDefault();
      event.stopPropagation();
      target.focus();
    }
  };
  // On the document, capturing: a lost focus sits on the body, outside the dialog.
  document.addEventListener('keydown', onKeydown, true);
  dialog.disposed.connect(() =>
    document.removeEventListener('keydown', onKeydown, true)
  );
}

/** Shows the wizard as a modal dialog for one notebook. */
export async function openWizard(options: IOpenWizardOptions): Promise<void> {
  const { trans, drafts, notebookPath } = options;
  await loadCronLocale(options.locale);
  // Analysed on every opening: warnings follow the notebook as it is now, while
  // the draft keeps what the user already chose.
  const analysis = analyzeNotebook(options.notebook);
  const draft =
    options.savedSpec ??
    drafts.get(notebookPath) ??
    newDraft(notebookPath, analysis, options.owner, options.defaults);
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
      notebook={options.notebook}
      saveNotebook={options.saveNotebook}
      onDraftChange={next => drafts.set(notebookPath, next)}
      onSubmitted={result =>
        announce(
          result,
          result.branch.replace(/^nbschedule\//, ''),
          trans,
          options.showSchedule
        )
      }
      editing={options.savedSpec !== undefined}
      reviewTarget={options.defaults.reviewTarget}
      workspace={workspaceNotebooks(options.contents, options.runsFolder)}
      onShowSchedule={name => {
        dialog.reject();
        options.showSchedule(name);
      }}
      onOpenFile={path => {
        dialog.reject();
        void options.openFile(path);
      }}
    />
  );
  const title = options.savedSpec
    ? trans.__('Edit schedule %1', options.savedSpec.name ?? '')
    : trans.__('Schedule notebook');
  const dialog = new Dialog({
    title,
    body,
    // Closed by its × button or Escape: the height goes to the steps.
    buttons: [],
    // Enter belongs to the wizard's own fields, never to closing the dialog.
    defaultButton: -1,
    // Focus starts on the first field of the step in view, so Escape and Tab
    // act on the wizard rather than on the notebook behind it.
    focusNodeSelector: FIRST_FIELD,
    hasClose: true
  });
  dialog.addClass('nbs-WizardDialog');
  dialog.node.setAttribute('aria-label', title);
  keepFocusInside(dialog);
  await dialog.launch();
}
