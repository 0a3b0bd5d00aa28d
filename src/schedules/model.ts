import { VDomModel } from '@jupyterlab/ui-components';
import { Poll } from '@lumino/polling';

import { describeError, INbScheduleClient } from '../api';
import {
  fetchScheduleDetail,
  fetchScheduleStates,
  IScheduleDetail,
  IScheduleStates
} from './api';
import {
  deriveSchedules,
  filterSchedules,
  IPullRequest,
  IScheduleFilter,
  IScheduleItem,
  NO_FILTER,
  ScheduleState
} from './state';

const POLL_MS = 5_000;
/** The states whose schedule the scheduler has loaded: these have a detail. */
const LIVE: ScheduleState[] = ['active', 'failing', 'paused'];

export interface ISchedulesModelOptions {
  client: INbScheduleClient;
  /** GitHub mode: the review branches' pull requests (through the proxy). */
  loadPullRequests: () => Promise<IPullRequest[]>;
  /** Polls only while this says the view is shown. */
  isVisible: () => boolean;
}

/**
 * Every schedule with its state, refreshed while the view is shown; the view renders
 * `visible` (the filtered items) and the selected one's details. The list carries only
 * what rows show; the selected live schedule's spec and full runs (`detail`) are fetched
 * on selection and with each refresh.
 */
export class SchedulesModel extends VDomModel {
  constructor(private readonly options: ISchedulesModelOptions) {
    super();
    this._poll = new Poll({
      name: 'nbschedule:schedules',
      factory: () => this.refresh(),
      frequency: { interval: POLL_MS, backoff: true, max: 60_000 },
      standby: () => !options.isVisible() || 'when-hidden'
    });
  }

  get items(): IScheduleItem[] {
    return this._items;
  }

  get visible(): IScheduleItem[] {
    return this._visible;
  }

  get filter(): IScheduleFilter {
    return this._filter;
  }

  set filter(filter: IScheduleFilter) {
    this._filter = filter;
    this._visible = filterSchedules(this._items, filter);
    this.stateChanged.emit();
  }

  /** The scheduler's clock at the last refresh. */
  get now(): string | null {
    return this._facts?.now ?? null;
  }

  get reviewBranch(): string | null {
    return this._facts?.review.branch ?? null;
  }

  get loaded(): boolean {
    return this._facts !== null;
  }

  get problem(): string | null {
    return this._problem;
  }

  get selectedName(): string | null {
    return this._selected;
  }

  get selected(): IScheduleItem | null {
    return this._items.find(item => item.name === this._selected) ?? null;
  }

  /** The selected schedule's spec and full latest runs, once loaded (live schedules only). */
  get detail(): IScheduleDetail | null {
    return this._detail?.name === this._selected ? this._detail : null;
  }

  select(name: string | null): void {
    this._selected = name;
    this.stateChanged.emit();
    void this._loadDetail();
  }

  /** Selects `name`, clearing a filter that would hide it. */
  reveal(name: string): void {
    this._selected = name;
    if (!this._visible.some(item => item.name === name)) {
      this.filter = NO_FILTER;
    } else {
      this.stateChanged.emit();
    }
    void this._loadDetail();
  }

  /** Reads the facts; with `askGitHub` false, the pull requests' states are left out. */
  async refresh(askGitHub = true): Promise<void> {
    try {
      const facts = await fetchScheduleStates(this.options.client);
      let pulls: IPullRequest[] = [];
      this._problem = null;
      if (facts.review.mode === 'github' && askGitHub) {
        // Without GitHub the schedules still show; only the review states are missing.
        pulls = await this.options
          .loadPullRequests()
          .catch(error => ((this._problem = describeError(error)), []));
      }
      this._facts = facts;
      this._items = deriveSchedules(facts, pulls);
      this._visible = filterSchedules(this._items, this._filter);
    } catch (error) {
      this._problem = describeError(error);
    }
    this.stateChanged.emit();
    await this._loadDetail();
  }

  /**
   * Reads the facts ahead of the first show (JupyterLab idle after start-up), so it paints
   * without waiting for the server; the show refreshes them as every later show does.
   * GitHub is not asked: a read-ahead on every page load would spend the user's API quota
   * on a view they may never open.
   */
  warm(): void {
    if (!this.loaded && !this._warming) {
      this._warming = this.refresh(false).finally(() => (this._warming = null));
    }
  }

  /**
   * On show: a warm-up still in flight is that show's refresh, unless reviews go to GitHub
   * (the warm-up left the pull requests out); else a new one.
   */
  async refreshOnShow(): Promise<void> {
    if (!this._warming) {
      return this.refresh();
    }
    await this._warming;
    if (this._facts?.review.mode === 'github') {
      await this.refresh();
    }
  }

  /** Refresh now, e.g. after an action, rather than at the next poll. */
  refreshSoon(): void {
    void this._poll.refresh();
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this._poll.dispose();
    super.dispose();
  }

  private async _loadDetail(): Promise<void> {
    const item = this.selected;
    if (!item || !LIVE.includes(item.state)) {
      return;
    }
    try {
      const detail = await fetchScheduleDetail(this.options.client, item.name);
      // Another schedule may have been selected meanwhile; `detail` checks the name.
      this._detail = detail;
      this.stateChanged.emit();
    } catch (error) {
      // Retired or renamed since the list was read: the next refresh shows it.
      this._problem = describeError(error);
      this.stateChanged.emit();
    }
  }

  private _facts: IScheduleStates | null = null;
  private _detail: IScheduleDetail | null = null;
  private _items: IScheduleItem[] = [];
  private _visible: IScheduleItem[] = [];
  private _filter: IScheduleFilter = NO_FILTER;
  private _selected: string | null = null;
  private _problem: string | null = null;
  private _warming: Promise<void> | null = null;
  private _poll: Poll;
}
