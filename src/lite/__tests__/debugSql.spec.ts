import { notebook } from '../../analysis/__tests__/notebook';

import {
  answerSql,
  debuggedRun,
  hasLiveSql,
  queryKey,
  stagedAnswers
} from '../debugSql';

// A `%%sql` cell as the server's lite preparation rewrites it (nbschedule/lite/attempt.py).
const PREPARED_ORDERS =
  '# %%sql orders\n# SELECT order_id\n#\n#   FROM orders WHERE day <= :day\n' +
  '# nbschedule: the query ran on the server before the notebook (a lite run); its ' +
  'result is read from what the server staged.\nfrom nbschedule_lite import read_staged\n' +
  "orders = read_staged('/nbschedule-staging/input-2-orders.csv')\norders";
const PREPARED_USERS =
  '# %%sql users\n# SELECT * FROM users\n# nbschedule: staged.\n' +
  "from nbschedule_lite import read_staged\nusers = read_staged('/s/input-3-users.csv')\nusers";

describe('stagedAnswers and answerSql', () => {
  const answers = stagedAnswers(
    notebook('day = 1', PREPARED_ORDERS, 'print(1)', PREPARED_USERS)
  );

  it("answers a debug copy's live query with the lite run's code for it", () => {
    const live =
      '%%sql orders\n-- nbschedule debug: run r1 kept no staged input for this cell; ' +
      "this queries the warehouse live, its data may differ from the run's.\n" +
      'SELECT order_id\n\n  FROM orders WHERE day <= :day';
    expect(answerSql(live, answers)).toBe(
      '# nbschedule: the query ran on the server before the notebook (a lite run); its ' +
        'result is read from what the server staged.\nfrom nbschedule_lite import read_staged\n' +
        "orders = read_staged('/nbschedule-staging/input-2-orders.csv')\norders"
    );
    expect(answerSql('%%sql users\nSELECT * FROM users', answers)).toContain(
      "users = read_staged('/s/input-3-users.csv')"
    );
  });

  it('leaves other code, and queries the run did not stage, as they are', () => {
    expect(answers.size).toBe(2);
    expect(answerSql('print(1)', answers)).toBe('print(1)');
    // The query was edited in the copy: the staged result is not its answer.
    const edited = '%%sql orders\nSELECT order_id FROM orders';
    expect(answerSql(edited, answers)).toBe(edited);
    // Same text, but as Python rather than a cell magic.
    expect(answerSql('# %%sql users\n# SELECT * FROM users', answers)).toBe(
      '# %%sql users\n# SELECT * FROM users'
    );
  });

  it('ignores cells of the prepared notebook that read no staged result', () => {
    expect(
      stagedAnswers(notebook('# %%sql x\n# nbschedule: y\nimport pandas')).size
    ).toBe(0);
  });

  it('keys a query by its text without the debug warning or blank lines', () => {
    expect(
      queryKey('%%sql a\n-- nbschedule debug: live\n  SELECT 1  \n\n')
    ).toBe('%%sql a\nSELECT 1');
  });
});

describe('debuggedRun and hasLiveSql', () => {
  it("reads the schedule and exact parameters of a run's debug copy", () => {
    const copy = notebook('x = 1');
    expect(debuggedRun(copy)).toBeNull();
    copy.metadata.nbschedule_debug = { schedule: 'daily', run_id: null };
    expect(debuggedRun(copy)).toBeNull();
    copy.metadata.nbschedule_debug = {
      schedule: 'daily',
      run_id: 'r1',
      parameters: { day: '2024-01-03' }
    };
    expect(debuggedRun(copy)).toEqual({
      schedule: 'daily',
      parameters: { day: '2024-01-03' }
    });
    copy.metadata.nbschedule_debug = { schedule: 'daily', run_id: 'r1' };
    expect(debuggedRun(copy)?.parameters).toEqual({});
  });

  it('finds live %%sql cells only in code cells', () => {
    expect(hasLiveSql(notebook('a = 1', ' %%sql t\nSELECT 1'))).toBe(true);
    expect(hasLiveSql(notebook('# %%sql t'))).toBe(false);
    const markdown = notebook();
    markdown.cells.push({
      cell_type: 'markdown',
      source: '%%sql t',
      metadata: {}
    });
    expect(hasLiveSql(markdown)).toBe(false);
  });
});
