import {
  movedIndex,
  nearEnd,
  scrollToShow,
  virtualWindow
} from '../virtualWindow';

describe('virtualWindow', () => {
  it('renders only the rows in view plus the overscan, for 100,000 runs', () => {
    const view = virtualWindow(52 * 50_000, 520, 52, 100_000, 5);
    expect(view).toEqual({
      first: 49_995,
      end: 50_016,
      totalHeight: 5_200_000
    });
    expect(view.end - view.first).toBeLessThan(30);
  });

  it('clamps at both ends and handles an empty list', () => {
    expect(virtualWindow(-40, 100, 20, 3, 2)).toEqual({
      first: 0,
      end: 3,
      totalHeight: 60
    });
    expect(virtualWindow(10_000, 100, 20, 10, 2).end).toBe(10);
    expect(virtualWindow(0, 100, 20, 0)).toEqual({
      first: 0,
      end: 0,
      totalHeight: 0
    });
  });

  it('asks for the next page only near the loaded end', () => {
    const count = 200;
    expect(nearEnd(virtualWindow(0, 500, 50, count, 0), count, 30)).toBe(false);
    expect(nearEnd(virtualWindow(50 * 165, 500, 50, count, 0), count, 30)).toBe(
      true
    );
  });

  it('scrolls as little as possible to show a row', () => {
    expect(scrollToShow(5, 0, 200, 50)).toBe(100);
    expect(scrollToShow(1, 200, 200, 50)).toBe(50);
    expect(scrollToShow(4, 100, 200, 50)).toBe(100);
  });

  it('moves the active row with the navigation keys', () => {
    expect(movedIndex('ArrowDown', 3, 10, 4)).toBe(4);
    expect(movedIndex('ArrowUp', 0, 10, 4)).toBe(0);
    expect(movedIndex('PageDown', 8, 10, 4)).toBe(9);
    expect(movedIndex('PageUp', 5, 10, 4)).toBe(1);
    expect(movedIndex('End', 0, 10, 4)).toBe(9);
    expect(movedIndex('Home', 7, 10, 4)).toBe(0);
    expect(movedIndex('a', 7, 10, 4)).toBeNull();
    expect(movedIndex('ArrowDown', 0, 0, 4)).toBeNull();
  });
});
