import { INotebookContent } from '@jupyterlab/nbformat';
import * as fs from 'fs';
import * as path from 'path';

import {
  buildReviewFiles,
  missingNodeNotebooks,
  percentScript,
  reviewBranch,
  reviewPaths
} from '..';
import { notebook as sketch } from '../../analysis/__tests__/notebook';
import { generateDag, specToJson } from '../../pipeline';
import { ScheduleSpec } from '../../spec';
import { regionalNodes, salesSpec } from '../../spec/__tests__/sampleSpecs';
import { notebookFile, strippedNotebook } from '../reviewFiles';

const sample = (name: string) =>
  fs.readFileSync(path.join(__dirname, 'sample', name), 'utf8');
// A notebook with outputs, tags, magics, a raw cell and non-ASCII text; the expected
// files were checked against nbformat (stripped notebook) and jupytext (mirror).
const notebook = (): INotebookContent => JSON.parse(sample('sales.ipynb'));

const SPEC = salesSpec();

describe('buildReviewFiles', () => {
  it('commits the spec, the pipeline, the notebook and its mirror at fixed paths', () => {
    const files = buildReviewFiles(SPEC, notebook());
    expect(Object.keys(files).sort()).toEqual([
      'reports/sales.ipynb',
      'reports/sales.py',
      'schedules/daily_sales.json',
      'schedules/daily_sales_dag.py'
    ]);
    expect(files['schedules/daily_sales.json']).toBe(specToJson(SPEC));
    expect(files['schedules/daily_sales_dag.py']).toBe(generateDag(SPEC));
    expect(reviewBranch(SPEC)).toBe('nbschedule/daily_sales');
  });

  it('writes the notebook without outputs exactly as nbformat would', () => {
    const files = buildReviewFiles(SPEC, notebook());
    expect(files['reports/sales.ipynb']).toBe(sample('sales.stripped.ipynb'));
    const committed: INotebookContent = JSON.parse(
      files['reports/sales.ipynb']
    );
    for (const cell of committed.cells.filter(c => c.cell_type === 'code')) {
      expect(cell.outputs).toEqual([]);
      expect(cell.execution_count).toBeNull();
    }
    expect(committed.cells.map(c => c.id)).toEqual(
      notebook().cells.map(c => c.id)
    );
  });

  it('mirrors the notebook as a jupytext percent script, byte for byte', () => {
    expect(buildReviewFiles(SPEC, notebook())['reports/sales.py']).toBe(
      sample('sales.py')
    );
  });

  it('is deterministic and leaves its input alone', () => {
    const input = notebook();
    const first = buildReviewFiles(SPEC, input);
    expect(input).toEqual(notebook());
    expect(buildReviewFiles({ ...SPEC }, notebook())).toEqual(first);
  });

  it('updates the same files when the schedule changes', () => {
    const changed = { ...SPEC, cron: '0 7 * * 1-5', owner: 'bob@example.com' };
    expect(Object.keys(buildReviewFiles(changed, notebook()))).toEqual(
      Object.keys(buildReviewFiles(SPEC, notebook()))
    );
    expect(reviewPaths(changed)).toEqual(reviewPaths(SPEC));
    expect(reviewBranch(changed)).toBe(reviewBranch(SPEC));
  });
});

// The demo's regional reports, opened from collect; report reuses enrich's notebook.
const WORKFLOW: ScheduleSpec = {
  ...SPEC,
  name: 'regional_reports',
  notebook: 'workflow/collect.ipynb',
  nodes: [
    ...regionalNodes(['us', 'eu', 'apac']),
    {
      id: 'report',
      notebook: 'workflow/enrich.ipynb',
      needs: ['report_region']
    }
  ]
};

function withOutput(source: string): INotebookContent {
  const nb = sketch(source);
  Object.assign(nb.cells[0], {
    execution_count: 3,
    outputs: [{ output_type: 'stream', name: 'stdout', text: ['leaked\n'] }]
  });
  return nb;
}

describe('buildReviewFiles of a workflow', () => {
  const others = () => ({
    'workflow/enrich.ipynb': withOutput('rows = 2'),
    'workflow/report_region.ipynb': withOutput("region = 'us'"),
    // The opened notebook comes from its editor, never from the workspace read.
    'workflow/collect.ipynb': sketch('stale = True')
  });

  it("commits every node's notebook, stripped, beside its mirror", () => {
    const files = buildReviewFiles(WORKFLOW, sketch('day = None'), others());
    expect(Object.keys(files).sort()).toEqual([
      'schedules/regional_reports.json',
      'schedules/regional_reports_dag.py',
      'workflow/collect.ipynb',
      'workflow/collect.py',
      'workflow/enrich.ipynb',
      'workflow/enrich.py',
      'workflow/report_region.ipynb',
      'workflow/report_region.py'
    ]);
    expect(files['workflow/collect.ipynb']).toContain('day = None');
    expect(files['workflow/collect.ipynb']).not.toContain('stale');
    expect(files['workflow/report_region.ipynb']).toBe(
      notebookFile(strippedNotebook(withOutput("region = 'us'")))
    );
    expect(files['workflow/enrich.ipynb']).not.toContain('leaked');
    expect(files['workflow/enrich.py']).toBe(
      percentScript(strippedNotebook(withOutput('rows = 2')))
    );
    expect(files['schedules/regional_reports.json']).toBe(specToJson(WORKFLOW));
  });

  it('refuses a workflow whose node notebook is missing, naming the node and path', () => {
    const partial: Record<string, INotebookContent> = others();
    delete partial['workflow/report_region.ipynb'];
    expect(missingNodeNotebooks(WORKFLOW, partial)).toEqual([
      {
        node: 'report_region',
        path: 'workflow/report_region.ipynb',
        error: null
      }
    ]);
    expect(() =>
      buildReviewFiles(WORKFLOW, sketch('day = None'), partial)
    ).toThrow(
      'The notebook workflow/report_region.ipynb of node report_region is missing.'
    );
    // With none read, every other node is named, report too though it shares enrich's.
    expect(
      missingNodeNotebooks(WORKFLOW, {}).map(problem => problem.node)
    ).toEqual(['enrich', 'report_region', 'report']);
  });
});

describe('percentScript', () => {
  it('leaves out the kernelspec a notebook does not have', () => {
    const bare: INotebookContent = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: [
        {
          cell_type: 'code',
          source: ['x = 1\n', 'y = 2'],
          metadata: {},
          outputs: [],
          execution_count: null
        }
      ]
    };
    expect(percentScript(bare)).toBe(
      [
        '# ---',
        '# jupyter:',
        '#   jupytext:',
        '#     text_representation:',
        '#       extension: .py',
        '#       format_name: percent',
        "#       format_version: '1.3'",
        '# ---',
        '',
        '# %%',
        'x = 1',
        'y = 2',
        ''
      ].join('\n')
    );
  });

  it('quotes kernelspec values YAML would misread', () => {
    const nb = notebook();
    nb.metadata.kernelspec = { name: 'py: 3', display_name: '# odd' };
    const script = percentScript(strippedNotebook(nb));
    expect(script).toContain('#     display_name: "# odd"\n');
    expect(script).toContain('#     name: "py: 3"\n');
  });

  it('writes the empty notebook file as nbformat does', () => {
    const empty: INotebookContent = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: []
    };
    expect(notebookFile(empty)).toBe(
      '{\n "cells": [],\n "metadata": {},\n "nbformat": 4,\n "nbformat_minor": 5\n}\n'
    );
  });
});
