/**
 * The Schedules view's content, loaded on first show: filters, the virtual list of
 * schedules, and the selected schedule's detail with its actions.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import React, { useLayoutEffect, useRef, useState } from 'react';

import { useViewportHeight } from '../runs/useViewportHeight';
import { movedIndex, scrollToShow, virtualWindow } from '../runs/virtualWindow';
import { ISchedulesActions } from './actions';
import { stateLabel } from './labels';
import { SchedulesModel } from './model';
import { ROW_HEIGHT, ScheduleRow } from './ScheduleRow';
import { ScheduleDetail } from './ScheduleDetail';
import { countByState, ScheduleState, STATES } from './state';

// Re-exported for the panel, which loads the user's cronstrue locale with this chunk.
export { loadCronLocale } from '../cron/cronWords';

export interface ISchedulesViewProps {
  model: SchedulesModel;
  actions: ISchedulesActions;
  trans: TranslationBundle;
  /** JupyterLab's language code: crons are worded in it. */
  languageCode: string;
}

function Filters(props: ISchedulesViewProps): JSX.Element {
  const { model, trans } = props;
  const counts = countByState(model.items);
  return (
    <div className="nbs-ScheduleFilters">
      <input
        type="search"
        className="jp-mod-styled"
        placeholder={trans.__('Filter by name, owner, notebook or zone')}
        aria-label={trans.__(
          'Filter schedules by name, owner, notebook or zone'
        )}
        value={model.filter.text}
        onChange={event =>
          (model.filter = { ...model.filter, text: event.target.value })
        }
      />
      <select
        className="jp-mod-styled"
        aria-label={trans.__('State')}
        value={model.filter.state}
        onChange={event =>
          (model.filter = {
            ...model.filter,
            state: event.target.value as ScheduleState | 'all'
          })
        }
      >
        <option value="all">
          {trans.__('Any state (%1)', model.items.length)}
        </option>
        {STATES.map(state => (
          <option key={state} value={state}>
            {trans.__('%1 (%2)', stateLabel(state, trans), counts[state])}
          </option>
        ))}
      </select>
    </div>
  );
}

function ScheduleList(props: ISchedulesViewProps): JSX.Element {
  const { model, actions, trans } = props;
  const items = model.visible;
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const height = useViewportHeight(viewport);

  const selectedIndex = items.findIndex(
    item => item.name === model.selectedName
  );
  // A schedule revealed from elsewhere (the wizard's link) scrolls into view.
  useLayoutEffect(() => {
    const node = viewport.current;
    if (node && selectedIndex >= 0) {
      node.scrollTop = scrollToShow(
        selectedIndex,
        node.scrollTop,
        node.clientHeight,
        ROW_HEIGHT
      );
    }
  }, [model.selectedName]);

  const view = virtualWindow(scrollTop, height, ROW_HEIGHT, items.length);
  const onKeyDown = (event: React.KeyboardEvent) => {
    const next = movedIndex(
      event.key,
      Math.max(selectedIndex, 0),
      items.length,
      Math.floor(height / ROW_HEIGHT)
    );
    if (next !== null && items[next]) {
      event.preventDefault();
      model.select(items[next].name);
      if (viewport.current) {
        viewport.current.scrollTop = scrollToShow(
          next,
          viewport.current.scrollTop,
          height,
          ROW_HEIGHT
        );
      }
    }
  };

  const rows: JSX.Element[] = [];
  for (let index = view.first; index < view.end; index++) {
    const item = items[index];
    rows.push(
      <ScheduleRow
        key={item.name}
        item={item}
        top={index * ROW_HEIGHT}
        active={index === selectedIndex}
        selected={index === selectedIndex}
        trans={trans}
        languageCode={props.languageCode}
        onClick={() => model.select(item.name)}
        onOpenRun={run => void actions.showRuns(item, run.id)}
      />
    );
  }
  return (
    <div
      ref={viewport}
      className="nbs-ScheduleList"
      role="listbox"
      tabIndex={0}
      aria-label={trans.__('Schedules, worst state first')}
      aria-activedescendant={
        selectedIndex >= 0
          ? `nbs-schedule-${items[selectedIndex].name}`
          : undefined
      }
      onKeyDown={onKeyDown}
      onScroll={event => setScrollTop(event.currentTarget.scrollTop)}
    >
      <div
        className="nbs-ScheduleList-space"
        style={{ height: view.totalHeight }}
      >
        {rows}
      </div>
    </div>
  );
}

export default function SchedulesView(props: ISchedulesViewProps): JSX.Element {
  const { model, trans } = props;
  const selected = model.selected;
  return (
    <div className="nbs-SchedulesView">
      <Filters {...props} />
      {model.problem && (
        <p className="nbs-SchedulesView-problem" role="alert">
          {model.problem}
        </p>
      )}
      {model.visible.length === 0 ? (
        <p className="nbs-SchedulesView-empty">
          {!model.loaded
            ? trans.__('Loading schedules…')
            : model.items.length
              ? trans.__('No schedule matches this filter.')
              : trans.__(
                  'No schedules yet. Open a notebook and press Schedule to make one.'
                )}
        </p>
      ) : (
        <ScheduleList {...props} />
      )}
      <p className="nbs-SchedulesView-count" aria-live="polite">
        {trans._n('%1 schedule', '%1 schedules', model.visible.length)}
      </p>
      {selected && (
        <ScheduleDetail
          item={selected}
          detail={model.detail}
          actions={props.actions}
          trans={trans}
          languageCode={props.languageCode}
          mergeInto={model.reviewBranch}
          now={model.now}
        />
      )}
    </div>
  );
}
