/**
 * The right-sidebar pane showing the run behind the current output notebook. Only this
 * shell is in the plugin entry: the model and the view load with the first output
 * notebook shown, and any other notebook is answered here.
 */
import { ReactWidget, UseSignal } from '@jupyterlab/apputils';
import { Contents } from '@jupyterlab/services';
import { NotebookPanel } from '@jupyterlab/notebook';
import { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import { INbScheduleClient } from '../api';
import { runsIcon } from './icon';
import { DEFAULT_RUNS_FOLDER, runOfNotebook } from './runContext';
import type { RunContextModel } from './runContextModel';
import type { RunContextView } from './RunContextView';

export const RUN_CONTEXT_ID = 'nbschedule-run-context';

export class RunContextPane extends ReactWidget {
  constructor(
    private readonly client: INbScheduleClient,
    private readonly contents: Contents.IManager,
    private readonly trans: TranslationBundle,
    private readonly languageCode = 'en'
  ) {
    super();
    this.id = RUN_CONTEXT_ID;
    this.addClass('nbs-RunContextPane');
    this.title.icon = runsIcon;
    this.title.caption = trans.__('Run context');
  }

  /** The pane's model, once an output notebook was shown and its code loaded. */
  get model(): RunContextModel | null {
    return this._model;
  }

  /** The notebook in the main area, or null when something else is current. */
  set notebook(panel: NotebookPanel | null) {
    this._notebook = panel;
    if (this._model) {
      this._model.notebook = panel;
    } else {
      this._follow();
    }
  }

  /** The runs folder setting: notebooks in it are run outputs. */
  set runsFolder(folder: string) {
    this._runsFolder = folder;
    if (this._model) {
      this._model.runsFolder = folder;
    } else {
      this._follow();
    }
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this._model?.dispose();
    super.dispose();
  }

  render(): JSX.Element {
    const model = this._model;
    const View = this._view;
    if (!model || !View) {
      return this._isRunOutput()
        ? this._message(this.trans.__('Loading…'))
        : this._noRun();
    }
    return (
      <UseSignal signal={model.changed}>
        {() =>
          model.notebook && model.run ? (
            <View model={model} panel={model.notebook} trans={this.trans} />
          ) : (
            this._noRun()
          )
        }
      </UseSignal>
    );
  }

  private _isRunOutput(): boolean {
    const panel = this._notebook;
    return (
      panel !== null &&
      runOfNotebook(
        panel.context.path,
        panel.context.model.metadata as Record<string, unknown>,
        this._runsFolder
      ) !== null
    );
  }

  /** Before the model is loaded: loads it for an output notebook of a run. */
  private _follow(): void {
    if (this._isRunOutput() && !this._loading) {
      this._loading = Promise.all([
        import(/* webpackChunkName: "RunContextView" */ './runContextModel'),
        import(/* webpackChunkName: "RunContextView" */ './RunContextView')
      ]).then(([{ RunContextModel }, { RunContextView }]) => {
        if (this.isDisposed) {
          return;
        }
        const model = new RunContextModel(
          this.client,
          this.contents,
          this.languageCode
        );
        model.runsFolder = this._runsFolder;
        model.notebook = this._notebook;
        this._model = model;
        this._view = RunContextView;
        this.update();
      });
    }
    this.update();
  }

  private _noRun(): JSX.Element {
    return this._message(
      this.trans.__(
        'Open an output notebook of a scheduled run to see its run here.'
      )
    );
  }

  private _message(text: string): JSX.Element {
    return <p className="nbs-RunContext-empty">{text}</p>;
  }

  private _model: RunContextModel | null = null;
  private _view: typeof RunContextView | null = null;
  private _loading: Promise<void> | null = null;
  private _notebook: NotebookPanel | null = null;
  private _runsFolder = DEFAULT_RUNS_FOLDER;
}
