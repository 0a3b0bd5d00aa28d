import type { IScheduleDraft } from './draft';

/**
 * Drafts by notebook path, kept for the whole JupyterLab session. Its own module so
 * the plugin can hold drafts without loading the wizard's code at start-up.
 */
export class DraftStore {
  private readonly drafts = new Map<string, IScheduleDraft>();

  get(notebookPath: string): IScheduleDraft | undefined {
    return this.drafts.get(notebookPath);
  }

  set(notebookPath: string, draft: IScheduleDraft): void {
    this.drafts.set(notebookPath, draft);
  }
}
