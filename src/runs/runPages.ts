/**
 * The loaded part of the run history for one set of filters: pages appended by keyset
 * cursor as the list scrolls, and a refresh that picks up new runs and status changes
 * without reloading what is already there.
 */
import { IRun, IRunPage } from '../api';
import { isActive } from './format';

export type PageLoader = (cursor: string | null) => Promise<IRunPage>;

export class RunPages {
  constructor(
    private readonly load: PageLoader,
    private readonly onChange: () => void
  ) {}

  get runs(): readonly IRun[] {
    return this._runs;
  }

  /** True once the oldest matching run is loaded. */
  get complete(): boolean {
    return this._started && this.cursor === null;
  }

  get loading(): boolean {
    return this.pending !== null;
  }

  /** Loads the next (older) page unless one is loading or all are loaded. */
  loadMore(): Promise<void> {
    if (this.pending || this.complete) {
      return this.pending ?? Promise.resolve();
    }
    this.pending = this.load(this.cursor)
      .then(page => {
        const known = new Set(this._runs.map(run => run.id));
        this._runs = [
          ...this._runs,
          ...page.runs.filter(run => !known.has(run.id))
        ];
        this.cursor = page.next_cursor;
        this._started = true;
      })
      .finally(() => {
        this.pending = null;
        this.onChange();
      });
    this.onChange();
    return this.pending;
  }

  /**
   * Reads the newest page again: new runs go on top, known ones take their new state.
   * Runs still active further down are refreshed by `refreshRun`.
   */
  async refreshTop(): Promise<void> {
    const page = await this.load(null);
    const fresh = new Map(page.runs.map(run => [run.id, run]));
    const known = new Set(this._runs.map(run => run.id));
    const added = page.runs.filter(run => !known.has(run.id));
    this._runs = [...added, ...this._runs.map(run => fresh.get(run.id) ?? run)];
    if (!this._started) {
      this.cursor = page.next_cursor;
      this._started = true;
    }
    this.onChange();
  }

  /** Loaded runs that are queued or running. */
  activeRuns(): IRun[] {
    return this._runs.filter(run => isActive(run.status));
  }

  /** A run read again on its own; a workflow run keeps the node runs it was listed with. */
  replace(run: IRun): void {
    this._runs = this._runs.map(known =>
      known.id === run.id
        ? { ...run, children: run.children ?? known.children }
        : known
    );
    this.onChange();
  }

  private _runs: IRun[] = [];
  private cursor: string | null = null;
  private _started = false;
  private pending: Promise<void> | null = null;
}
