import { ADOPTION_SELECTION } from './selections';
import type { Dimension, Indicator, Profile } from '@ent/contracts';

/** How the API cuts a period into a series (`none` = one value for the whole period). */
export type Interval = 'none' | 'day' | 'week' | 'month' | 'school_year';

/** What a panel's figures are compared with (the API computes the comparison period). */
export type Comparison = 'previous_period' | 'same_school_period_last_year';

/** Territory levels of the analytics API (`national` has code `FR`). */
export type AnalyticsLevel = 'national' | 'region' | 'academie' | 'departement' | 'commune' | 'etablissement';

export interface AnalyticsTerritory {
  level: AnalyticsLevel;
  /** INSEE code, 2-digit académie code, UAI, or FR. */
  code: string;
}

/** Narrowing filters of a panel (each one a list of national codes). */
export interface PanelFilters {
  profiles?: readonly Profile[];
  /** DNMA service codes. */
  services?: readonly string[];
  devices?: readonly string[];
}

/**
 * The variables of the `adoption(query: AdoptionQueryInput!)` GraphQL query, field for field
 * (see api/src/analytics/dtos/inputs/adoption-query.input.ts). Plain data: the web application and
 * the benchmarks send it as it is.
 */
export interface AdoptionQueryVariables {
  territory: AnalyticsTerritory;
  from: string;
  to: string;
  interval: Interval;
  indicators: Indicator[];
  groupBy?: Dimension[];
  profiles?: Profile[];
  services?: string[];
  devices?: string[];
  compareTo?: Comparison;
  orderBy?: { indicator: Indicator; direction: 'asc' | 'desc' };
  first?: number;
}

/**
 * The document one adoption panel sends alone: the series points, the total and the cells with
 * every published value (value, secrecy, denominator, comparison). A page sends its panels
 * together (`pageOperation`).
 */
export const ADOPTION_QUERY = /* GraphQL */ `
  query Adoption($query: AdoptionQueryInput!) {
    adoption(query: $query) ${ADOPTION_SELECTION}
  }
`;

/** The answer to `ADOPTION_QUERY` (the fields it selects). */
export interface PublishedValue {
  indicator: Indicator;
  value: number | null;
  suppressed: boolean;
  reason: string | null;
  missing: string | null;
  denominator: number | null;
  /** The same cell in the comparison period (null without `compareTo`). */
  comparison: Omit<PublishedValue, 'indicator' | 'comparison' | 'change'> | null;
  /** value − comparison value (points for a rate). */
  change: number | null;
}

export interface AdoptionAnswer {
  adoption: {
    from: string;
    to: string;
    interval: Interval;
    /** When the figures were computed (ISO date-time): answers are kept while their events do not change. */
    asOf: string;
    establishments: number;
    establishmentsWithEnrolment: number;
    comparison: { from: string; to: string; method: string } | null;
    points: {
      start: string;
      end: string;
      cellCount: number;
      nextCursor: string | null;
      total: { values: PublishedValue[] };
      cells: { rank: number | null; dimensions: { dimension: Dimension; code: string; label: string }[]; values: PublishedValue[] }[];
    }[];
  };
}

/** One goal of a `goalProgress` answer (GOAL_PROGRESS_SELECTION). */
export interface GoalProgressAnswer {
  goal: {
    id: number;
    name: string;
    indicator: string;
    profile: string | null;
    scopeLevel: string;
    scopeCodes: string[];
    aggregation: string;
    target: number;
    startOn: string;
    deadline: string;
  };
  current: number | null;
  progress: number | null;
  projected: number | null;
  /** achieved, on_track, at_risk, off_track or not_enough_data */
  status: string;
  method: string;
  points: { month: string; value: number | null }[];
  statusCounts: { status: string; count: number }[];
  establishments: { uai: string; name: string; current: number | null; progress: number | null; projected: number | null; status: string }[];
}

/** One point of a `deploymentCohorts` answer (COHORT_SELECTION). */
export interface CohortPointAnswer {
  wave: string;
  waveLabel: string;
  monthsSinceOpening: number;
  value: number | null;
  suppressed: boolean;
  reason: string | null;
  missing: string | null;
}
