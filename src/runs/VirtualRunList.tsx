import { TranslationBundle } from '@jupyterlab/translation';
import React, { useEffect, useRef, useState } from 'react';

import { IRun } from '../api';
import { RunRow } from './RunRow';
import { useViewportHeight } from './useViewportHeight';
import {
  movedIndex,
  nearEnd,
  scrollToShow,
  virtualWindow
} from './virtualWindow';

/** Fixed, so the window maths needs no measuring; matches .nbs-RunRow in runs.css. */
export const ROW_HEIGHT = 52;
const LOAD_AHEAD_ROWS = 30;

export interface IVirtualRunListProps {
  runs: readonly IRun[];
  selectedId: number | null;
  trans: TranslationBundle;
  now: Date;
  onSelect: (run: IRun) => void;
  onOpen: (run: IRun) => void;
  onNearEnd: () => void;
  /** Workflow runs whose node and item runs are listed below them (already in `runs`). */
  expanded: ReadonlySet<number>;
  onToggle: (run: IRun, expand: boolean) => void;
}

/**
 * Only the rows in view (plus a few) are in the DOM, so 100,000 runs scroll like 100.
 * One listbox with aria-activedescendant: arrows, Page Up/Down, Home/End move, Enter opens;
 * Right and Left arrows show and hide a workflow run's node and item runs.
 */
export function VirtualRunList(props: IVirtualRunListProps): JSX.Element {
  const { runs, selectedId, trans, now } = props;
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const height = useViewportHeight(viewport);
  const [active, setActive] = useState(0);

  const view = virtualWindow(scrollTop, height, ROW_HEIGHT, runs.length);
  useEffect(() => {
    if (nearEnd(view, runs.length, LOAD_AHEAD_ROWS)) {
      props.onNearEnd();
    }
  }, [view.end, runs.length]);

  const activeIndex = Math.min(active, Math.max(runs.length - 1, 0));
  const moveTo = (index: number) => {
    setActive(index);
    const node = viewport.current;
    if (node) {
      node.scrollTop = scrollToShow(index, node.scrollTop, height, ROW_HEIGHT);
    }
    props.onSelect(runs[index]);
  };

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'Enter' && runs[activeIndex]) {
      event.preventDefault();
      props.onOpen(runs[activeIndex]);
      return;
    }
    const current = runs[activeIndex];
    if (
      current?.children?.length &&
      (event.key === 'ArrowRight' || event.key === 'ArrowLeft')
    ) {
      event.preventDefault();
      props.onToggle(current, event.key === 'ArrowRight');
      return;
    }
    const pageRows = Math.floor(height / ROW_HEIGHT);
    const next = movedIndex(event.key, activeIndex, runs.length, pageRows);
    if (next !== null) {
      event.preventDefault();
      moveTo(next);
    }
  };

  const rows: JSX.Element[] = [];
  for (let index = view.first; index < view.end; index++) {
    const run = runs[index];
    rows.push(
      <RunRow
        key={run.id}
        run={run}
        top={index * ROW_HEIGHT}
        active={index === activeIndex}
        selected={run.id === selectedId}
        trans={trans}
        now={now}
        onClick={() => {
          setActive(index);
          props.onSelect(run);
        }}
        onDoubleClick={() => props.onOpen(run)}
        expanded={props.expanded.has(run.id)}
        onToggle={() => props.onToggle(run, !props.expanded.has(run.id))}
      />
    );
  }

  return (
    <div
      ref={viewport}
      className="nbs-RunList"
      role="listbox"
      tabIndex={0}
      aria-label={trans.__('Runs, newest first')}
      aria-activedescendant={
        runs[activeIndex] ? `nbs-run-${runs[activeIndex].id}` : undefined
      }
      onKeyDown={onKeyDown}
      onScroll={event => setScrollTop(event.currentTarget.scrollTop)}
    >
      <div className="nbs-RunList-space" style={{ height: view.totalHeight }}>
        {rows}
      </div>
    </div>
  );
}
