import { ReactWidget } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { Message } from '@lumino/messaging';
import React, { Suspense } from 'react';

import { INbScheduleClient } from '../api';
import { IRunActions } from './actions';
import { runsIcon } from './icon';

// The list, its filters and the detail load when the panel is first shown: a ReactWidget
// renders as soon as it is attached, and the sidebar attaches its hidden panels at start-up.
const RunsView = React.lazy(() => import('./RunsView'));

export const RUNS_PANEL_ID = 'nbschedule-runs-panel';
export const DEFAULT_PAGE_SIZE = 100;

/** A request from elsewhere (the Schedules view) to show one schedule's runs, or one run. */
export interface IRunsRequest {
  schedule: string;
  run?: number;
}

/** The left-sidebar shell of the runs panel; stays tiny in the plugin entry. */
export class RunsPanel extends ReactWidget {
  constructor(
    private readonly client: INbScheduleClient,
    private readonly actions: IRunActions,
    private readonly trans: TranslationBundle
  ) {
    super();
    this.id = RUNS_PANEL_ID;
    this.addClass('nbs-RunsPanel');
    this.title.icon = runsIcon;
    this.title.caption = trans.__('Scheduled runs');
  }

  /** Filters on `request.schedule` and selects `request.run`. */
  showRuns(request: IRunsRequest): void {
    this._request = { ...request };
    this.update();
  }

  /** Runs asked for at a time; a change reloads the list. */
  get pageSize(): number {
    return this._pageSize;
  }

  set pageSize(value: number) {
    if (value !== this._pageSize) {
      this._pageSize = value;
      this.update();
    }
  }

  private _pageSize = DEFAULT_PAGE_SIZE;

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    if (!this._shown) {
      this.update();
    }
  }

  render(): JSX.Element | null {
    this._shown ||= this.isVisible;
    if (!this._shown) {
      return null;
    }
    return (
      <Suspense
        fallback={
          <p className="nbs-RunsView-empty">{this.trans.__('Loading runs…')}</p>
        }
      >
        <RunsView
          client={this.client}
          actions={this.actions}
          trans={this.trans}
          isVisible={() => this.isVisible}
          request={this._request}
          pageSize={this._pageSize}
        />
      </Suspense>
    );
  }

  private _request: IRunsRequest | null = null;
  private _shown = false;
}
