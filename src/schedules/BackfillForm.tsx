import { ReactWidget } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import React, { useEffect, useState } from 'react';

import { describeError, INbScheduleClient } from '../api';
import { IFireTimesPreview, previewBackfill } from './api';
import { DAY_MS, rangeOf } from './formValues';

export interface IBackfillRange {
  start: string;
  end: string;
  /** Runs the backfill will create, from the preview; null until it answered. */
  count: number | null;
}

function isoDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

function Preview(props: {
  preview: IFireTimesPreview | null;
  problem: string | null;
  trans: TranslationBundle;
}): JSX.Element {
  const { preview, problem, trans } = props;
  if (problem) {
    return (
      <p className="nbs-Field-error" role="alert">
        {problem}
      </p>
    );
  }
  if (!preview) {
    return <p role="status">{trans.__('Counting fire times…')}</p>;
  }
  const created = preview.fire_times.length - preview.existing.length;
  return (
    <p role="status" className="nbs-Backfill-count">
      {preview.more
        ? trans.__(
            'The range holds more than %1 fire times; a backfill creates at most %1 runs. Choose a shorter range.',
            preview.limit
          )
        : trans._n(
            'This creates %1 run.',
            'This creates %1 runs.',
            created
          )}{' '}
      {preview.existing.length > 0 &&
        trans._n(
          '%1 fire time already has a run and is skipped.',
          '%1 fire times already have a run and are skipped.',
          preview.existing.length
        )}
    </p>
  );
}

function BackfillFields(props: {
  client: INbScheduleClient;
  name: string;
  now: string | null;
  trans: TranslationBundle;
  onChange: (range: IBackfillRange) => void;
}): JSX.Element {
  const { client, name, now, trans } = props;
  const today = isoDay(now ? new Date(now) : new Date());
  const [first, setFirst] = useState(
    isoDay(new Date(Date.parse(today) - 2 * DAY_MS))
  );
  const [last, setLast] = useState(today);
  const [preview, setPreview] = useState<IFireTimesPreview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    const range = rangeOf(first, last, now);
    const controller = new AbortController();
    setPreview(null);
    setProblem(null);
    props.onChange({ ...range, count: null });
    previewBackfill(client, name, range.start, range.end, controller.signal)
      .then(answer => {
        setPreview(answer);
        props.onChange({
          ...range,
          count: answer.more
            ? null
            : answer.fire_times.length - answer.existing.length
        });
      })
      .catch(error => {
        if (!controller.signal.aborted) {
          setProblem(describeError(error));
        }
      });
    return () => controller.abort();
  }, [first, last]);

  return (
    <>
      <div className="nbs-Backfill-range">
        <label>
          {trans.__('First day')}
          <input
            type="date"
            className="jp-mod-styled"
            value={first}
            max={last}
            onChange={event => setFirst(event.target.value)}
          />
        </label>
        <label>
          {trans.__('Last day')}
          <input
            type="date"
            className="jp-mod-styled"
            value={last}
            min={first}
            max={today}
            onChange={event => setLast(event.target.value)}
          />
        </label>
      </div>
      <Preview preview={preview} problem={problem} trans={trans} />
    </>
  );
}

/** The Backfill dialog's body: a range of days and how many runs it will create. */
export class BackfillForm extends ReactWidget {
  constructor(
    private readonly client: INbScheduleClient,
    private readonly name: string,
    private readonly now: string | null,
    private readonly trans: TranslationBundle
  ) {
    super();
    this.addClass('nbs-Backfill');
  }

  getValue(): IBackfillRange {
    return this._range;
  }

  render(): JSX.Element {
    return (
      <>
        <p>
          {this.trans.__(
            'One run per fire time of %1 in these days (UTC), as if the schedule had run then.',
            this.name
          )}
        </p>
        <BackfillFields
          client={this.client}
          name={this.name}
          now={this.now}
          trans={this.trans}
          onChange={range => (this._range = range)}
        />
      </>
    );
  }

  private _range: IBackfillRange = { start: '', end: '', count: null };
}
