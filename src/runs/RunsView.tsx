/**
 * The runs panel's content, loaded on first use: filters, the virtual list, the
 * selected run's detail, all rendered from the panel's `RunsModel`.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import { INbScheduleClient } from '../api';
import { IRunActions } from './actions';
import { RunDetail } from './RunDetail';
import { RunFilters } from './RunFilters';
import { runCountText } from './format';
import { RunsModel } from './runsModel';
import { VirtualRunList } from './VirtualRunList';

export interface IRunsViewProps {
  model: RunsModel;
  client: INbScheduleClient;
  actions: IRunActions;
  trans: TranslationBundle;
}

export default function RunsView(props: IRunsViewProps): JSX.Element {
  const { model, trans } = props;
  const current = model.selected;
  const select = model.select.bind(model);

  return (
    <div className="nbs-RunsView">
      <RunFilters
        filters={model.filters}
        schedules={model.schedules}
        trans={trans}
        onChange={filters => model.setFilters(filters)}
      />
      {model.problem && (
        <p className="nbs-RunsView-problem" role="alert">
          {model.problem}
        </p>
      )}
      {model.runs.length === 0 && !model.loading ? (
        <p className="nbs-RunsView-empty">
          {trans.__('No runs match these filters.')}
        </p>
      ) : (
        <VirtualRunList
          runs={model.rows}
          expanded={model.expanded}
          onToggle={(run, expand) => model.toggle(run, expand)}
          selectedId={current?.id ?? null}
          trans={trans}
          now={model.now}
          onSelect={select}
          onOpen={run => {
            model.select(run);
            props.actions.openOutput(run).catch(error => model.report(error));
          }}
          onNearEnd={() => model.loadMore()}
        />
      )}
      <p className="nbs-RunsView-count" aria-live="polite">
        {runCountText(model.runs.length, model.complete, trans)}
      </p>
      {current && (
        <RunDetail
          run={current}
          client={props.client}
          actions={props.actions}
          trans={trans}
          now={model.now}
          workflow={model.workflow}
          onSelect={select}
        />
      )}
    </div>
  );
}
