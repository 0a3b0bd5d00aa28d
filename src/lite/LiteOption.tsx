import { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import { ILiteTestRunState } from './useLiteTestRun';

export interface ILiteOptionProps {
  lite: ILiteTestRunState;
  trans: TranslationBundle;
  /** A run (either kind) is under way. */
  busy: boolean;
  /** Starts the server test run, where the notebook is not lite. */
  startOnServer: () => void;
}

/** Beside the server test run: run the notebook in the browser, or say why not. */
export function LiteOption(props: ILiteOptionProps): JSX.Element {
  const { lite, trans, busy } = props;
  const check = lite.check;
  return (
    <>
      <button
        type="button"
        className="jp-mod-styled nbs-LiteOption-run"
        aria-disabled={busy || check === null}
        title={trans.__(
          'Run the notebook in Pyodide in this browser tab: no server kernel, ready at once'
        )}
        onClick={() =>
          !(busy || check === null) && lite.start(props.startOnServer)
        }
      >
        {trans.__('Run in the browser (lite)')}
      </button>
      <p className="nbs-LiteOption-check" aria-live="polite">
        {check === null
          ? ''
          : check.lite
            ? trans.__(
                'Lite: this notebook can run in the browser, with its SQL answered by the server.'
              )
            : trans.__(
                'Not lite, so the test run uses the server: cell %1 %2',
                check.problems[0].cell + 1,
                check.problems[0].reason
              )}
        {lite.fellBack !== null &&
          ' ' +
            trans.__(
              'The lite run started on the server instead: %1',
              lite.fellBack
            )}
      </p>
    </>
  );
}
