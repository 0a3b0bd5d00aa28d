/**
 * Opening a run's output notebook read-only, landed on its failing cell, with a banner
 * naming the run. Used by the runs panel and the run context pane.
 */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { NotebookPanel } from '@jupyterlab/notebook';
import { TranslationBundle } from '@jupyterlab/translation';
import { Message, MessageLoop } from '@lumino/messaging';
import { Widget } from '@lumino/widgets';

import { markedFailingCell } from './runContext';

export const FAILING_CELL_CLASS = 'nbs-FailingCell';
const BANNER_CLASS = 'nbs-RunBanner';

export interface IRunBannerFacts {
  schedule: string;
  runId: string;
  parameters: Record<string, unknown>;
  error: string | null;
  /** Debug copies say so: they are editable and run on a live kernel. */
  debug?: boolean;
}

export async function openNotebook(
  app: JupyterFrontEnd,
  path: string,
  startKernel = true
): Promise<NotebookPanel> {
  const widget = await app.commands.execute('docmanager:open', {
    path,
    factory: 'Notebook',
    ...(startKernel ? {} : { kernelPreference: { shouldStart: false } })
  });
  const panel = widget as NotebookPanel;
  await panel.context.ready;
  return panel;
}

/** The cell the operator marked as the run's failure in an open notebook, or -1. */
export function markedCellOf(panel: NotebookPanel): number {
  const cells = [...panel.context.model.cells].map(cell => ({
    metadata: cell.metadata
  }));
  return markedFailingCell(cells);
}

/** Makes cell `index` the active one, scrolls it into the middle and marks it. */
export async function landOnCell(
  panel: NotebookPanel,
  index: number
): Promise<void> {
  const notebook = panel.content;
  if (index < 0 || index >= notebook.widgets.length) {
    return;
  }
  notebook.activeCellIndex = index;
  notebook.mode = 'command';
  for (const cell of notebook.widgets) {
    cell.toggleClass(FAILING_CELL_CLASS, cell === notebook.widgets[index]);
  }
  await notebook.scrollToItem(index, 'center');
  notebook.activate();
}

/**
 * The content header lays its children out by their CSS minimum height, which plain
 * text does not set: the banner measures its text and asks the header to fit again.
 */
class RunBanner extends Widget {
  constructor(readonly text: HTMLElement) {
    super();
    this.addClass(BANNER_CLASS);
    this.node.setAttribute('role', 'note');
    this.node.append(text);
    this._resizes = new ResizeObserver(() => this._fitToText());
  }

  dispose(): void {
    this._resizes.disconnect();
    super.dispose();
  }

  protected onAfterAttach(msg: Message): void {
    super.onAfterAttach(msg);
    this._resizes.observe(this.text);
    this._fitToText();
  }

  protected onBeforeDetach(msg: Message): void {
    this._resizes.unobserve(this.text);
    super.onBeforeDetach(msg);
  }

  private _fitToText(): void {
    const style = getComputedStyle(this.node);
    const height =
      this.text.offsetHeight +
      parseFloat(style.paddingTop) +
      parseFloat(style.paddingBottom) +
      parseFloat(style.borderBottomWidth);
    if (this.node.style.minHeight === `${height}px`) {
      return;
    }
    this.node.style.minHeight = `${height}px`;
    if (this.parent) {
      MessageLoop.postMessage(this.parent, Widget.Msg.FitRequest);
    }
  }

  private _resizes: ResizeObserver;
}

/** One banner above the notebook: schedule, run, parameters and error in plain words. */
export function showRunBanner(
  panel: NotebookPanel,
  facts: IRunBannerFacts,
  trans: TranslationBundle
): void {
  for (const old of panel.contentHeader.widgets) {
    if (old.hasClass(BANNER_CLASS)) {
      old.dispose();
    }
  }
  const text = document.createElement('div');
  const title = document.createElement('strong');
  title.textContent = facts.debug
    ? trans.__('Debug copy of run %1 of %2', facts.runId, facts.schedule)
    : trans.__(
        'Output of run %1 of %2 (read-only)',
        facts.runId,
        facts.schedule
      );
  const parameters = document.createElement('div');
  const entries = Object.entries(facts.parameters);
  parameters.textContent = entries.length
    ? trans.__(
        'Parameters: %1',
        entries
          .map(([name, value]) => `${name} = ${JSON.stringify(value)}`)
          .join(', ')
      )
    : trans.__('No injected parameters.');
  text.append(title, parameters);
  if (facts.error) {
    const error = document.createElement('div');
    error.className = 'nbs-RunBanner-error';
    error.textContent = trans.__('Error: %1', facts.error);
    text.append(error);
  }
  panel.contentHeader.addWidget(new RunBanner(text));
}

/** Opens an output notebook that cannot be edited, landed on its failing cell. */
export async function openOutputNotebook(
  app: JupyterFrontEnd,
  path: string,
  facts: IRunBannerFacts,
  trans: TranslationBundle
): Promise<NotebookPanel> {
  // Its cells cannot run: no kernel is started for it (one can still be chosen).
  const panel = await openNotebook(app, path, false);
  const model = panel.context.model;
  model.readOnly = true;
  // Loading (cell ids added to an older nbformat) and the kernel (language_info)
  // change the model without changing the output: a read-only file must never
  // ask to be saved.
  model.dirty = false;
  model.stateChanged.connect((_, change) => {
    if (change.name === 'dirty' && change.newValue && model.readOnly) {
      model.dirty = false;
    }
  });
  for (const cell of panel.content.widgets) {
    // Not written to the cell's `editable` metadata: that would mark the
    // output as changed and ask to save it on close.
    cell.syncEditable = false;
    cell.readOnly = true;
  }
  showRunBanner(panel, facts, trans);
  await landOnCell(panel, markedCellOf(panel));
  return panel;
}
