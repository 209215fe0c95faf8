import { adoptionCost, bucketCount, cohortsCost, expectedCells, goalCost } from './analytics-cost.util';

describe('analytics cost', () => {
  it('counts the points of a series as bucketsOf cuts them, without walking the days', () => {
    expect(bucketCount('2026-09-01', '2026-12-06', 'none')).toBe(1);
    expect(bucketCount('2026-11-06', '2026-12-06', 'day')).toBe(31);
    expect(bucketCount('2026-09-07', '2026-12-06', 'week')).toBe(13); // Monday 7 September to Sunday 6 December
    expect(bucketCount('2026-09-01', '2026-12-06', 'month')).toBe(4);
    expect(bucketCount('2024-06-01', '2026-12-06', 'school_year')).toBe(4);
    expect(bucketCount('2023-12-06', '2026-12-06', 'day')).toBe(1097);
  });

  it('costs nothing for days the resolver refuses (they are answered with the field at fault)', () => {
    expect(bucketCount('2026-12-06', '2026-12-01', 'day')).toBe(0);
    expect(bucketCount('2026-02-30', '2026-03-01', 'day')).toBe(0);
  });

  it('expects the establishments of the territory, 5 profiles, 25 services, 4 devices (or the filter), plus the total', () => {
    expect(expectedCells({ from: '', to: '', interval: 'none' }, 26)).toBe(1);
    expect(expectedCells({ from: '', to: '', interval: 'none', groupBy: ['establishment'] }, 26)).toBe(27);
    expect(expectedCells({ from: '', to: '', interval: 'none', groupBy: ['establishment', 'service'] }, 26)).toBe(26 * 25 + 1);
    expect(expectedCells({ from: '', to: '', interval: 'none', groupBy: ['profile', 'device'], profiles: ['eleve', 'parent'] }, 26)).toBe(2 * 4 + 1);
    expect(expectedCells({ from: '', to: '', interval: 'none', groupBy: ['departement'] }, 50_000)).toBe(102);
  });

  it('costs points × cells, twice with a comparison', () => {
    const threeYears = { from: '2023-12-06', to: '2026-12-06', interval: 'day' as const, groupBy: ['establishment', 'service'] as const };
    expect(adoptionCost(threeYears, 26)).toBe(1097 * 651);
    expect(adoptionCost({ from: '2025-12-07', to: '2026-12-06', interval: 'day', groupBy: ['establishment'], compareTo: 'previous_period' }, 26)).toBe(365 * 27 * 2);
  });

  it('costs deploymentCohorts as one point by wave and month since opening, and a goal as its monthly series', () => {
    expect(cohortsCost(26)).toBe(26 * 36 + 1);
    expect(cohortsCost(5000)).toBe(30 * 36 + 1);
    expect(goalCost({ startOn: '2026-09-01', deadline: '2027-06-30', perEstablishment: true }, '2026-12-06', 26)).toBe(4 * 27);
    expect(goalCost({ startOn: '2025-09-01', deadline: '2026-06-30', perEstablishment: false }, '2026-12-06', 26)).toBe(10);
  });
});
