import { ReactWidget, UseSignal } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { Message } from '@lumino/messaging';
import React from 'react';

import { INbScheduleClient } from '../api';
import { IRunActions } from './actions';
import { runsIcon } from './icon';
import type { IRunsRequest, RunsModel } from './runsModel';
import type RunsView from './RunsView';

export const RUNS_PANEL_ID = 'nbschedule-runs-panel';
export const DEFAULT_PAGE_SIZE = 100;

/**
 * The left-sidebar shell of the runs panel; stays tiny in the plugin entry. The model,
 * the list, its filters, the detail and the run actions load when the panel is first
 * shown: a ReactWidget renders as soon as it is attached, and the sidebar attaches its
 * hidden panels at start-up.
 */
export class RunsPanel extends ReactWidget {
  constructor(
    private readonly client: INbScheduleClient,
    private readonly loadActions: () => Promise<IRunActions>,
    private readonly trans: TranslationBundle
  ) {
    super();
    this.id = RUNS_PANEL_ID;
    this.addClass('nbs-RunsPanel');
    this.title.icon = runsIcon;
    this.title.caption = trans.__('Scheduled runs');
  }

  /** The list's model, once the panel was first shown and its code loaded. */
  get model(): RunsModel | null {
    return this._model;
  }

  /** Filters on `request.schedule` and selects `request.run`. */
  showRuns(request: IRunsRequest): void {
    if (this._model) {
      this._model.showRuns(request);
    } else {
      this._request = request;
    }
  }

  /** Runs asked for at a time; a change reloads the list. */
  get pageSize(): number {
    return this._pageSize;
  }

  set pageSize(value: number) {
    this._pageSize = value;
    if (this._model) {
      this._model.pageSize = value;
    }
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this._model?.dispose();
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
    this._model?.hide();
  }

  protected onBeforeDetach(msg: Message): void {
    this._model?.hide();
    super.onBeforeDetach(msg);
  }

  render(): JSX.Element | null {
    const model = this._model;
    const View = this._view;
    const actions = this._actions;
    if (!model || !View || !actions) {
      return this._loading ? (
        <p className="nbs-RunsView-empty">{this.trans.__('Loading runs…')}</p>
      ) : null;
    }
    return (
      <UseSignal signal={model.changed}>
        {() => (
          <View
            model={model}
            client={this.client}
            actions={actions}
            trans={this.trans}
          />
        )}
      </UseSignal>
    );
  }

  private _onShown(): void {
    if (this._model) {
      this._model.show();
      return;
    }
    if (this._loading) {
      return;
    }
    // One chunk for all three (they share modules webpack would otherwise copy into each).
    this._loading = Promise.all([
      import(/* webpackChunkName: "RunsView" */ './runsModel'),
      import(/* webpackChunkName: "RunsView" */ './RunsView'),
      this.loadActions()
    ]).then(([{ RunsModel }, { default: view }, actions]) => {
      if (this.isDisposed) {
        return;
      }
      const model = new RunsModel({
        client: this.client,
        isVisible: () => this.isVisible,
        pageSize: this._pageSize
      });
      // A request made while the code loaded applies before the first load.
      if (this._request) {
        model.showRuns(this._request);
        this._request = undefined;
      }
      this._model = model;
      this._view = view;
      this._actions = actions;
      if (this.isVisible) {
        model.show();
      }
      this.update();
    });
    this.update();
  }

  private _model: RunsModel | null = null;
  private _view: typeof RunsView | null = null;
  private _actions: IRunActions | null = null;
  private _loading: Promise<void> | null = null;
  private _request: IRunsRequest | undefined = undefined;
  private _pageSize = DEFAULT_PAGE_SIZE;
}
