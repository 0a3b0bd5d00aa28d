/**
 * The run context pane's content for an output notebook of a run: record, schedule in
 * words, parameters, zone, lineage and error, with a way to the failing cell. Loaded
 * when the first output notebook is shown.
 */
import { NotebookPanel } from '@jupyterlab/notebook';
import { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import { formatInstant, statusLabel } from './format';
import { landOnCell, markedCellOf } from './openOutput';
import type { RunContextModel } from './runContextModel';
import { WorkflowGraph } from './WorkflowGraph';

function Facts(props: { rows: [string, React.ReactNode][] }): JSX.Element {
  return (
    <dl className="nbs-RunContext-facts">
      {props.rows.map(([term, value]) => (
        <React.Fragment key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </React.Fragment>
      ))}
    </dl>
  );
}

/** The run of the output notebook `panel` (the model's current notebook). */
export function RunContextView(props: {
  model: RunContextModel;
  panel: NotebookPanel;
  trans: TranslationBundle;
}): JSX.Element {
  const { model, panel, trans } = props;
  const context = model.loading ? null : model.context;
  if (model.error !== null || !context) {
    return (
      <p className="nbs-RunContext-empty">
        {model.loading || model.error === null
          ? trans.__('Loading…')
          : trans.__('The run record beside %1 cannot be read.', model.path)}
      </p>
    );
  }
  const { record } = context;
  const error = record.error;
  const goToFailingCell = () => landOnCell(panel, markedCellOf(panel));
  return (
    <section className="nbs-RunContext" aria-label={trans.__('Run context')}>
      <h3 className="nbs-RunContext-title">
        {trans.__('Run %1', record.run_id)}
      </h3>
      <Facts
        rows={[
          [trans.__('Schedule'), record.schedule],
          [
            trans.__('Runs'),
            context.cron ?? trans.__('(schedule no longer active)')
          ],
          [
            trans.__('Status'),
            trans.__(
              '%1 (%2)',
              statusLabel(record.status, trans),
              record.exit_reason
            )
          ],
          [trans.__('Logical date'), formatInstant(record.logical_date)],
          [trans.__('Started'), formatInstant(record.started_at)],
          [trans.__('Ended'), formatInstant(record.ended_at)],
          [trans.__('Attempt'), record.attempt],
          [trans.__('Zone'), record.zone?.title ?? record.zone?.name]
        ]}
      />
      {context.workflow?.children?.length ? (
        <>
          <h4>{trans.__('Workflow %1', context.workflow.run_id)}</h4>
          <WorkflowGraph
            items={context.workflow.children}
            selectedId={
              context.workflow.children.find(
                item => item.run_id === record.run_id
              )?.id ?? null
            }
            trans={trans}
          />
        </>
      ) : null}
      <h4>{trans.__('Parameters')}</h4>
      <Facts
        rows={Object.entries(record.parameters ?? {}).map(([name, value]) => [
          name,
          JSON.stringify(value)
        ])}
      />
      <h4>{trans.__('Lineage')}</h4>
      <Facts
        rows={[
          [trans.__('Inputs'), context.lineage.inputs.join(', ') || '—'],
          [trans.__('Outputs'), context.lineage.outputs.join(', ') || '—']
        ]}
      />
      {error?.ename && (
        <>
          <p className="nbs-RunContext-error" role="alert">
            {error.ename}: {error.evalue}
          </p>
          <button
            className="jp-mod-styled jp-mod-accept"
            onClick={goToFailingCell}
          >
            {trans.__('Go to the failing cell')}
          </button>
        </>
      )}
    </section>
  );
}
