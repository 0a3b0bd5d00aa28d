/**
 * The runs panel's content, loaded on first use: filters, the virtual list, the
 * selected run's detail. Polls while visible so running runs show their live state.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import { Poll } from '@lumino/polling';
import React, { useEffect, useMemo, useReducer, useState } from 'react';

import {
  describeError,
  getRun,
  INbScheduleClient,
  IRun,
  listRuns,
  listSchedules
} from '../api';
import { IRunActions } from './actions';
import type { IRunsRequest } from './RunsPanel';
import { RunDetail } from './RunDetail';
import { RunFilters } from './RunFilters';
import { IRunFilters, NO_FILTERS, toRunQuery } from './filterQuery';
import { runCountText } from './format';
import { RunPages } from './runPages';
import { VirtualRunList } from './VirtualRunList';

const POLL_MS = 5_000;
const SEARCH_DELAY_MS = 300;
/** Active runs below the first page refreshed per poll; more would flood the server. */
const MAX_ACTIVE_REFRESH = 10;

export interface IRunsViewProps {
  client: INbScheduleClient;
  actions: IRunActions;
  trans: TranslationBundle;
  isVisible: () => boolean;
  /** A new object each time another view asks to show a schedule's runs. */
  request?: IRunsRequest | null;
  /** Runs asked for at a time (the `historyPageSize` setting). */
  pageSize: number;
}

function useDebounced<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

export default function RunsView(props: IRunsViewProps): JSX.Element {
  const { client, trans } = props;
  const [filters, setFilters] = useState<IRunFilters>(NO_FILTERS);
  const [schedules, setSchedules] = useState<string[]>([]);
  const [selected, setSelected] = useState<IRun | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [now, setNow] = useState(() => new Date());
  const [, changed] = useReducer((n: number) => n + 1, 0);
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());
  const toggle = (run: IRun, expand: boolean) =>
    setExpanded(before => {
      const after = new Set(before);
      if (expand) {
        after.add(run.id);
      } else {
        after.delete(run.id);
      }
      return after;
    });
  const search = useDebounced(filters.search, SEARCH_DELAY_MS);

  const pages = useMemo(() => {
    const query = toRunQuery(
      { ...filters, search },
      new Date(),
      props.pageSize
    );
    return new RunPages(
      cursor =>
        listRuns(client, {
          ...query,
          cursor: cursor ?? undefined,
          children: true
        }),
      changed
    );
  }, [
    filters.schedule,
    filters.status,
    filters.range,
    filters.kind,
    search,
    props.pageSize
  ]);

  useEffect(() => {
    pages.loadMore().catch(error => setProblem(describeError(error)));
    const poll = new Poll({
      name: 'nbschedule:runs-panel',
      factory: async () => {
        await pages.refreshTop();
        for (const run of pages.activeRuns().slice(0, MAX_ACTIVE_REFRESH)) {
          pages.replace(await getRun(client, run.id));
        }
        setNow(new Date());
        setProblem(null);
      },
      frequency: { interval: POLL_MS, backoff: true, max: 60_000 },
      standby: () => !props.isVisible() || 'when-hidden'
    });
    poll.ticked.connect((_, tick) => {
      if (tick.phase === 'rejected') {
        setProblem(describeError(tick.payload));
      }
    });
    return () => poll.dispose();
  }, [pages]);

  // Again on each request: the requested schedule may have become active since.
  useEffect(() => {
    listSchedules(client)
      .then(reply => setSchedules(reply.schedules.map(s => s.name)))
      .catch(error => setProblem(describeError(error)));
  }, [props.request]);

  useEffect(() => {
    const request = props.request;
    if (!request) {
      return;
    }
    setFilters({ ...NO_FILTERS, schedule: request.schedule });
    if (request.run !== undefined) {
      getRun(client, request.run)
        .then(setSelected)
        .catch(error => setProblem(describeError(error)));
    }
  }, [props.request]);

  // A workflow run's node and item runs are rows of their own while it is expanded.
  const rows = pages.runs.flatMap(run =>
    expanded.has(run.id) ? [run, ...(run.children ?? [])] : [run]
  );
  const known = pages.runs.flatMap(run => [run, ...(run.children ?? [])]);
  const current = selected
    ? (known.find(run => run.id === selected.id) ?? selected)
    : null;
  const workflow = current?.children?.length
    ? current
    : (pages.runs.find(run => run.id === current?.parent) ?? null);

  return (
    <div className="nbs-RunsView">
      <RunFilters
        filters={filters}
        schedules={schedules}
        trans={trans}
        onChange={setFilters}
      />
      {problem && (
        <p className="nbs-RunsView-problem" role="alert">
          {problem}
        </p>
      )}
      {pages.runs.length === 0 && !pages.loading ? (
        <p className="nbs-RunsView-empty">
          {trans.__('No runs match these filters.')}
        </p>
      ) : (
        <VirtualRunList
          runs={rows}
          expanded={expanded}
          onToggle={toggle}
          selectedId={current?.id ?? null}
          trans={trans}
          now={now}
          onSelect={setSelected}
          onOpen={run => {
            setSelected(run);
            props.actions
              .openOutput(run)
              .catch(error => setProblem(describeError(error)));
          }}
          onNearEnd={() =>
            pages.loadMore().catch(error => setProblem(describeError(error)))
          }
        />
      )}
      <p className="nbs-RunsView-count" aria-live="polite">
        {runCountText(pages.runs.length, pages.complete, trans)}
      </p>
      {current && (
        <RunDetail
          run={current}
          client={client}
          actions={props.actions}
          trans={trans}
          now={now}
          workflow={workflow}
          onSelect={setSelected}
        />
      )}
    </div>
  );
}
