import { nullTranslator } from '@jupyterlab/translation';
import React from 'react';
import { act } from 'react';

import { analyzeNotebook } from '../../analysis';
import { notebook } from '../../analysis/__tests__/notebook';
import { defaultSpec } from '../../spec';
import { DataStep } from '../steps/DataStep';

interface IRoot {
  render(element: JSX.Element): void;
  unmount(): void;
}
const { createRoot } = require('react-dom/client') as {
  createRoot: (node: Element) => IRoot;
};

describe('DataStep warnings', () => {
  it('number cells from 1, as JupyterLab does', () => {
    const { warnings } = analyzeNotebook(
      notebook('total = 1', 'print(total)', '!ls /data')
    );
    expect(warnings.map(warning => warning.cell)).toEqual([2]);
    const node = document.body.appendChild(document.createElement('div'));
    const root = createRoot(node);
    (globalThis as any).IS_REACT_ACT_ENVIRONMENT = true;
    act(() =>
      root.render(
        <DataStep
          trans={nullTranslator.load('nbschedule')}
          draft={defaultSpec({})}
          catalogue={null}
          check={null}
          warnings={warnings}
          onChange={() => undefined}
        />
      )
    );
    const items = [...node.querySelectorAll('.nbs-Warnings li')].map(
      item => item.textContent
    );
    expect(items).toEqual([
      expect.stringMatching(/^Cell 3: runs a shell command/)
    ]);
    act(() => root.unmount());
    node.remove();
  });
});
