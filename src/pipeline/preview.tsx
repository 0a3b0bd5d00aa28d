import { Clipboard } from '@jupyterlab/apputils';
import type { IEditorLanguageRegistry } from '@jupyterlab/codemirror';
import { TranslationBundle } from '@jupyterlab/translation';
import React, { useEffect, useMemo, useRef, useState } from 'react';

import { ScheduleSpec } from '../spec';
import { generateDag } from './generateDag';
import { specToJson } from './specJson';
import { WorkflowGraph } from './WorkflowGraph';

interface IPreviewFile {
  label: string;
  language: string;
  code: string;
}

function HighlightedCode(props: {
  file: IPreviewFile;
  languages: IEditorLanguageRegistry;
}): JSX.Element {
  const ref = useRef<HTMLElement>(null);
  const { file, languages } = props;
  useEffect(() => {
    const element = ref.current!;
    // Plain text first, so the code is readable even if highlighting fails; the
    // highlighted version is built aside and swapped in whole.
    element.textContent = file.code;
    const highlighted = document.createElement('code');
    let live = true;
    languages
      .highlight(file.code, languages.findBest(file.language), highlighted)
      .then(() => live && element.replaceChildren(...highlighted.childNodes))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [file, languages]);
  return <code ref={ref} className="nbs-Preview-code" />;
}

export interface IPipelinePreviewProps {
  spec: ScheduleSpec;
  languages: IEditorLanguageRegistry;
  trans: TranslationBundle;
}

/**
 * Read-only view of exactly what review will commit: the Airflow DAG and the spec,
 * under the drawing of a workflow's graph.
 * Shown inside the wizard, because JupyterLab queues a dialog opened from a dialog.
 */
export function PipelinePreview(props: IPipelinePreviewProps): JSX.Element {
  const { spec, languages, trans } = props;
  const files = useMemo<IPreviewFile[]>(
    () => [
      {
        label: trans.__('Airflow DAG'),
        language: 'python',
        code: generateDag(spec)
      },
      {
        label: trans.__('Schedule spec'),
        language: 'json',
        code: specToJson(spec)
      }
    ],
    [spec, trans]
  );
  const [selected, setSelected] = useState(0);
  const [copied, setCopied] = useState(false);
  const file = files[selected];
  const select = (index: number) => {
    setSelected((index + files.length) % files.length);
    setCopied(false);
  };
  return (
    <div className="nbs-Preview">
      {spec.nodes && <WorkflowGraph nodes={spec.nodes} trans={trans} />}
      <div className="nbs-Preview-bar">
        <div role="tablist" aria-label={trans.__('Generated files')}>
          {files.map((candidate, index) => (
            <button
              key={candidate.label}
              type="button"
              role="tab"
              id={`nbs-preview-tab-${index}`}
              aria-selected={index === selected}
              aria-controls="nbs-preview-panel"
              tabIndex={index === selected ? 0 : -1}
              className="nbs-Tab"
              onClick={() => select(index)}
              onKeyDown={event => {
                if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
                  select(selected + (event.key === 'ArrowRight' ? 1 : -1));
                }
              }}
            >
              {candidate.label}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="nbs-Chip"
          onClick={() => {
            Clipboard.copyToSystem(file.code);
            setCopied(true);
          }}
        >
          {copied ? trans.__('Copied') : trans.__('Copy')}
        </button>
      </div>
      <pre
        id="nbs-preview-panel"
        role="tabpanel"
        aria-labelledby={`nbs-preview-tab-${selected}`}
        tabIndex={0}
        className="nbs-Preview-panel jp-RenderedText"
      >
        <HighlightedCode file={file} languages={languages} />
      </pre>
    </div>
  );
}
