import { analyzeSql } from '../sqlTables';

const tables = (sql: string) => analyzeSql(sql).tables;

describe('analyzeSql tables', () => {
  it('reads FROM and JOIN targets, schema-qualified, each once', () => {
    expect(
      tables(`
        SELECT o.id, c.name
        FROM sales.orders o
        JOIN crm.customers AS c ON c.id = o.customer_id
        LEFT OUTER JOIN sales.orders o2 ON o2.id = o.parent_id
      `)
    ).toEqual(['sales.orders', 'crm.customers']);
  });

  it('matches keywords in any case and folds unquoted names to lower case', () => {
    expect(
      tables('select * From Sales.Orders inner join SALES.orders x on 1=1')
    ).toEqual(['sales.orders']);
  });

  it('keeps quoted identifiers as written, with doubled quotes undone', () => {
    expect(
      tables(
        'SELECT * FROM "Sales"."Order ""Items""" JOIN `raw`.`events` ON 1 = 1 JOIN [dbo].[Users] u ON 1 = 1'
      )
    ).toEqual(['Sales.Order "Items"', 'raw.events', 'dbo.Users']);
  });

  it('ignores CTE names, also recursive ones with column lists', () => {
    expect(
      tables(`
        WITH RECURSIVE recent (id) AS (
          SELECT id FROM sales.orders WHERE day > now() - 7
        ), enriched AS MATERIALIZED (
          SELECT r.id FROM recent r JOIN crm.customers c ON c.id = r.id
        )
        SELECT * FROM enriched JOIN Recent ON true
      `)
    ).toEqual(['sales.orders', 'crm.customers']);
  });

  it('reads inside subqueries but never takes their aliases for tables', () => {
    expect(
      tables(`
        SELECT t.* FROM (SELECT * FROM a.one) AS t
        JOIN (SELECT id FROM a.two WHERE id IN (SELECT id FROM a.three)) sub ON sub.id = t.id
        WHERE EXISTS (SELECT 1 FROM a.four f WHERE f.id = t.id)
      `)
    ).toEqual(['a.one', 'a.two', 'a.three', 'a.four']);
  });

  it('reads comma-separated FROM lists with aliases', () => {
    expect(
      tables(
        'SELECT * FROM a.x AS ax, b.y by_alias, (SELECT 1) s, c.z WHERE 1=1'
      )
    ).toEqual(['a.x', 'b.y', 'c.z']);
  });

  it('skips comments and string literals', () => {
    expect(
      tables(`
        -- SELECT * FROM commented.out
        SELECT 'FROM fake.table' AS label, /* JOIN hidden.one */ x
        FROM real.one -- trailing FROM nope.two
        WHERE note = 'it''s FROM quoted.three'
      `)
    ).toEqual(['real.one']);
  });

  it('ignores FROM inside expressions and table functions', () => {
    expect(
      tables(`
        SELECT EXTRACT(YEAR FROM o.ts), SUBSTRING(name FROM 2 FOR 3),
               a IS DISTINCT FROM b
        FROM sales.orders o, generate_series(1, 10) g, LATERAL unnest(o.tags) t
      `)
    ).toEqual(['sales.orders']);
  });

  it('reads every statement, each with its own CTEs', () => {
    expect(
      tables(`
        WITH x AS (SELECT * FROM raw.x) SELECT * FROM x;
        SELECT * FROM x;
        SELECT * FROM raw.y;
      `)
    ).toEqual(['raw.x', 'x', 'raw.y']);
  });

  it('keeps three-part names whole', () => {
    expect(tables('SELECT * FROM db.sch.tbl')).toEqual(['db.sch.tbl']);
  });

  it('survives unterminated text', () => {
    expect(tables("SELECT * FROM a.b WHERE c = 'open")).toEqual(['a.b']);
    expect(tables('SELECT * FROM (SELECT * FROM a.c')).toEqual(['a.c']);
  });
});

describe('analyzeSql writes', () => {
  it('names statements that change the warehouse', () => {
    const result = analyzeSql(`
      SELECT * FROM a.b;
      insert into a.c select * from a.d;
      WITH gone AS (DELETE FROM a.e RETURNING *) SELECT * FROM gone;
      DELETE FROM a.f
    `);
    expect(result.writes).toEqual(['INSERT', 'DELETE', 'DELETE']);
    expect(result.tables).toEqual(['a.b', 'a.d']);
  });

  it('finds none in a read-only query', () => {
    expect(analyzeSql('SELECT updated_at, created FROM a.b').writes).toEqual(
      []
    );
  });
});
