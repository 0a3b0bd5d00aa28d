/**
 * What the runs list shows, apart from React: the filters, the loaded pages, the expanded
 * workflow rows, the selected run, and the poll that keeps active runs live while the
 * panel is shown. The view renders from it on `changed` and calls its methods.
 */
import { IDisposable } from '@lumino/disposable';
import { Poll } from '@lumino/polling';
import { ISignal, Signal } from '@lumino/signaling';

import {
  describeError,
  getRun,
  INbScheduleClient,
  IRun,
  listRuns,
  listSchedules
} from '../api';
import { IRunFilters, NO_FILTERS, toRunQuery } from './filterQuery';
import { RunPages } from './runPages';

const POLL_MS = 5_000;
const SEARCH_DELAY_MS = 300;
/** Active runs below the first page refreshed per poll; more would flood the server. */
const MAX_ACTIVE_REFRESH = 10;

/** A request from elsewhere (the Schedules view) to show one schedule's runs, or one run. */
export interface IRunsRequest {
  schedule: string;
  run?: number;
}

export interface IRunsModelOptions {
  client: INbScheduleClient;
  /** Polls only while this says the list is shown. */
  isVisible: () => boolean;
  /** Runs asked for at a time (the `historyPageSize` setting). */
  pageSize: number;
  /** Milliseconds between polls while shown; 5 s unless a test needs it shorter. */
  pollInterval?: number;
}

export class RunsModel implements IDisposable {
  constructor(private readonly options: IRunsModelOptions) {
    this._pageSize = options.pageSize;
    this._poll = new Poll({
      name: 'nbschedule:runs-panel',
      auto: false,
      factory: () => this._refresh(),
      frequency: {
        interval: options.pollInterval ?? POLL_MS,
        backoff: true,
        max: 60_000
      },
      standby: () => !options.isVisible() || 'when-hidden'
    });
    this._poll.ticked.connect((_, tick) => {
      if (tick.phase === 'rejected') {
        this._report(tick.payload);
      }
    });
  }

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  get filters(): IRunFilters {
    return this._filters;
  }

  /** Names of the schedules the filter bar offers. */
  get schedules(): string[] {
    return this._schedules;
  }

  /** The loaded top-level runs, newest first. */
  get runs(): readonly IRun[] {
    return this._pages?.runs ?? [];
  }

  /** The list's rows: a workflow run's node and item runs follow it while it is expanded. */
  get rows(): IRun[] {
    return this.runs.flatMap(run =>
      this._expanded.has(run.id) ? [run, ...(run.children ?? [])] : [run]
    );
  }

  get expanded(): ReadonlySet<number> {
    return this._expanded;
  }

  get loading(): boolean {
    return this._pages?.loading ?? false;
  }

  /** True once the oldest matching run is loaded. */
  get complete(): boolean {
    return this._pages?.complete ?? false;
  }

  /** The latest failure as a sentence; cleared by the next good poll. */
  get problem(): string | null {
    return this._problem;
  }

  /** The time of the latest poll: durations of running runs count up to it. */
  get now(): Date {
    return this._now;
  }

  /** The selected run in its latest loaded state. */
  get selected(): IRun | null {
    const selected = this._selected;
    if (!selected) {
      return null;
    }
    const known = this.runs.flatMap(run => [run, ...(run.children ?? [])]);
    return known.find(run => run.id === selected.id) ?? selected;
  }

  /** The workflow run the selected run is, or belongs to. */
  get workflow(): IRun | null {
    const current = this.selected;
    if (current?.children?.length) {
      return current;
    }
    return this.runs.find(run => run.id === current?.parent) ?? null;
  }

  get pageSize(): number {
    return this._pageSize;
  }

  /** A change reloads the list. */
  set pageSize(value: number) {
    if (value !== this._pageSize) {
      this._pageSize = value;
      this._reload();
    }
  }

