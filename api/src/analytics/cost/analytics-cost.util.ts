import { DEVICES, PROFILES, SERVICES, type Dimension } from '@ent/contracts';
import { dayNumber, isIsoDay, mondayOf, monthsBetween, schoolYearStartYear } from '../periods/calendar-days.util';
import type { Interval } from '../periods/period-buckets.util';

/**
 * What an analytics question costs, known before any work: buckets of the series × cells of the
 * breakdown expected for the territory (+ the total), twice with a comparison period. Every stage
 * of an answer grows with it — rows read and parsed from ClickHouse, cells filled and suppressed,
 * the JSON sent — so a budget on it bounds the time one request keeps the server busy.
 */
export interface AdoptionCostQuestion {
  from: string;
  to: string;
  interval: Interval;
  groupBy?: readonly Dimension[] | null;
  profiles?: readonly string[] | null;
  services?: readonly string[] | null;
  devices?: readonly string[] | null;
  compareTo?: string | null;
}

/** Waves of a territory (deployment waves are school-year cohorts: a handful per département). */
const MAX_WAVES = 30;
/** Months since opening a cohort answer spans (deploymentCohorts reads 36 months). */
const COHORT_MONTHS = 36;
const DEPARTEMENTS = 101;
const ACADEMIES = 30;
const REGIONS = 18;

/** Points of the series (the same count as `bucketsOf`, computed without walking the days). */
export function bucketCount(from: string, to: string, interval: Interval): number {
  if (!isIsoDay(from) || !isIsoDay(to)) return 0;
  const days = dayNumber(to) - dayNumber(from);
  if (days < 0) return 0;
  switch (interval) {
    case 'none':
      return 1;
    case 'day':
      return days + 1;
    case 'week':
      return (dayNumber(mondayOf(to)) - dayNumber(mondayOf(from))) / 7 + 1;
    case 'month':
      return monthsBetween(from, to) + 1;
    case 'school_year':
      return schoolYearStartYear(to) - schoolYearStartYear(from) + 1;
  }
}

/** Values a dimension may take in a territory of `establishments` establishments (an upper bound). */
export function expectedValues(dimension: Dimension, q: Pick<AdoptionCostQuestion, 'profiles' | 'services' | 'devices'>, establishments: number): number {
  switch (dimension) {
    case 'profile':
      return q.profiles?.length || PROFILES.length;
    case 'service':
      return q.services?.length || SERVICES.length;
    case 'device':
      return q.devices?.length || DEVICES.length;
    case 'establishment':
    case 'commune':
      return establishments;
    case 'departement':
      return Math.min(establishments, DEPARTEMENTS);
    case 'academie':
      return Math.min(establishments, ACADEMIES);
    case 'region':
      return Math.min(establishments, REGIONS);
    case 'education_prioritaire':
    case 'rurality':
      return 3;
    case 'ips_quartile':
      return 5;
    case 'wave':
      return Math.min(establishments, MAX_WAVES);
    case 'months_since_opening':
      return COHORT_MONTHS;
  }
}

/** Cells of one point: the product of the dimensions' values, plus the total. */
export function expectedCells(q: AdoptionCostQuestion, establishments: number): number {
  return (q.groupBy ?? []).reduce((n, d) => n * expectedValues(d, q, Math.max(establishments, 1)), 1) + ((q.groupBy ?? []).length ? 1 : 0);
}

/** Cost of an `adoption` question: buckets × cells, twice with a comparison. */
export function adoptionCost(q: AdoptionCostQuestion, establishments: number): number {
  return bucketCount(q.from, q.to, q.interval) * expectedCells(q, establishments) * (q.compareTo ? 2 : 1);
}

/** Cost of `deploymentCohorts`: one point, by wave and months since opening. */
export function cohortsCost(establishments: number): number {
  return adoptionCost({ from: '2000-01-01', to: '2000-01-01', interval: 'none', groupBy: ['wave', 'months_since_opening'] }, establishments);
}

/** Cost of one goal of `goalProgress`: a monthly series, per establishment for an `each_establishment` goal. */
export function goalCost(goal: { startOn: string; deadline: string; perEstablishment: boolean }, today: string, establishments: number): number {
  const to = dayNumber(goal.deadline) < dayNumber(today) ? goal.deadline : today;
  const months = Math.max(1, bucketCount(goal.startOn, to, 'month'));
  return months * (goal.perEstablishment ? establishments + 1 : 1);
}
