import { publishCount, publishGroup, publishRate } from './statistical-secrecy';

describe('statistical secrecy', () => {
  it('hides counts of 1 to 10 people, publishes 0 and 11 and more', () => {
    expect(publishCount(0)).toEqual({ value: 0, suppressed: false });
    expect(publishCount(1)).toEqual({ value: null, suppressed: true, reason: 'small_count' });
    expect(publishCount(10)).toEqual({ value: null, suppressed: true, reason: 'small_count' });
    expect(publishCount(11)).toEqual({ value: 11, suppressed: false });
  });

  it('hides a rate on fewer than 20 people, or whose numerator is a hidden count', () => {
    expect(publishRate(12, 19)).toEqual({ value: null, suppressed: true, reason: 'small_denominator' });
    expect(publishRate(3, 25)).toEqual({ value: null, suppressed: true, reason: 'small_count' });
    expect(publishRate(0, 25)).toEqual({ value: 0, suppressed: false });
    expect(publishRate(15, 60)).toEqual({ value: 0.25, suppressed: false });
  });

  it('follows configured thresholds', () => {
    expect(publishCount(4, { minCount: 5, minDenominator: 10 })).toMatchObject({ suppressed: true });
    expect(publishCount(5, { minCount: 5, minDenominator: 10 })).toEqual({ value: 5, suppressed: false });
  });

  it('hides a second cell when one hidden cell could be recovered from the total', () => {
    // Total 3 + 40 + 25 + 120 = 188 is published: 3 alone would be 188 - 185.
    const r = publishGroup([
      { key: 'eleve', count: 120 },
      { key: 'parent', count: 3 },
      { key: 'enseignant', count: 40 },
      { key: 'admin_vie_scol_tech', count: 25 },
    ]);
    expect(Object.fromEntries(r)).toEqual({
      eleve: { value: 120, suppressed: false },
      parent: { value: null, suppressed: true, reason: 'small_count' },
      enseignant: { value: 40, suppressed: false },
      admin_vie_scol_tech: { value: null, suppressed: true, reason: 'secondary' },
    });
  });

  it('keeps hiding until the hidden part is not itself a small count', () => {
    // 2 + 3 = 5 hidden would still disclose a small group: the smallest visible cells join them.
    const r = publishGroup([
      { key: 'A', count: 2 },
      { key: 'B', count: 3 },
      { key: 'C', count: 4 },
      { key: 'D', count: 50 },
      { key: 'E', count: 12 },
    ]);
    expect([...r].map(([k, p]) => `${k}:${p.suppressed ? p.reason : p.value}`)).toEqual([
      'A:small_count',
      'B:small_count',
      'C:small_count',
      'D:50',
      'E:secondary',
    ]);
  });

  it('leaves a group untouched when nothing is small, and never hides a zero to protect others', () => {
    expect([...publishGroup([{ key: 'A', count: 11 }, { key: 'B', count: 0 }]).values()]).toEqual([
      { value: 11, suppressed: false },
      { value: 0, suppressed: false },
    ]);
    const r = publishGroup([{ key: 'A', count: 5 }, { key: 'B', count: 0 }, { key: 'C', count: 30 }]);
    expect(r.get('B')).toEqual({ value: 0, suppressed: false });
    expect(r.get('C')).toEqual({ value: null, suppressed: true, reason: 'secondary' });
  });
});
