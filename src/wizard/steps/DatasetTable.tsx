import { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import { ISpecCheck } from '../../api';
import { Input, Output } from '../../spec';
import { messageAt } from '../problems';

type Dataset = Input | Output;

export interface IDatasetTableProps<T extends Dataset> {
  trans: TranslationBundle;
  side: 'inputs' | 'outputs';
  caption: string;
  rows: T[];
  check: ISpecCheck | null;
  blankRow: T;
  /** Extra cells after connection and table: landed checks or write modes. */
  renderExtra: (row: T, update: (row: T) => void, label: string) => JSX.Element;
  extraHeader: string;
  onChange: (rows: T[]) => void;
}

/** Editable list of datasets, each with its data category and its problems. */
export function DatasetTable<T extends Dataset>(
  props: IDatasetTableProps<T>
): JSX.Element {
  const { trans, side, rows, check, onChange } = props;
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
            <th scope="col">{props.extraHeader}</th>
            <th scope="col">
              <span className="nbs-VisuallyHidden">{trans.__('Remove')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => {
            const path = `/${side}/${index}`;
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
                  <td>
                    {props.renderExtra(row, next => replace(index, next), name)}
                  </td>
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
                    <td colSpan={5} className="nbs-Field-error" role="alert">
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
