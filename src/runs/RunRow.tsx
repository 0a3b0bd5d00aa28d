import { TranslationBundle } from '@jupyterlab/translation';
import {
  checkIcon,
  closeIcon,
  LabIcon,
  refreshIcon,
  stopIcon
} from '@jupyterlab/ui-components';
import React from 'react';

import { IRun, RunStatus } from '../api';
import {
  awaitsRetry,
  formatDuration,
  formatInstant,
  isFailure,
  statusText,
  triggerLabel
} from './format';

/** Every status has its own icon, so failures stand out without relying on colour. */
export const STATUS_ICONS: Record<RunStatus, LabIcon> = {
  queued: refreshIcon,
  running: refreshIcon,
  success: checkIcon,
  failed: closeIcon,
  refused: stopIcon,
  lost: closeIcon,
  cancelled: stopIcon,
  upstream_failed: stopIcon
};

export interface IRunRowProps {
  run: IRun;
  top: number;
  active: boolean;
  selected: boolean;
  trans: TranslationBundle;
  now: Date;
  onClick: () => void;
  onDoubleClick: () => void;
  /** A workflow run's rows: whether its node and item runs are shown below it. */
  expanded?: boolean;
  onToggle?: () => void;
}

/** What the schedule column names: a node or item run by its node and parameter values. */
function runName(run: IRun): string {
  if (run.parent === null || run.parent === undefined) {
    return run.schedule;
  }
  return run.item_label ? `${run.node} · ${run.item_label}` : (run.node ?? '');
}

export function RunRow(props: IRunRowProps): JSX.Element {
  const { run, trans } = props;
  const Icon = STATUS_ICONS[run.status].react;
  // A run waiting for its retry is not working: no duration ticks. A retried run's
  // start and end span the waits; its details sum the attempts instead.
  const duration =
    awaitsRetry(run) || run.attempts > 1
      ? null
      : formatDuration(run.started_at, run.ended_at, props.now, trans);
  const classes = [
    'nbs-RunRow',
    `nbs-RunRow-${run.status}`,
    isFailure(run.status) ? 'nbs-mod-failure' : '',
    props.active ? 'nbs-mod-active' : '',
    props.selected ? 'nbs-mod-selected' : '',
    run.parent ? 'nbs-mod-item' : ''
  ];
  const items = run.children?.length ?? 0;
  return (
    <div
      id={`nbs-run-${run.id}`}
      className={classes.filter(Boolean).join(' ')}
      role="option"
      aria-selected={props.selected}
      style={{ top: props.top }}
      onClick={props.onClick}
      onDoubleClick={props.onDoubleClick}
      data-run-id={run.run_id}
    >
      <span className="nbs-RunRow-status">
        <Icon tag="span" className="nbs-RunRow-icon" />
        <span className="nbs-RunRow-statusText">{statusText(run, trans)}</span>
      </span>
      <span className="nbs-RunRow-schedule">
        {items > 0 && (
          <span
            className="nbs-RunRow-toggle"
            data-expanded={props.expanded ? 'true' : 'false'}
            onClick={event => {
              event.stopPropagation();
              props.onToggle?.();
            }}
          >
            {props.expanded ? '▾' : '▸'}
          </span>
        )}
        {runName(run)}
      </span>
      <span className="nbs-RunRow-meta">
        {formatInstant(run.logical_date)} · {triggerLabel(run, trans)}
        {duration ? ` · ${duration}` : ''}
        {items > 0 &&
          ` · ${
            props.expanded
              ? trans._n('%1 node run shown', '%1 node runs shown', items)
              : trans._n(
                  '%1 node run (Right arrow shows it)',
                  '%1 node runs (Right arrow shows them)',
                  items
                )
          }`}
      </span>
    </div>
  );
}
