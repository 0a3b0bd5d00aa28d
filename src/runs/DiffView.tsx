import { ReactWidget } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import { changedLines, diffLines, ICellDiff, ICellSide } from './notebookDiff';

function Lines(props: {
  before: string;
  after: string;
  trans: TranslationBundle;
}): JSX.Element {
  const { trans } = props;
  return (
    <pre className="nbs-Diff-lines">
      {changedLines(diffLines(props.before, props.after)).map((line, index) =>
        line.kind === 'skipped' ? (
          <div key={index} className="nbs-Diff-line nbs-Diff-skipped">
            {trans._n(
              '  … %1 unchanged line',
              '  … %1 unchanged lines',
              line.count
            )}
          </div>
        ) : (
          <div key={index} className={`nbs-Diff-line nbs-Diff-${line.kind}`}>
            {line.kind === 'added'
              ? '+ '
              : line.kind === 'removed'
                ? '- '
                : '  '}
            {line.text}
          </div>
        )
      )}
    </pre>
  );
}

function empty(side: ICellSide | null): ICellSide {
  return side ?? { index: -1, source: '', outputs: '' };
}

function CellChange(props: {
  diff: ICellDiff;
  trans: TranslationBundle;
}): JSX.Element {
  const { diff, trans } = props;
  const before = empty(diff.before);
  const after = empty(diff.after);
  const heading = {
    same: trans.__('Cell %1: unchanged', after.index + 1),
    changed: trans.__('Cell %1: changed', after.index + 1),
    added: trans.__('Cell %1: only in this run', after.index + 1),
    removed: trans.__('Cell %1: only in the successful run', before.index + 1)
  }[diff.change];
  return (
    <section className={`nbs-Diff-cell nbs-Diff-cell-${diff.change}`}>
      <h3>{heading}</h3>
      {diff.change !== 'same' && (
        <>
          {before.source !== after.source && (
            <>
              <h4>{trans.__('Source')}</h4>
              <Lines
                before={before.source}
                after={after.source}
                trans={trans}
              />
            </>
          )}
          {before.outputs !== after.outputs && (
            <>
              <h4>{trans.__('Outputs')}</h4>
              <Lines
                before={before.outputs}
                after={after.outputs}
                trans={trans}
              />
            </>
          )}
        </>
      )}
    </section>
  );
}

/** A cell-by-cell diff: the successful run's notebook against this run's. */
export class DiffWidget extends ReactWidget {
  constructor(
    private readonly diffs: ICellDiff[],
    private readonly trans: TranslationBundle,
    private readonly runs: { before: string; after: string }
  ) {
    super();
    this.addClass('nbs-Diff');
  }

  render(): JSX.Element {
    const changed = this.diffs.filter(diff => diff.change !== 'same').length;
    return (
      <div>
        <p className="nbs-Diff-summary">
          {this.trans.__(
            '%1 of %2 cells differ between the successful run %3 (−) and run %4 (+).',
            changed,
            this.diffs.length,
            this.runs.before,
            this.runs.after
          )}
        </p>
        {this.diffs.map((diff, index) => (
          <CellChange key={index} diff={diff} trans={this.trans} />
        ))}
      </div>
    );
  }
}
