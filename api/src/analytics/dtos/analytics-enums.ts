import { DIMENSIONS, INDICATORS, PROFILES, type Dimension, type Indicator, type Profile } from '@ent/contracts';
import { registerEnumType } from '@nestjs/graphql';
import { INTERVALS, type Interval } from '../periods/period-buckets.util';

const enumOf = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as Record<T, T>;

/** GraphQL enums use the codes of @ent/contracts as they are, so the API, dashboards and exports share them. */
export const IndicatorEnum = enumOf<Indicator>(INDICATORS);
export const DimensionEnum = enumOf<Dimension>(DIMENSIONS);
export const IntervalEnum = enumOf<Interval>(INTERVALS);
export const ProfileEnum = enumOf<Profile>(PROFILES);
export const ComparisonEnum = enumOf(['previous_period', 'same_school_period_last_year'] as const);
export const SortDirectionEnum = enumOf(['asc', 'desc'] as const);
export const AnalyticsLevelEnum = enumOf(['national', 'region', 'academie', 'departement', 'commune', 'etablissement'] as const);

registerEnumType(IndicatorEnum, { name: 'Indicator', description: 'Indicators of DOMAIN.md (see docs/analytics.md)' });
registerEnumType(DimensionEnum, { name: 'Dimension' });
registerEnumType(IntervalEnum, { name: 'Interval', description: 'none = one value for the whole period' });
registerEnumType(ProfileEnum, { name: 'Profile', description: 'National profile codes' });
registerEnumType(ComparisonEnum, { name: 'Comparison' });
registerEnumType(SortDirectionEnum, { name: 'SortDirection' });
registerEnumType(AnalyticsLevelEnum, { name: 'AnalyticsLevel', description: 'A territory level, or national (code FR)' });
