/**
 * What the wizard has collected so far for one notebook. Drafts outlive the dialog,
 * so closing it by accident loses nothing.
 */
export interface IScheduleDraft {
  cron: string;
  timezone: string;
}

export function browserTimezone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function newDraft(): IScheduleDraft {
  return { cron: '0 6 * * *', timezone: browserTimezone() };
}

export class DraftStore {
  private readonly drafts = new Map<string, IScheduleDraft>();

  get(notebookPath: string): IScheduleDraft {
    return this.drafts.get(notebookPath) ?? newDraft();
  }

  set(notebookPath: string, draft: IScheduleDraft): void {
    this.drafts.set(notebookPath, draft);
  }
}
