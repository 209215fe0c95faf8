import { suppressTable } from './suppress-cells.util';

const rules = { minCount: 11, minDenominator: 20 };
const table = (rows: [string, string, number][]) => rows.map(([a, b, count]) => ({ id: `${a}/${b}`, codes: [a, b], count }));
const hiddenIds = (cells: ReturnType<typeof table>) =>
  [...suppressTable(cells, rules)].filter(([, p]) => p.suppressed).map(([id, p]) => `${id}:${p.suppressed ? p.reason : ''}`);

describe('suppressTable', () => {
  it('publishes every cell when none is small, zero included', () => {
    expect(hiddenIds(table([['A', 'eleve', 40], ['A', 'parent', 0], ['B', 'eleve', 12]]))).toEqual([]);
  });

  it('hides a small cell and, on its line, the smallest visible cell so the hidden part is not recoverable', () => {
    // Line A: 5 is small; 5 alone would be total − 40 − 30: hide 30 too (smallest non-zero visible).
    expect(hiddenIds(table([['A', 'eleve', 40], ['A', 'parent', 5], ['A', 'enseignant', 30], ['B', 'eleve', 50], ['B', 'parent', 25], ['B', 'enseignant', 60]]))).toEqual([
      'A/parent:small_count',
      'A/enseignant:secondary',
      // Column "parent" then holds one hidden cell: B/parent is hidden; row B then holds one hidden
      // cell: B/enseignant (whose column already hides A) is preferred to B/eleve.
      'B/parent:secondary',
      'B/enseignant:secondary',
    ]);
  });

  it('keeps hiding along lines until the hidden part of every line is at least the minimum', () => {
    expect(hiddenIds(table([['A', 'x', 3], ['A', 'y', 4], ['A', 'z', 100]]))).toEqual(['A/x:small_count', 'A/y:small_count', 'A/z:secondary']);
  });
});
