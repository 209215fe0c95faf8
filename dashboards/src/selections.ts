/**
 * What each data source's panels select: `ADOPTION_SELECTION` (everything, for one panel asked
 * alone: `ADOPTION_QUERY`, the benchmark), `adoptionSelection(panel)` (a panel of a page),
 * `GOAL_PROGRESS_SELECTION` (`GoalProgressAnswer`) and `COHORT_SELECTION` (`CohortPointAnswer`).
 */
import type { AdoptionPanel } from './panel';

const VALUE = 'value suppressed reason missing denominator';

export const ADOPTION_SELECTION = `{
    from
    to
    interval
    asOf
    establishments
    establishmentsWithEnrolment
    comparison { from to method }
    points {
      start
      end
      cellCount
      nextCursor
      total {
        values { indicator ${VALUE} comparison { ${VALUE} } change }
      }
      cells {
        rank
        dimensions { dimension code label }
        values { indicator ${VALUE} comparison { ${VALUE} } change }
      }
    }
  }`;

/**
 * What an adoption panel of a page selects: only what its chart draws, since the API weighs the
 * shape of an operation (graphql-armor: depth, aliases, a cost growing ×1.5 per level of nesting,
 * at most 1,000 for the whole operation) — the cells only for a breakdown, their rank only when
 * ranked, the comparison only when compared. A page of 6 plain panels fits where 4 full
 * selections would not.
 */
export function adoptionSelection(panel: Pick<AdoptionPanel, 'groupBy' | 'orderBy' | 'compareTo'>): string {
  const compared = !!panel.compareTo;
  const values = `values { indicator ${VALUE}${compared ? ' comparison { value suppressed reason missing } change' : ''} }`;
  const cells = panel.groupBy.length ? ` cellCount nextCursor cells { ${panel.orderBy ? 'rank ' : ''}dimensions { code label } ${values} }` : '';
  return `{ asOf establishments establishmentsWithEnrolment${compared ? ' comparison { from to method }' : ''} points { start end total { ${values} }${cells} } }`;
}

export const GOAL_PROGRESS_SELECTION = `{
    goal { id name indicator profile scopeLevel scopeCodes aggregation target startOn deadline }
    current
    progress
    projected
    status
    method
    points { month value }
    statusCounts { status count }
    establishments { uai name current progress projected status }
  }`;

export const COHORT_SELECTION = '{ wave waveLabel monthsSinceOpening value suppressed reason missing }';
