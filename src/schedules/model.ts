import { VDomModel } from '@jupyterlab/ui-components';
import { Poll } from '@lumino/polling';

import { describeError, NbScheduleClient } from '../api';
import { fetchScheduleStates, IScheduleStates } from './api';
import {
  deriveSchedules,
  filterSchedules,
  IPullRequest,
  IScheduleFilter,
  IScheduleItem,
  NO_FILTER
} from './state';

const POLL_MS = 5_000;

export interface ISchedulesModelOptions {
  client: NbScheduleClient;
  /** GitHub mode: the review branches' pull requests (through the proxy). */
  loadPullRequests: () => Promise<IPullRequest[]>;
  /** Polls only while this says the view is shown. */
  isVisible: () => boolean;
}

/**
 * Every schedule with its state, refreshed while the view is shown; the view renders
 * `visible` (the filtered items) and the selected one's details.
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

  select(name: string | null): void {
    this._selected = name;
    this.stateChanged.emit();
  }

  /** Selects `name`, clearing a filter that would hide it. */
  reveal(name: string): void {
    this._selected = name;
    if (!this._visible.some(item => item.name === name)) {
      this.filter = NO_FILTER;
    } else {
      this.stateChanged.emit();
    }
  }

  async refresh(): Promise<void> {
    try {
      const facts = await fetchScheduleStates(this.options.client);
      let pulls: IPullRequest[] = [];
      this._problem = null;
      if (facts.review.mode === 'github') {
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

  private _facts: IScheduleStates | null = null;
  private _items: IScheduleItem[] = [];
  private _visible: IScheduleItem[] = [];
  private _filter: IScheduleFilter = NO_FILTER;
  private _selected: string | null = null;
  private _problem: string | null = null;
  private _poll: Poll;
}
