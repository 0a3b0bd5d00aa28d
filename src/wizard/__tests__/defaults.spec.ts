import { nullTranslator } from '@jupyterlab/translation';

import { INotebookAnalysis } from '../../analysis';
import { newDraft } from '../draft';
import { isRunArtifact, ownerFromIdentity } from '../defaults';
import { wizardSettings } from '../settings';
import { checkInUserWords, inUserWords } from '../problems';
import { targetLabels } from '../steps/OwnerStep';

const trans = nullTranslator.load('nbschedule');

function identity(username: string) {
  return {
    username,
    name: username,
    display_name: username,
    initials: 'A',
    color: ''
  };
}

describe('the owner a new schedule starts with', () => {
  it.each([
    '0f5b2bd6a4e54ac1b8a6b1a3c9d8e7f6',
    '79acb3f2-0b50-493b-a417-49cee4430d89'
  ])('is empty for the anonymous user %s', username => {
    expect(ownerFromIdentity(identity(username))).toBe('');
  });

  it('is the signed-in user name', () => {
    expect(ownerFromIdentity(identity('ada'))).toBe('ada');
    expect(ownerFromIdentity(null)).toBe('');
  });
});

describe('notebooks that are not offered for scheduling', () => {
  it.each([
    ['nbschedule-runs/daily/manual__1/attempt-1/output.ipynb', {}],
    ['reports/nbschedule-runs/daily/run/attempt-2/output.ipynb', {}],
    ['reports/sales.debug-manual__20260101T000000Z.ipynb', {}],
    ['copied.ipynb', { nbschedule: { schedule: 'daily', run_id: 'r' } }],
    ['renamed.ipynb', { nbschedule_debug: { schedule: 'daily' } }]
  ])('%s is a run output or debug copy', (path, metadata) => {
    expect(isRunArtifact(path, metadata)).toBe(true);
  });

  it('a source notebook is not', () => {
    expect(isRunArtifact('reports/sales.ipynb', { kernelspec: {} })).toBe(
      false
    );
    expect(isRunArtifact('debugging-notes.ipynb', undefined)).toBe(false);
  });

  it('follows the runs folder setting', () => {
    const output = 'archive/runs/daily/manual__1/attempt-1/output.ipynb';
    expect(isRunArtifact(output, {})).toBe(false);
    expect(isRunArtifact(output, {}, 'archive/runs')).toBe(true);
    expect(isRunArtifact(output, {}, '/archive/runs/')).toBe(true);
    expect(
      isRunArtifact(
        'nbschedule-runs/daily/r/attempt-1/output.ipynb',
        {},
        'archive/runs'
      )
    ).toBe(false);
    // The folder is a name, not a pattern.
    expect(
      isRunArtifact('archiveXruns/daily/r.ipynb', {}, 'archive.runs')
    ).toBe(false);
    expect(isRunArtifact(output, {}, '')).toBe(false);
  });
});

describe('settings', () => {
  const analysis: INotebookAnalysis = {
    inputs: [],
    outputs: [],
    parameters: [],
    warnings: [],
    hasParametersCell: false
  };

  it('fill a new draft with the default time zone and zone', () => {
    const settings = wizardSettings({
      defaultTimezone: ' Europe/Berlin ',
      defaultZone: 'analytics'
    });
    const draft = newDraft('a.ipynb', analysis, '', settings);
    expect(draft.timezone).toBe('Europe/Berlin');
    expect(draft.zone).toBe('analytics');
  });

  it('left empty, use the browser time zone and no zone', () => {
    const draft = newDraft('a.ipynb', analysis, '', wizardSettings(null));
    expect(draft.timezone).toBe(
      Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
    );
    expect(draft.zone).toBeUndefined();
  });

  it('read the review target, the server choosing unless told otherwise', () => {
    expect(wizardSettings(null).reviewTarget).toBe('server');
    expect(wizardSettings({ reviewTarget: 'local' }).reviewTarget).toBe(
      'local'
    );
    expect(wizardSettings({ reviewTarget: 'github' }).reviewTarget).toBe(
      'github'
    );
  });
});

describe('wording', () => {
  it('numbers alert targets within their kind', () => {
    expect(
      targetLabels(
        [
          { type: 'email', to: 'a@example.com' },
          { type: 'webhook', url: 'https://hooks.example.com/1' },
          { type: 'email', to: 'b@example.com' },
          { type: 'webhook', url: 'https://hooks.example.com/2' }
        ],
        trans
      )
    ).toEqual([
      'E-mail address 1',
      'Webhook URL 1',
      'E-mail address 2',
      'Webhook URL 2'
    ]);
  });

  it('says which field is missing in words, not schema text', () => {
    expect(
      inUserWords(
        { path: '/zone', message: "'zone' is required", kind: 'schema' },
        trans
      ).message
    ).toBe('The zone is required.');
    const check = checkInUserWords(
      {
        problems: [
          { path: '/owner', message: "'owner' is required", kind: 'schema' },
          { path: '/cron', message: 'Field 1 is out of range', kind: 'cron' }
        ],
        datasets: []
      },
      trans
    );
    expect(check!.problems.map(problem => problem.message)).toEqual([
      'The owner is required.',
      'Field 1 is out of range'
    ]);
  });
});
