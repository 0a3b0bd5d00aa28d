/**
 * The maths of a fixed-row-height virtual list: which rows to render for a scroll
 * position, when to ask for the next page, and where to scroll to keep a row in view.
 */

export interface IVirtualWindow {
  /** First row to render (inclusive). */
  first: number;
  /** Last row to render (exclusive). */
  end: number;
  /** Height of all rows together, so the scrollbar reflects the whole list. */
  totalHeight: number;
}

export function virtualWindow(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  count: number,
  overscan = 5
): IVirtualWindow {
  const totalHeight = count * rowHeight;
  if (count === 0 || rowHeight <= 0) {
    return { first: 0, end: 0, totalHeight };
  }
  const top = Math.max(0, Math.min(scrollTop, totalHeight));
  const firstVisible = Math.floor(top / rowHeight);
  const visibleCount = Math.ceil(Math.max(viewportHeight, 0) / rowHeight) + 1;
  return {
    first: Math.max(0, firstVisible - overscan),
    end: Math.min(count, firstVisible + visibleCount + overscan),
    totalHeight
  };
}

/** True when the rendered window comes within `threshold` rows of the loaded end. */
export function nearEnd(
  window: IVirtualWindow,
  count: number,
  threshold: number
): boolean {
  return count - window.end <= threshold;
}

/** The scrollTop that brings row `index` fully into view, moving as little as possible. */
export function scrollToShow(
  index: number,
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number
): number {
  const rowTop = index * rowHeight;
  const rowBottom = rowTop + rowHeight;
  if (rowTop < scrollTop) {
    return rowTop;
  }
  if (rowBottom > scrollTop + viewportHeight) {
    return Math.max(0, rowBottom - viewportHeight);
  }
  return scrollTop;
}

/** Where a navigation key moves the active row; null for keys the list ignores. */
export function movedIndex(
  key: string,
  active: number,
  count: number,
  pageRows: number
): number | null {
  if (count === 0) {
    return null;
  }
  const clamp = (value: number) => Math.max(0, Math.min(count - 1, value));
  switch (key) {
    case 'ArrowDown':
      return clamp(active + 1);
    case 'ArrowUp':
      return clamp(active - 1);
    case 'PageDown':
      return clamp(active + Math.max(1, pageRows));
    case 'PageUp':
      return clamp(active - Math.max(1, pageRows));
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}
