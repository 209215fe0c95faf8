import type { Indicator } from '@ent/contracts';
import { publishRate, type Published, type SecrecyRules, type SuppressionReason } from '../secrecy/statistical-secrecy';
import type { ActivityMeasure } from '../query/build-activity-query.util';

/** The measures of a cell (ClickHouse's), plus its visits: with a session id and without. */
export type Measures = Record<ActivityMeasure | 'visits', number>;

export const ZERO_MEASURES: Measures = {
  visitors: 0,
  visitors_enrolled: 0,
  families_active: 0,
  families_active_enrolled: 0,
  session_visits: 0,
  session_seconds: 0,
  regular_users: 0,
  regular_enrolled: 0,
  sessionless_visits: 0,
  visits: 0,
};

/** Catalog figures of a cell (sums over its establishments; null = no establishment provides it). */
export interface Denominators {
  potential: number | null;
  families: number | null;
  /** False when the cell or the filter leaves parents out (family uptake does not apply). */
  parentsCounted: boolean;
  /** Usage rates are per profile (DOMAIN): not applicable to a cell spanning several profiles. */
  oneProfile: boolean;
  /** False for a bucket too short for the regularity rule (a day, a week). */
  regularApplies: boolean;
  accountsOpened: number | null;
  accountsActivated: number | null;
  /** Budget of the territory; `not_applicable` for a breakdown cell (budgets are per territory). */
  budget: number | null | 'not_applicable';
}

/**
 * The counts of people of a cell as published (`secrecy/canonical-decisions.ts`); the `…Enrolled`
 * ones are the numerators of the rates (people of the establishments that have the denominator).
 */
export interface PublishedPeople {
  visitors: Published;
  regular: Published;
  families: Published;
  visitorsEnrolled: Published;
  regularEnrolled: Published;
  familiesEnrolled: Published;
  accountsActivated: Published;
}

/** A published figure, with what it was computed from when that is itself publishable. */
export type IndicatorValue = Published & { numerator?: number | null; denominator?: number | null };

/** Why a value is absent although nothing is hidden: the catalog lacks its denominator, or it does not apply. */
export type MissingReason = 'no_denominator' | 'not_applicable';
export type ValueOrMissing = IndicatorValue | { value: null; suppressed: false; missing: MissingReason };

const percent = (p: Published): IndicatorValue => (p.suppressed ? p : { value: round(p.value * 100), suppressed: false });
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
const missing = (why: MissingReason): ValueOrMissing => ({ value: null, suppressed: false, missing: why });
const hiddenLike = (reason: SuppressionReason): IndicatorValue => ({ value: null, suppressed: true, reason });

/**
 * Every indicator of DOMAIN.md from a cell's measures, its catalog figures and its counts of people
 * as published: a figure derived from a hidden count — visits, intensity, a rate (which, times its
 * published denominator, would give the count back) — is hidden with it, for the same reason.
 */
export function indicatorValue(
  indicator: Indicator,
  m: Measures,
  d: Denominators,
  published: PublishedPeople,
  share: { visitsTotal: number } | undefined,
  rules: SecrecyRules,
): ValueOrMissing {
  const visitors = published.visitors;
  const hiddenVisitors = visitors.suppressed ? hiddenLike(visitors.reason) : undefined;
  const hiddenBy = (p: Published) => (p.suppressed ? hiddenLike(p.reason) : undefined);
  switch (indicator) {
    case 'visitors':
      return visitors;
    case 'visits':
      return hiddenVisitors ?? { value: m.visits, suppressed: false };
    case 'intensity':
      if (hiddenVisitors) return hiddenVisitors;
      return m.visitors === 0 ? missing('not_applicable') : { value: round(m.visits / m.visitors), suppressed: false };
    case 'time_per_visit':
      if (hiddenVisitors) return hiddenVisitors;
      return m.session_visits === 0 ? missing('not_applicable') : { value: round(m.session_seconds / m.session_visits / 60), suppressed: false };
    case 'regular_users':
      return d.regularApplies ? published.regular : missing('not_applicable');
    case 'usage_rate':
      if (!d.oneProfile) return missing('not_applicable');
      if (d.potential === null) return missing('no_denominator');
      // The rate gives back its numerator (the visitors of the establishments counted in the denominator): published with it.
      if (published.visitorsEnrolled.suppressed) return hiddenLike(published.visitorsEnrolled.reason);
      return { ...percent(publishRate(m.visitors_enrolled, d.potential, rules)), denominator: d.potential };
    case 'regular_use_rate':
      if (!d.oneProfile || !d.regularApplies) return missing('not_applicable');
      if (d.potential === null) return missing('no_denominator');
      if (published.regularEnrolled.suppressed) return hiddenLike(published.regularEnrolled.reason);
      return { ...percent(publishRate(m.regular_enrolled, d.potential, rules)), denominator: d.potential };
    case 'family_uptake':
      if (!d.parentsCounted) return missing('not_applicable');
      if (d.families === null) return missing('no_denominator');
      if (published.familiesEnrolled.suppressed) return hiddenLike(published.familiesEnrolled.reason);
      return { ...percent(publishRate(m.families_active_enrolled, d.families, rules)), denominator: d.families };
    case 'families_reached':
      return d.parentsCounted ? published.families : missing('not_applicable');
    case 'potential_users':
      return d.potential === null ? missing('no_denominator') : { value: d.potential, suppressed: false };
    case 'accounts_opened':
      return d.accountsOpened === null ? missing('no_denominator') : { value: d.accountsOpened, suppressed: false };
    case 'accounts_activated':
      return d.accountsActivated === null ? missing('no_denominator') : published.accountsActivated;
    case 'activation_rate': {
      if (d.accountsOpened === null || d.accountsActivated === null) return missing('no_denominator');
      const rate = publishRate(d.accountsActivated, d.accountsOpened, rules);
      if (rate.suppressed) return rate;
      if (published.accountsActivated.suppressed) return hiddenLike(published.accountsActivated.reason);
      return { ...percent(rate), denominator: d.accountsOpened };
    }
    case 'service_mix':
    case 'device_mix':
      if (!share) return missing('not_applicable');
      if (hiddenVisitors) return hiddenVisitors;
      return share.visitsTotal === 0 ? missing('not_applicable') : { value: round((m.visits / share.visitsTotal) * 100), suppressed: false };
    case 'cost_per_active_user':
      if (d.budget === 'not_applicable') return missing('not_applicable');
      if (d.budget === null) return missing('no_denominator');
      if (hiddenBy(visitors)) return hiddenVisitors as IndicatorValue;
      return m.visitors === 0 ? missing('not_applicable') : { value: round(d.budget / m.visitors), suppressed: false, numerator: d.budget, denominator: m.visitors };
  }
}
