import { TranslationBundle } from '@jupyterlab/translation';
import { VDomRenderer } from '@jupyterlab/ui-components';
import { Message } from '@lumino/messaging';
import React, { Suspense } from 'react';

import { ISchedulesActions } from './actions';
import { schedulesIcon } from './icon';
import { SchedulesModel } from './model';

// The list, its filters and dialogs load when the panel is first shown (not when the
// sidebar attaches the hidden panel at start-up: a VDomRenderer renders on attach).
const SchedulesView = React.lazy(() => import('./SchedulesView'));

export const SCHEDULES_PANEL_ID = 'nbschedule-schedules-panel';

/** The left-sidebar shell of the Schedules view; stays tiny in the plugin entry. */
export class SchedulesPanel extends VDomRenderer<SchedulesModel> {
  constructor(
    model: SchedulesModel,
    private readonly actions: ISchedulesActions,
    private readonly trans: TranslationBundle
  ) {
    super(model);
    this.id = SCHEDULES_PANEL_ID;
    this.addClass('nbs-SchedulesPanel');
    this.title.icon = schedulesIcon;
    this.title.caption = trans.__('Schedules');
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    void this.model.refresh();
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
          <p className="nbs-SchedulesView-empty">
            {this.trans.__('Loading schedules…')}
          </p>
        }
      >
        <SchedulesView
          model={this.model}
          actions={this.actions}
          trans={this.trans}
        />
      </Suspense>
    );
  }

  private _shown = false;
}
