import type { Dimension, Indicator, Profile } from '@ent/contracts';

/** How the API cuts a period into a series (`none` = one value for the whole period). */
export type Interval = 'none' | 'day' | 'week' | 'month' | 'school_year';

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
  orderBy?: { indicator: Indicator; direction: 'asc' | 'desc' };
  first?: number;
}

/**
 * The document every adoption panel sends: the series points, the total and the cells with every
 * published value (value, secrecy, denominator).
 */
export const ADOPTION_QUERY = /* GraphQL */ `
  query Adoption($query: AdoptionQueryInput!) {
    adoption(query: $query) {
      from
      to
      interval
      asOf
      establishments
      establishmentsWithEnrolment
      points {
        start
        end
        cellCount
        nextCursor
        total {
          values { indicator value suppressed reason missing denominator }
        }
        cells {
          rank
          dimensions { dimension code label }
          values { indicator value suppressed reason missing denominator }
        }
      }
    }
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
