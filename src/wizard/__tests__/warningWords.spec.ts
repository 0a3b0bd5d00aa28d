import { TranslationBundle } from '@jupyterlab/translation';

import { analyzeNotebook, WARNING_TEMPLATES } from '../../analysis';
import { warningWords } from '../warningWords';

/** A translation that marks what it translated and fills %1, %2 as JupyterLab does. */
const marking = {
  __: (msgid: string, ...args: string[]) =>
    `«${msgid.replace(/%(\d)/g, (_, n: string) => args[Number(n) - 1])}»`
} as unknown as TranslationBundle;

describe('analysis warnings in the user language', () => {
  it.each(WARNING_TEMPLATES.map(template => [template]))(
    '%s goes through trans.__',
    template => {
      expect(warningWords({ template, args: ['a', 'b'] }, marking)).toMatch(
        /^«.*»$/
      );
    }
  );

  it('words a real warning with its quoted code', () => {
    const analysis = analyzeNotebook({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: [
        {
          cell_type: 'code',
          source: 'import requests',
          metadata: {},
          outputs: [],
          execution_count: null
        }
      ]
    });
    expect(analysis.warnings.map(w => warningWords(w, marking))).toEqual([
      '«imports requests»'
    ]);
    expect(analysis.warnings[0].message).toBe('imports requests');
  });
});
