import { RefObject, useLayoutEffect, useState } from 'react';

/** The element's client height, kept current as it resizes: what a virtual list fills. */
export function useViewportHeight(viewport: RefObject<HTMLElement>): number {
  const [height, setHeight] = useState(0);
  useLayoutEffect(() => {
    const node = viewport.current;
    if (!node) {
      return;
    }
    const observer = new ResizeObserver(() => setHeight(node.clientHeight));
    observer.observe(node);
    setHeight(node.clientHeight);
    return () => observer.disconnect();
  }, []);
  return height;
}
