import { ReactWidget, UseSignal } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { Message } from '@lumino/messaging';
import React, { Suspense } from 'react';

import { INbScheduleClient } from '../api';
import { IRunActions } from './actions';
import { runsIcon } from './icon';
import { IRunsRequest, RunsModel } from './runsModel';

// The list, its filters and the detail load when the panel is first shown: a ReactWidget
// renders as soon as it is attached, and the sidebar attaches its hidden panels at start-up.
const RunsView = React.lazy(() => import('./RunsView'));

export const RUNS_PANEL_ID = 'nbschedule-runs-panel';
export const DEFAULT_PAGE_SIZE = 100;

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
    this.model = new RunsModel({
      client,
      isVisible: () => this.isVisible,
      pageSize: DEFAULT_PAGE_SIZE
    });
  }

  readonly model: RunsModel;

  /** Filters on `request.schedule` and selects `request.run`. */
  showRuns(request: IRunsRequest): void {
    this.model.showRuns(request);
  }

  /** Runs asked for at a time; a change reloads the list. */
  get pageSize(): number {
    return this.model.pageSize;
  }

  set pageSize(value: number) {
    this.model.pageSize = value;
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this.model.dispose();
    super.dispose();
  }

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    // Restored open: shown without a show message.
    if (this.isVisible) {
      this._onShown();
    }
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    this._onShown();
  }

  protected onAfterHide(msg: Message): void {
    super.onAfterHide(msg);
    this.model.hide();
  }

  protected onBeforeDetach(msg: Message): void {
    this.model.hide();
    super.onBeforeDetach(msg);
  }

  render(): JSX.Element | null {
    if (!this._shown) {
      return null;
    }
    return (
      <Suspense
        fallback={
          <p className="nbs-RunsView-empty">{this.trans.__('Loading runs…')}</p>
        }
      >
        <UseSignal signal={this.model.changed}>
          {() => (
            <RunsView
              model={this.model}
              client={this.client}
              actions={this.actions}
              trans={this.trans}
            />
          )}
        </UseSignal>
      </Suspense>
    );
  }

  private _onShown(): void {
    this.model.show();
    if (!this._shown) {
      this._shown = true;
      this.update();
    }
  }

  private _shown = false;
}
