import type { IndicatorUnit } from '@ent/contracts';
import { parseIsoDate } from '../../catalog/utils/cell-parsers.util';

/** Where a goal stands: see README.md for the rules. */
export const GOAL_STATUSES = ['achieved', 'on_track', 'at_risk', 'off_track', 'not_enough_data'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

export interface GoalProjectionInput {
  /** In the indicator's unit (percent 0–100 for rates); reached when the value is at least the target. */
  target: number;
  /** `YYYY-MM-DD`. */
  deadline: string;
  /** `YYYY-MM-DD`: the day of the answer (a parameter, so results are reproducible). */
  today: string;
  /** Monthly values of the indicator, oldest first, one per month (`YYYY-MM-01`); null = suppressed or unknown. */
  points: readonly { month: string; value: number | null }[];
  /** `percent` clamps the projection to [0, 100]. */
  unit?: IndicatorUnit;
}

export interface GoalProjection {
  /** The last known value (null when every value is unknown). */
  current: number | null;
  /** current / target (null without a current value or with a target of 0). */
  progress: number | null;
  /** The trend's value at the deadline month (null with fewer than 2 usable points). */
  projected: number | null;
  status: GoalStatus;
  /** How `projected` and `status` were obtained, in one sentence a report can print. */
  method: string;
}

/** The constants of the method (README.md). */
export const GOAL_PROJECTION_RULES = Object.freeze({
  /** The trend is fitted over at most this many of the latest usable points. */
  windowPoints: 6,
  /** Summer holidays break every ENT series: these months (1 = January) are left out of the trend. */
  leftOutMonths: Object.freeze([7, 8]),
  /** `at_risk` when the projection falls short of the target by at most this share of the target. */
  atRiskShortfall: 0.1,
  /** A rising trend is `at_risk`, not `off_track`, while the deadline is more than this many months away. */
  longHorizonMonths: 12,
});

const MONTH_POINT = /^(\d{4})-(0[1-9]|1[0-2])-01$/;

/**
 * Goal progress and the projection of the trend to the deadline (DOMAIN.md: "achieved, on track,
 * at risk, off track"). Pure; throws `RangeError` on malformed input rather than answer a wrong status.
 */
export function projectGoal(input: GoalProjectionInput): GoalProjection {
  const { target, deadline, today, unit } = input;
  if (!Number.isFinite(target) || target < 0) throw new RangeError(`target must be a number of at least 0, not ${target}`);
  for (const [name, day] of [['deadline', deadline], ['today', today]] as const) {
    const parsed = parseIsoDate(day);
    if (parsed.problem !== undefined) throw new RangeError(`${name}: ${parsed.problem}`);
  }
  const known = knownPoints(input.points);

  const current = known.length ? known[known.length - 1].value : null;
  const progress = current !== null && target > 0 ? current / target : null;

  const rules = GOAL_PROJECTION_RULES;
  const usable = known.filter((p) => !rules.leftOutMonths.includes((p.index % 12) + 1)).slice(-rules.windowPoints);
  const deadlineIndex = monthIndex(deadline);
  const trend = usable.length >= 2 ? leastSquares(usable) : undefined;
  let projected: number | null = null;
  let computation = 'fewer than 2 monthly values outside July and August: no trend';
  if (trend) {
    projected = clean(trend.at(deadlineIndex));
    if (unit === 'percent') projected = Math.min(100, Math.max(0, projected));
    computation =
      `least squares line over the ${usable.length} latest monthly values outside July and August ` +
      `(${monthLabel(usable[0].index)} to ${monthLabel(usable[usable.length - 1].index)}), ` +
      `slope ${signed(trend.slope)} per month, evaluated at ${monthLabel(deadlineIndex)}${unit === 'percent' ? ' (clamped to 0–100)' : ''}`;
  }

  const decide = (status: GoalStatus, why: string): GoalProjection => ({ current, progress, projected, status, method: `${computation}; ${why}` });
  if (current !== null && current >= target) return decide('achieved', `achieved: current ${num(current)} ≥ target ${num(target)}`);
  if (current !== null && today > deadline) return decide('off_track', `off track: the deadline ${deadline} has passed with ${num(current)} < target ${num(target)}`);
  if (!trend || projected === null) return decide('not_enough_data', current === null ? 'not enough data: no known value' : `not enough data: current ${num(current)} < target ${num(target)}`);
  if (projected >= target) return decide('on_track', `on track: projected ${num(projected)} ≥ target ${num(target)}`);
  const floor = clean(target - rules.atRiskShortfall * target);
  if (projected >= floor) return decide('at_risk', `at risk: projected ${num(projected)} within 10 % of target ${num(target)}`);
  if (trend.slope > 0 && deadline > shiftYears(today, rules.longHorizonMonths / 12)) {
    return decide('at_risk', `at risk: projected ${num(projected)} < ${num(floor)}, but rising with the deadline more than 12 months away`);
  }
  return decide('off_track', `off track: projected ${num(projected)} < ${num(floor)} (target − 10 %)`);
}

interface KnownPoint {
  /** Months since year 0 (January = 0 mod 12): the x axis. */
  index: number;
  value: number;
}

function knownPoints(points: GoalProjectionInput['points']): KnownPoint[] {
  const known: KnownPoint[] = [];
  let previous = -Infinity;
  for (const p of points) {
    const m = MONTH_POINT.exec(p.month);
    if (!m) throw new RangeError(`a point's month is YYYY-MM-01, not "${p.month}"`);
    const index = Number(m[1]) * 12 + Number(m[2]) - 1;
    if (index <= previous) throw new RangeError(`points are one per month, oldest first: ${p.month} comes after ${monthLabel(previous)}-01`);
    previous = index;
    if (p.value === null) continue;
    if (!Number.isFinite(p.value)) throw new RangeError(`the value of ${p.month} is not a number: ${p.value}`);
    known.push({ index, value: p.value });
  }
  return known;
}

/** Ordinary least squares y = ȳ + slope·(x − x̄), x in months (points have distinct months). */
function leastSquares(points: readonly KnownPoint[]): { slope: number; at: (index: number) => number } {
  // x relative to the last point keeps the sums small (exact for the usual inputs).
  const origin = points[points.length - 1].index;
  const xs = points.map((p) => p.index - origin);
  const meanX = xs.reduce((s, x) => s + x, 0) / xs.length;
  const meanY = points.reduce((s, p) => s + p.value, 0) / points.length;
  let sxy = 0;
  let sxx = 0;
  points.forEach((p, i) => {
    sxy += (xs[i] - meanX) * (p.value - meanY);
    sxx += (xs[i] - meanX) ** 2;
  });
  const slope = sxy / sxx;
  return { slope, at: (index) => meanY + slope * (index - origin - meanX) };
}

function monthIndex(day: string): number {
  return Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1;
}

function monthLabel(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The same day `years` later, as text (29 February compares as the last day of February). */
function shiftYears(day: string, years: number): string {
  return `${String(Number(day.slice(0, 4)) + years).padStart(4, '0')}${day.slice(4)}`;
}

/** 12 significant digits: 39.99999999999999 is 40, so a projection exactly on target is on track. */
function clean(value: number): number {
  return Number(value.toPrecision(12));
}

function num(value: number): string {
  return String(Number(value.toPrecision(6)));
}

function signed(value: number): string {
  const text = num(Number(value.toFixed(4)));
  return value > 0 && text !== '0' ? `+${text}` : text === '-0' ? '0' : text;
}
