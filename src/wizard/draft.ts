import { INotebookAnalysis } from '../analysis';
import { defaultSpec, ScheduleSpecDraft } from '../spec';
import { IWizardSettings } from './settings';

/**
 * The spec the wizard is building for one notebook. Drafts outlive the dialog, so
 * closing it by accident loses nothing.
 */
export type IScheduleDraft = ScheduleSpecDraft;

export function browserTimezone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** A schedule name the schema accepts, derived from the notebook's file name. */
export function scheduleNameFor(notebookPath: string): string {
  const base = notebookPath
    .split('/')
    .pop()!
    .replace(/\.ipynb$/i, '');
  let name = base
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!/^[a-z]/.test(name)) {
    name = `nb_${name}`;
  }
  return name.slice(0, 63).replace(/_+$/, '');
}

function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A first draft, pre-filled from what the notebook itself says. */
export function newDraft(
  notebookPath: string,
  analysis: INotebookAnalysis,
  owner: string,
  settings: IWizardSettings
): IScheduleDraft {
  return defaultSpec({
    name: scheduleNameFor(notebookPath),
    notebook: notebookPath,
    cron: '0 6 * * *',
    timezone: settings.defaultTimezone || browserTimezone(),
    ...(settings.defaultZone ? { zone: settings.defaultZone } : {}),
    start_date: today(),
    owner,
    inputs: analysis.inputs,
    outputs: analysis.outputs,
    parameters: analysis.parameters
  });
}
