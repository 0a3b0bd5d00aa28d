import { TranslationBundle } from '@jupyterlab/translation';
import { VDomRenderer } from '@jupyterlab/ui-components';
import { Message } from '@lumino/messaging';
import React, { Suspense } from 'react';

import { ISchedulesActions } from './actions';
import { schedulesIcon } from './icon';
import { SchedulesModel } from './model';
import type { ISchedulesViewProps } from './SchedulesView';

type ViewModule = typeof import('./SchedulesView');

// The list, its filters and dialogs load when the panel is first shown or prefetched
// (not when the sidebar attaches the hidden panel at start-up: a VDomRenderer renders on
// attach), with the user's cronstrue locale, so rows are worded in it from the first paint.
// Loaded before the first show, the view renders directly: a lazy component would
// suspend once more, costing the first show a frame.
let viewModule: ViewModule | null = null;
let viewLoading: Promise<ViewModule> | null = null;

function loadView(languageCode: string): Promise<ViewModule> {
  viewLoading ??= import('./SchedulesView')
    .then(async loaded => {
      await loaded.loadCronLocale(languageCode);
      return (viewModule = loaded);
    })
    .catch(error => {
      viewLoading = null; // the next show tries again
      throw error;
    });
  return viewLoading;
}

export const SCHEDULES_PANEL_ID = 'nbschedule-schedules-panel';

/** The left-sidebar shell of the Schedules view; stays tiny in the plugin entry. */
export class SchedulesPanel extends VDomRenderer<SchedulesModel> {
  constructor(
    model: SchedulesModel,
    private readonly actions: ISchedulesActions,
    private readonly trans: TranslationBundle,
    /** JupyterLab's language code: crons are worded in it. */
    private readonly languageCode: string
  ) {
    super(model);
    this.id = SCHEDULES_PANEL_ID;
    this.addClass('nbs-SchedulesPanel');
    this.title.icon = schedulesIcon;
    this.title.caption = trans.__('Schedules');
  }

  /** Loads the view's code and the schedules' facts ahead of the first show. */
  prefetch(): void {
    if (this._shown) {
      return;
    }
    this._preloadView();
    this.model.warm();
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    void this.model.refreshOnShow();
    if (!this._shown) {
      // Now rather than at the render a frame later; the code and the facts load together.
      this._preloadView();
      this.update();
    }
  }

  render(): JSX.Element | null {
    this._shown ||= this.isVisible;
    if (!this._shown) {
      return null;
    }
    // Chosen once: swapping the component would remount the view (losing its scroll).
    const View = (this._view ??=
      viewModule?.default ?? React.lazy(() => loadView(this.languageCode)));
    return (
      <Suspense
        fallback={
          <p className="nbs-SchedulesView-empty">
            {this.trans.__('Loading schedules…')}
          </p>
        }
      >
        <View
          model={this.model}
          actions={this.actions}
          trans={this.trans}
          languageCode={this.languageCode}
        />
      </Suspense>
    );
  }

  /** Starts loading the view; a failure shows when the view renders. */
  private _preloadView(): void {
    loadView(this.languageCode).catch(() => undefined);
  }

  private _shown = false;
  private _view: React.ComponentType<ISchedulesViewProps> | null = null;
}
