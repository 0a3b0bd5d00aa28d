import { TranslationBundle } from '@jupyterlab/translation';
import React, { useEffect, useState } from 'react';

import { describeError, NbScheduleClient } from '../api';
import { IScheduleDraft } from './draft';
import { CronStep } from './steps/CronStep';

export interface IWizardProps {
  client: NbScheduleClient;
  trans: TranslationBundle;
  locale: string;
  notebookPath: string;
  initialDraft: IScheduleDraft;
  timezones: Promise<string[]>;
  onDraftChange: (draft: IScheduleDraft) => void;
}

/** The schedule wizard: one page per step, the draft kept outside the dialog. */
export function Wizard(props: IWizardProps): JSX.Element {
  const { client, trans, locale, notebookPath } = props;
  const [draft, setDraft] = useState(props.initialDraft);
  const [timezones, setTimezones] = useState<string[] | Error | null>(null);

  useEffect(() => {
    let live = true;
    props.timezones
      .then(names => live && setTimezones(names))
      .catch(error => live && setTimezones(new Error(describeError(error))));
    return () => {
      live = false;
    };
  }, [props.timezones]);

  const update = (next: IScheduleDraft) => {
    setDraft(next);
    props.onDraftChange(next);
  };

  return (
    <div className="nbs-Wizard">
      <p className="nbs-Wizard-notebook">
        {trans.__('Notebook: %1', notebookPath)}
      </p>
      <section
        className="nbs-Wizard-step"
        aria-label={trans.__('When it runs')}
      >
        <CronStep
          client={client}
          trans={trans}
          locale={locale}
          draft={draft}
          timezones={timezones}
          onChange={update}
        />
      </section>
    </div>
  );
}