  /** The filter bar's new state; the search text settles for a moment before it reloads. */
  setFilters(filters: IRunFilters): void {
    const before = this._filters;
    this._filters = filters;
    clearTimeout(this._searchTimer);
    const onlySearch =
      before.schedule === filters.schedule &&
      before.status === filters.status &&
      before.range === filters.range &&
      before.kind === filters.kind;
    if (onlySearch && before.search !== filters.search) {
      this._searchTimer = setTimeout(() => this._reload(), SEARCH_DELAY_MS);
      this._changed.emit();
    } else {
      this._reload();
    }
  }

  select(run: IRun | null): void {
    this._selected = run;
    this._changed.emit();
  }

  /** Shows or hides a workflow run's node and item runs. */
  toggle(run: IRun, expand: boolean): void {
    const expanded = new Set(this._expanded);
    if (expand) {
      expanded.add(run.id);
    } else {
      expanded.delete(run.id);
    }
    this._expanded = expanded;
    this._changed.emit();
  }

  /** Loads the next (older) page, e.g. as the list nears its end. */
  loadMore(): void {
    this._pages?.loadMore().catch(error => this._report(error));
  }

  /** Filters on `request.schedule` and selects `request.run`. */
  showRuns(request: IRunsRequest): void {
    this._filters = { ...NO_FILTERS, schedule: request.schedule };
    clearTimeout(this._searchTimer);
    if (!this._started) {
      this._requestedRun = request.run;
      this._changed.emit();
      return;
    }
    this._reload();
    // Again on each request: the requested schedule may have become active since.
    this._loadSchedules();
    this._selectRequested(request.run);
  }

  /** The panel is shown: the first show loads the list; every show polls again. */
  show(): void {
    if (!this._started) {
      this._started = true;
      this._reload();
      this._loadSchedules();
      this._selectRequested(this._requestedRun);
    }
    void this._poll.start();
  }

  /** The panel is hidden: no polling until it is shown again. */
  hide(): void {
    void this._poll.stop();
  }

  /** Shows a failure of something the view started (e.g. opening an output). */
  report(error: unknown): void {
    this._report(error);
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    clearTimeout(this._searchTimer);
    this._poll.dispose();
    Signal.clearData(this);
  }

  private _reload(): void {
    clearTimeout(this._searchTimer);
    if (!this._started) {
      this._changed.emit();
      return;
    }
    const query = toRunQuery(this._filters, new Date(), this._pageSize);
    const pages = new RunPages(
      cursor =>
        listRuns(this.options.client, {
          ...query,
          cursor: cursor ?? undefined,
          children: true
        }),
      () => {
        // A page of a list the filters have since replaced changes nothing shown.
        if (pages === this._pages) {
          this._changed.emit();
        }
      }
    );
    this._pages = pages;
    this._changed.emit();
    this.loadMore();
  }

  private async _refresh(): Promise<void> {
    const pages = this._pages;
    if (!pages) {
      return;
    }
    await pages.refreshTop();
    for (const run of pages.activeRuns().slice(0, MAX_ACTIVE_REFRESH)) {
      pages.replace(await getRun(this.options.client, run.id));
    }
    this._now = new Date();
    this._problem = null;
    this._changed.emit();
  }

  private _loadSchedules(): void {
    listSchedules(this.options.client)
      .then(reply => {
        this._schedules = reply.schedules.map(schedule => schedule.name);
        this._changed.emit();
      })
      .catch(error => this._report(error));
  }

  private _selectRequested(id: number | undefined): void {
    this._requestedRun = undefined;
    if (id !== undefined) {
      getRun(this.options.client, id)
        .then(run => this.select(run))
        .catch(error => this._report(error));
    }
  }

  private _report(error: unknown): void {
    if (this._isDisposed) {
      return;
    }
    this._problem = describeError(error);
    this._changed.emit();
  }

  private _changed = new Signal<this, void>(this);
  private _isDisposed = false;
  private _started = false;
  private _filters: IRunFilters = NO_FILTERS;
  private _schedules: string[] = [];
  private _pages: RunPages | null = null;
  private _expanded: ReadonlySet<number> = new Set();
  private _selected: IRun | null = null;
  private _requestedRun: number | undefined = undefined;
  private _problem: string | null = null;
  private _now = new Date();
  private _pageSize: number;
  private _searchTimer: ReturnType<typeof setTimeout> | undefined = undefined;
  private _poll: Poll;
}
