import { projectGoal, type GoalProjectionInput } from './goal-projection';

/** Monthly points from a first month (`YYYY-MM`), one per month. */
function monthly(first: string, values: (number | null)[]): GoalProjectionInput['points'] {
  const [year, month] = first.split('-').map(Number);
  return values.map((value, i) => {
    const index = year * 12 + month - 1 + i;
    return { month: `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`, value };
  });
}

// 20, 24, 28 in January–March 2026: slope exactly 4 per month.
const RISING_BY_4 = monthly('2026-01', [20, 24, 28]);
const SPRING_2026 = { today: '2026-04-10', deadline: '2026-06-30' };

describe('projectGoal', () => {
  it('projects the least squares line to the deadline month: 20, 24, 28 reach 40 three months later (on track)', () => {
    expect(projectGoal({ ...SPRING_2026, target: 40, points: RISING_BY_4 })).toEqual({
      current: 28,
      progress: 0.7,
      projected: 40,
      status: 'on_track',
      method: 'least squares line over the 3 latest monthly values outside July and August (2026-01 to 2026-03), slope +4 per month, evaluated at 2026-06; on track: projected 40 ≥ target 40',
    });
  });

  it('is at risk when the projection falls short by at most 10 % of the target, the bound included', () => {
    expect(projectGoal({ ...SPRING_2026, target: 44, points: RISING_BY_4 })).toMatchObject({ projected: 40, status: 'at_risk' });
    // 30, 33, 36 → 45 in June; target 50 → 50 − 5 = 45: exactly on the bound.
    expect(projectGoal({ ...SPRING_2026, target: 50, points: monthly('2026-01', [30, 33, 36]) })).toMatchObject({
      projected: 45,
      status: 'at_risk',
      method: 'least squares line over the 3 latest monthly values outside July and August (2026-01 to 2026-03), slope +3 per month, evaluated at 2026-06; at risk: projected 45 within 10 % of target 50',
    });
  });

  it('is off track below that, with a deadline within 12 months', () => {
    expect(projectGoal({ ...SPRING_2026, target: 44.5, points: RISING_BY_4 })).toMatchObject({
      projected: 40,
      status: 'off_track',
      method: 'least squares line over the 3 latest monthly values outside July and August (2026-01 to 2026-03), slope +4 per month, evaluated at 2026-06; off track: projected 40 < 40.05 (target − 10 %)',
    });
  });

  it('is at risk, not off track, when the trend rises and the deadline is more than 12 months away', () => {
    const slow = monthly('2026-01', [20, 21, 22]);
    // June 2027 is 15 months after March 2026: 22 + 15 = 37, far below 90, but rising.
    expect(projectGoal({ target: 100, today: '2026-04-01', deadline: '2027-06-30', points: slow })).toMatchObject({ projected: 37, status: 'at_risk' });
    // Exactly 12 months away is not more than 12 months.
    expect(projectGoal({ target: 100, today: '2026-04-01', deadline: '2027-04-01', points: slow })).toMatchObject({ projected: 35, status: 'off_track' });
    expect(projectGoal({ target: 100, today: '2026-04-01', deadline: '2027-04-02', points: slow })).toMatchObject({ projected: 35, status: 'at_risk' });
    // A falling trend stays off track, however far the deadline.
    expect(projectGoal({ target: 100, today: '2026-04-01', deadline: '2027-06-30', points: monthly('2026-01', [22, 21, 20]) })).toMatchObject({ projected: 5, status: 'off_track' });
  });

  it('leaves July and August out of the trend', () => {
    // On the line 30 + 2 per month from May 2025, with the summer dip (5, 3) ignored: October = 40;
    // June 2026 is 8 months after October: 40 + 16 = 56 ≥ 60 − 6.
    const points = monthly('2025-05', [30, 32, 5, 3, 38, 40]);
    expect(projectGoal({ target: 60, today: '2025-11-05', deadline: '2026-06-15', points })).toEqual({
      current: 40,
      progress: 40 / 60,
      projected: 56,
      status: 'at_risk',
      method: 'least squares line over the 4 latest monthly values outside July and August (2025-05 to 2025-10), slope +2 per month, evaluated at 2026-06; at risk: projected 56 within 10 % of target 60',
    });
  });

  it('takes the current value from the last known month, even in summer, and the trend from the months around it', () => {
    // April–June 2026: 30, 32, 34 (slope 2); July: 10. September 2026 is 3 months after June: 40.
    expect(projectGoal({ target: 40, today: '2026-08-10', deadline: '2026-09-30', points: monthly('2026-04', [30, 32, 34, 10]) })).toMatchObject({
      current: 10,
      progress: 0.25,
      projected: 40,
      status: 'on_track',
    });
  });

  it('fits the 6 latest usable points only', () => {
    // September 2025 – April 2026: the first two (90, 0) are left out; 10 … 20 rise by 2: June = 24.
    expect(projectGoal({ target: 24, today: '2026-05-02', deadline: '2026-06-30', points: monthly('2025-09', [90, 0, 10, 12, 14, 16, 18, 20]) })).toMatchObject({
      projected: 24,
      status: 'on_track',
      method: expect.stringMatching(/^least squares line over the 6 latest monthly values outside July and August \(2025-11 to 2026-04\), slope \+2 per month/),
    });
  });

  it('skips unknown (suppressed) values', () => {
    // January 20 and March 28: slope 4, June = 40; the current value is March's.
    expect(projectGoal({ ...SPRING_2026, target: 40, points: monthly('2026-01', [20, null, 28, null]) })).toMatchObject({ current: 28, projected: 40, status: 'on_track' });
  });

  it('needs 2 usable points to project, unless the target is already reached', () => {
    expect(projectGoal({ ...SPRING_2026, target: 40, points: monthly('2026-03', [20]) })).toEqual({
      current: 20,
      progress: 0.5,
      projected: null,
      status: 'not_enough_data',
      method: 'fewer than 2 monthly values outside July and August: no trend; not enough data: current 20 < target 40',
    });
    // One usable point: June is one, July and August do not count.
    expect(projectGoal({ target: 40, today: '2026-09-05', deadline: '2027-06-30', points: monthly('2026-06', [20, 22, 24]) })).toMatchObject({ current: 24, projected: null, status: 'not_enough_data' });
    expect(projectGoal({ ...SPRING_2026, target: 40, points: monthly('2026-01', [null, null]) })).toMatchObject({ current: null, progress: null, projected: null, status: 'not_enough_data' });
    expect(projectGoal({ ...SPRING_2026, target: 40, points: [] })).toMatchObject({ current: null, status: 'not_enough_data' });
    expect(projectGoal({ ...SPRING_2026, target: 40, points: monthly('2026-03', [45]) })).toMatchObject({ current: 45, progress: 1.125, projected: null, status: 'achieved' });
  });

  it('is achieved once the current value reaches the target, whatever the trend', () => {
    expect(projectGoal({ ...SPRING_2026, target: 30, points: monthly('2026-01', [40, 35, 30]) })).toMatchObject({
      current: 30,
      progress: 1,
      projected: 15,
      status: 'achieved',
      method: 'least squares line over the 3 latest monthly values outside July and August (2026-01 to 2026-03), slope -5 per month, evaluated at 2026-06; achieved: current 30 ≥ target 30',
    });
    expect(projectGoal({ ...SPRING_2026, target: 0, points: RISING_BY_4 })).toMatchObject({ progress: null, status: 'achieved' });
  });

  it('is off track once the deadline has passed without the target reached, whatever the projection', () => {
    expect(projectGoal({ target: 30, today: '2026-04-01', deadline: '2026-03-31', points: RISING_BY_4 })).toMatchObject({
      projected: 28,
      status: 'off_track',
      method: 'least squares line over the 3 latest monthly values outside July and August (2026-01 to 2026-03), slope +4 per month, evaluated at 2026-03; off track: the deadline 2026-03-31 has passed with 28 < target 30',
    });
    expect(projectGoal({ target: 30, today: '2026-04-01', deadline: '2026-03-31', points: monthly('2026-03', [28]) })).toMatchObject({ status: 'off_track' });
    // The deadline day itself has not passed: June's projection (40) is on track.
    expect(projectGoal({ target: 30, today: '2026-06-30', deadline: '2026-06-30', points: RISING_BY_4 })).toMatchObject({ status: 'on_track' });
  });

  it('clamps a projected percentage to 0–100', () => {
    const up = monthly('2026-01', [70, 80, 90]);
    expect(projectGoal({ ...SPRING_2026, target: 95, unit: 'percent', points: up })).toMatchObject({ projected: 100, status: 'on_track', method: expect.stringContaining('evaluated at 2026-06 (clamped to 0–100);') });
    expect(projectGoal({ ...SPRING_2026, target: 95, points: up })).toMatchObject({ projected: 120 });
    const down = monthly('2026-01', [30, 20, 10]);
    expect(projectGoal({ ...SPRING_2026, target: 50, unit: 'percent', points: down })).toMatchObject({ projected: 0, status: 'off_track' });
    expect(projectGoal({ ...SPRING_2026, target: 50, unit: 'count', points: down })).toMatchObject({ projected: -20 });
  });

  it('removes floating-point noise, so a projection exactly on target is on track', () => {
    // 0.2, 0.3 in February–March → 0.8 in August (0.7999999999999998 in raw floating point).
    expect(projectGoal({ target: 0.8, today: '2026-04-10', deadline: '2026-08-31', points: monthly('2026-02', [0.2, 0.3]) })).toMatchObject({ projected: 0.8, status: 'on_track' });
  });

  it('refuses malformed input rather than answer a wrong status', () => {
    const ok = { ...SPRING_2026, target: 40, points: RISING_BY_4 };
    expect(() => projectGoal({ ...ok, points: [{ month: '2026-01-15', value: 1 }] })).toThrow(new RangeError('a point\'s month is YYYY-MM-01, not "2026-01-15"'));
    expect(() => projectGoal({ ...ok, points: [...RISING_BY_4].reverse() })).toThrow(new RangeError('points are one per month, oldest first: 2026-02-01 comes after 2026-03-01'));
    expect(() => projectGoal({ ...ok, points: [{ month: '2026-01-01', value: Number.NaN }] })).toThrow(RangeError);
    expect(() => projectGoal({ ...ok, target: Number.NaN })).toThrow(RangeError);
    expect(() => projectGoal({ ...ok, deadline: '2026-02-30' })).toThrow(new RangeError('deadline: 2026-02-30 is not a calendar date'));
  });
});
