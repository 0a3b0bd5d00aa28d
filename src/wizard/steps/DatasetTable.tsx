import { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import { ISpecCheck } from '../../api';
import { Input, Output } from '../../spec';
import { messageAt } from '../problems';

type Dataset = Input | Output;

export interface IDatasetTableProps<T extends Dataset> {
  trans: TranslationBundle;
  side: 'inputs' | 'outputs';
  /** Where the table's datasets sit in the spec: '' for the spec's own, `/nodes/<i>` for a node's. */
  at?: string;
  caption: string;
  rows: T[];
  check: ISpecCheck | null;
  blankRow: T;
  /** An extra column after connection, table and category: landed checks or write modes. */
  extra?: {
    header: string;
    render: (row: T, update: (row: T) => void, label: string) => JSX.Element;
  };
  onChange: (rows: T[]) => void;
}

/** Editable list of datasets, each with its data category and its problems. */
export function DatasetTable<T extends Dataset>(
  props: IDatasetTableProps<T>
): JSX.Element {
  const { trans, side, rows, check, extra, onChange } = props;
  const columns = extra ? 5 : 4;
  const problems = check?.problems ?? [];
  const categoryAt = (path: string) =>
    check?.datasets.find(dataset => dataset.path === path)?.category;
  const replace = (index: number, row: T) =>
    onChange(rows.map((old, at) => (at === index ? row : old)));

  return (
    <div className="nbs-DatasetTable">
      <table className="nbs-Table">
        <caption className="nbs-Table-caption">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{trans.__('Connection')}</th>
            <th scope="col">{trans.__('Table')}</th>
            <th scope="col">{trans.__('Category')}</th>
            {extra && <th scope="col">{extra.header}</th>}
            <th scope="col">
              <span className="nbs-VisuallyHidden">{trans.__('Remove')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => {
            const path = `${props.at ?? ''}/${side}/${index}`;
            const error = messageAt(problems, path);
            const name = `${row.connection}:${row.table}`;
            return (
              <React.Fragment key={index}>
                <tr
                  className={
                    error ? 'nbs-Table-row nbs-mod-invalid' : 'nbs-Table-row'
                  }
                >
                  <td>
                    <input
                      className="jp-mod-styled nbs-Input"
                      aria-label={trans.__('Connection of %1', name)}
                      value={row.connection}
                      onChange={event =>
                        replace(index, {
                          ...row,
                          connection: event.target.value
                        })
                      }
                    />
                  </td>
                  <td>
                    <input
                      className="jp-mod-styled nbs-Input"
                      aria-label={trans.__('Table of %1', name)}
                      value={row.table}
                      onChange={event =>
                        replace(index, { ...row, table: event.target.value })
                      }
                    />
                  </td>
                  <td>
                    <span className="nbs-Category">
                      {categoryAt(path) ?? '…'}
                    </span>
                  </td>
                  {extra && (
                    <td>
                      {extra.render(row, next => replace(index, next), name)}
                    </td>
                  )}
                  <td>
                    <button
                      type="button"
                      className="nbs-IconButton"
                      aria-label={trans.__('Remove %1', name)}
                      title={trans.__('Remove %1', name)}
                      onClick={() =>
                        onChange(rows.filter((_, at) => at !== index))
                      }
                    >
                      ×
                    </button>
                  </td>
                </tr>
                {error && (
                  <tr className="nbs-Table-errorRow">
                    <td
                      colSpan={columns}
                      className="nbs-Field-error"
                      role="alert"
                    >
                      {error}
                    </td>
                  </tr>
                )}
              </React.Fragment>
            );
          })}
        </tbody>
      </table>
      <button
        type="button"
        className="nbs-Chip"
        onClick={() => onChange([...rows, { ...props.blankRow }])}
      >
        {side === 'inputs' ? trans.__('Add input') : trans.__('Add output')}
      </button>
    </div>
  );
}

/** Whether an upload replaces its table or appends to it. */
export function WriteMode(props: {
  trans: TranslationBundle;
  row: Output;
  name: string;
  update: (row: Output) => void;
}): JSX.Element {
  const { trans, row, name, update } = props;
  return (
    <select
      className="jp-mod-styled nbs-Input"
      aria-label={trans.__('Write mode of %1', name)}
      value={row.mode ?? 'replace'}
      onChange={event =>
        update({ ...row, mode: event.target.value as Output['mode'] })
      }
    >
      <option value="replace">{trans.__('Replace')}</option>
      <option value="append">{trans.__('Append')}</option>
    </select>
  );
}
