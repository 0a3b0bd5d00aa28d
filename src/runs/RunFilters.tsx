import { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import { RunStatus } from '../api';
import {
  IRunFilters,
  KindFilter,
  RangeFilter,
  StatusFilter
} from './filterQuery';

const STATUSES: RunStatus[] = [
  'queued',
  'running',
  'success',
  'failed',
  'refused',
  'lost',
  'cancelled'
];

export interface IRunFiltersProps {
  filters: IRunFilters;
  schedules: string[];
  trans: TranslationBundle;
  onChange: (filters: IRunFilters) => void;
}

export function RunFilters(props: IRunFiltersProps): JSX.Element {
  const { filters, trans } = props;
  const set = (change: Partial<IRunFilters>) =>
    props.onChange({ ...filters, ...change });
  return (
    <div className="nbs-RunFilters">
      <input
        type="search"
        className="jp-mod-styled nbs-RunFilters-search"
        placeholder={trans.__('Search schedule or run id')}
        aria-label={trans.__('Search runs by schedule name or run id')}
        value={filters.search}
        onChange={event => set({ search: event.target.value })}
      />
      <div className="nbs-RunFilters-row">
        <select
          className="jp-mod-styled"
          aria-label={trans.__('Schedule')}
          value={filters.schedule}
          onChange={event => set({ schedule: event.target.value })}
        >
          <option value="">{trans.__('All schedules')}</option>
          {props.schedules.map(name => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        <select
          className="jp-mod-styled"
          aria-label={trans.__('Status')}
          value={filters.status}
          onChange={event =>
            set({ status: event.target.value as StatusFilter })
          }
        >
          <option value="all">{trans.__('Any status')}</option>
          <option value="failures">{trans.__('Failures only')}</option>
          {STATUSES.map(status => (
            <option key={status} value={status}>
              {status}
            </option>
          ))}
        </select>
        <select
          className="jp-mod-styled"
          aria-label={trans.__('Time range')}
          value={filters.range}
          onChange={event => set({ range: event.target.value as RangeFilter })}
        >
          <option value="all">{trans.__('Any time')}</option>
          <option value="24h">{trans.__('Last 24 hours')}</option>
          <option value="7d">{trans.__('Last 7 days')}</option>
          <option value="30d">{trans.__('Last 30 days')}</option>
        </select>
        <select
          className="jp-mod-styled"
          aria-label={trans.__('Kind')}
          value={filters.kind}
          onChange={event => set({ kind: event.target.value as KindFilter })}
        >
          <option value="all">{trans.__('Any kind')}</option>
          <option value="runs">
            {trans.__('Schedule runs (no test runs)')}
          </option>
          <option value="scheduled">{trans.__('Scheduled')}</option>
          <option value="manual">{trans.__('Manual')}</option>
          <option value="backfill">{trans.__('Backfill')}</option>
          <option value="test">{trans.__('Test runs')}</option>
        </select>
      </div>
    </div>
  );
}
