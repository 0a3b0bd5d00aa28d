import { notebook } from '../../analysis/__tests__/notebook';

import { runsOnLiteKernel } from '../debugKernel';

describe('runsOnLiteKernel', () => {
  it('takes a debug copy with plain Python cells and staged inputs', () => {
    expect(
      runsOnLiteKernel(
        notebook('limit = 7', "assert limit < 5, 'too many'", '# %%sql orders')
      )
    ).toBe(true);
  });

  it("takes a live %%sql query in a schedule run's copy: the bridge stages it", () => {
    const copy = notebook('limit = 7', '%%sql orders\nSELECT * FROM orders');
    copy.metadata.nbschedule_debug = {
      schedule: 'daily',
      run_id: 'scheduled-1',
      parameters: { limit: 7 }
    };
    expect(runsOnLiteKernel(copy)).toBe(true);
  });

  it('leaves a copy with a live %%sql query and no run to the server kernel', () => {
    expect(
      runsOnLiteKernel(
        notebook('limit = 7', '  %%sql orders\nSELECT * FROM orders')
      )
    ).toBe(false);
    expect(runsOnLiteKernel(notebook('%%sql\nSELECT 1'))).toBe(false);
  });
});
