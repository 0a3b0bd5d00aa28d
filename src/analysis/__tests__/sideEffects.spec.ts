import { analyzeNotebook } from '..';
import { notebook } from './notebook';

describe('side effects', () => {
  const kinds = (...cells: string[]) =>
    analyzeNotebook(notebook(...cells)).warnings.map(w => [w.cell, w.kind]);

  it('flags network imports and calls, also through aliases from earlier cells', () => {
    expect(
      kinds(
        'import requests as rq\nfrom urllib.request import urlopen',
        'rq.get("https://x")',
        'urlopen(u)',
        'import http.client, json',
        'from http import client',
        'import socket',
        'df = pd.read_csv("https://example.com/a.csv")',
        'df = pd.read_csv("data/local.csv")',
        'import httpx\nasync with httpx.AsyncClient() as c: pass'
      )
    ).toEqual([
      [0, 'network'],
      [0, 'network'],
      [1, 'network'],
      [2, 'network'],
      [3, 'network'],
      [4, 'network'],
      [5, 'network'],
      [6, 'network'],
      [8, 'network'],
      [8, 'network']
    ]);
  });

  it('flags processes and shell escapes', () => {
    expect(
      kinds(
        'import subprocess',
        'import os\nos.system("ls")',
        'from os import popen',
        '!pip install foo',
        'files = !ls',
        '%%bash\necho hi',
        '%%sh\necho hi',
        '%system date',
        'x = 1 if a != b else 2'
      )
    ).toEqual([
      [0, 'subprocess'],
      [1, 'subprocess'],
      [2, 'subprocess'],
      [3, 'shell'],
      [4, 'shell'],
      [5, 'shell'],
      [6, 'shell'],
      [7, 'shell']
    ]);
  });

  it('flags file writes outside the run folder only', () => {
    const result = analyzeNotebook(
      notebook(
        "with open('/etc/out.txt', 'w') as f: pass",
        "open('../up.txt', mode='a')",
        "open('/etc/passwd')",
        "open('out/report.txt', 'w')",
        "df.to_csv('/tmp/x.csv')",
        "df.groupby('a').sum().to_parquet(path='../x.parquet')",
        "df.to_csv('result.csv')",
        "df.to_csv(f'/data/{day}.csv', index=False)",
        "fig.savefig('C:\\\\plots\\\\a.png')",
        '%%writefile /usr/local/x.py\nprint(1)',
        "# open('/etc/x', 'w') in a comment\ns = \"open('/etc/y', 'w')\""
      )
    );
    expect(result.warnings.map(w => [w.cell, w.kind])).toEqual([
      [0, 'file_write'],
      [1, 'file_write'],
      [4, 'file_write'],
      [5, 'file_write'],
      [7, 'file_write'],
      [8, 'file_write'],
      [9, 'file_write']
    ]);
    expect(result.warnings[0].message).toBe(
      'open() writes "/etc/out.txt", outside the run folder'
    );
  });

  it('reads the Python body of %%time cells and skips foreign cell magics', () => {
    expect(
      kinds('%%time\nimport requests', '%%html\n<p>!not shell</p>')
    ).toEqual([[0, 'network']]);
  });
});
