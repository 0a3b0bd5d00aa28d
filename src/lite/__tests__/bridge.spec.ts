// The worker module needs import.meta, which jest cannot load; executeReply does not use it.
jest.mock('../kernel', () => ({}));

import { executeReply } from '../bridge';

describe('executeReply', () => {
  it("is the error output's failure when the cell failed", () => {
    const error = {
      output_type: 'error',
      ename: 'AssertionError',
      evalue: 'limit is 7',
      traceback: ['Traceback', 'AssertionError: limit is 7']
    };
    expect(
      executeReply(
        [{ output_type: 'stream', name: 'stdout', text: 'x\n' }, error],
        true,
        3
      )
    ).toEqual({
      status: 'error',
      execution_count: 3,
      ename: 'AssertionError',
      evalue: 'limit is 7',
      traceback: ['Traceback', 'AssertionError: limit is 7']
    });
  });

  it('is ok for a cell that ran, SystemExit(0) included', () => {
    const exit = {
      output_type: 'error',
      ename: 'SystemExit',
      evalue: '0',
      traceback: []
    };
    expect(executeReply([exit], false, 1)).toEqual({
      status: 'ok',
      execution_count: 1,
      user_expressions: {},
      payload: []
    });
  });
});
