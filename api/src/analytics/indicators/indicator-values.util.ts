import type { Indicator } from '@ent/contracts';
import { publishCount, publishRate, type Published, type SecrecyRules, type SuppressionReason } from '../secrecy/statistical-secrecy';
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
 * Every indicator of DOMAIN.md from a cell's measures, its catalog figures and the visitors count
 * as published after secondary suppression (`visitors`: a figure derived from a hidden count —
 * visits, intensity, a rate — is hidden with it, for the same reason).
 */
export function indicatorValue(
  indicator: Indicator,
  m: Measures,
  d: Denominators,
  visitors: Published,
  published: { regular: Published; families: Published },
  share: { visitsTotal: number } | undefined,
  rules: SecrecyRules,
): ValueOrMissing {
  const hiddenVisitors = visitors.suppressed ? hiddenLike(visitors.reason) : undefined;
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
      if (hiddenVisitors) return hiddenVisitors;
      return { ...percent(publishRate(m.visitors_enrolled, d.potential, rules)), denominator: d.potential };
    case 'regular_use_rate':
      if (!d.oneProfile || !d.regularApplies) return missing('not_applicable');
      if (d.potential === null) return missing('no_denominator');
      if (published.regular.suppressed) return hiddenLike(published.regular.reason);
      return { ...percent(publishRate(m.regular_enrolled, d.potential, rules)), denominator: d.potential };
    case 'family_uptake':
      if (!d.parentsCounted) return missing('not_applicable');
      if (d.families === null) return missing('no_denominator');
      if (published.families.suppressed) return hiddenLike(published.families.reason);
      return { ...percent(publishRate(m.families_active_enrolled, d.families, rules)), denominator: d.families };
    case 'potential_users':
      return d.potential === null ? missing('no_denominator') : { value: d.potential, suppressed: false };
    case 'accounts_opened':
      return d.accountsOpened === null ? missing('no_denominator') : { value: d.accountsOpened, suppressed: false };
    case 'accounts_activated':
      return d.accountsActivated === null ? missing('no_denominator') : publishCount(d.accountsActivated, rules);
    case 'activation_rate':
      if (d.accountsOpened === null || d.accountsActivated === null) return missing('no_denominator');
      return { ...percent(publishRate(d.accountsActivated, d.accountsOpened, rules)), denominator: d.accountsOpened };
    case 'service_mix':
    case 'device_mix':
      if (!share) return missing('not_applicable');
      if (hiddenVisitors) return hiddenVisitors;
      return share.visitsTotal === 0 ? missing('not_applicable') : { value: round((m.visits / share.visitsTotal) * 100), suppressed: false };
    case 'cost_per_active_user':
      if (d.budget === 'not_applicable') return missing('not_applicable');
      if (d.budget === null) return missing('no_denominator');
      if (hiddenVisitors) return hiddenVisitors;
      return m.visitors === 0 ? missing('not_applicable') : { value: round(d.budget / m.visitors), suppressed: false, numerator: d.budget, denominator: m.visitors };
  }
}
