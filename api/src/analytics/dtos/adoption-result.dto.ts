import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import type { Dimension, Indicator } from '@ent/contracts';
import { AnalyticsLevelEnum, DimensionEnum, IndicatorEnum, IntervalEnum } from './analytics-enums';
import type { Interval } from '../periods/period-buckets.util';
import { AnnotationDto } from '../../annotations/dtos/annotation.dto';

@ObjectType('PublishedValue', {
  description:
    'A published figure. value is null when suppressed (statistical secrecy: reason small_count, small_denominator or secondary) or missing (no_denominator: the catalog lacks the enrolment; not_applicable) — never a silent 0.',
})
export class PublishedValueDto {
  @Field(() => Float, { nullable: true })
  value!: number | null;

  @Field(() => Boolean)
  suppressed!: boolean;

  @Field(() => String, { nullable: true, description: 'small_count, small_denominator or secondary' })
  reason!: string | null;

  @Field(() => String, { nullable: true, description: 'no_denominator or not_applicable' })
  missing!: string | null;

  @Field(() => Float, { nullable: true, description: 'Denominator of a rate (public catalog figure)' })
  denominator!: number | null;
}

@ObjectType('IndicatorValue')
export class IndicatorValueDto extends PublishedValueDto {
  @Field(() => IndicatorEnum)
  indicator!: Indicator;

  @Field(() => PublishedValueDto, { nullable: true, description: 'Same cell in the comparison period' })
  comparison!: PublishedValueDto | null;

  @Field(() => Float, { nullable: true, description: 'value − comparison value (points for a rate)' })
  change!: number | null;
}

@ObjectType('DimensionValue')
export class DimensionValueDto {
  @Field(() => DimensionEnum)
  dimension!: Dimension;

  @Field(() => String)
  code!: string;

  @Field(() => String)
  label!: string;
}

@ObjectType('AdoptionCell')
export class AdoptionCellDto {
  @Field(() => [DimensionValueDto])
  dimensions!: DimensionValueDto[];

  @Field(() => Int, { nullable: true, description: 'Rank by orderBy (null when the value is not published)' })
  rank!: number | null;

  @Field(() => [IndicatorValueDto])
  values!: IndicatorValueDto[];
}

@ObjectType('AdoptionPoint')
export class AdoptionPointDto {
  @Field(() => String)
  start!: string;

  @Field(() => String)
  end!: string;

  @Field(() => AdoptionCellDto, { description: 'The whole territory (exact distinct counts, not a sum of cells)' })
  total!: AdoptionCellDto;

  @Field(() => [AdoptionCellDto])
  cells!: AdoptionCellDto[];

  @Field(() => Int)
  cellCount!: number;

  @Field(() => String, { nullable: true })
  nextCursor!: string | null;
}

@ObjectType('ComparisonPeriod')
export class ComparisonPeriodDto {
  @Field(() => String)
  from!: string;

  @Field(() => String)
  to!: string;

  @Field(() => String, { description: 'previous_period, school_weeks (aligned on the zone’s school calendar) or calendar_weeks' })
  method!: string;
}

@ObjectType('EquityGap')
export class EquityGapDto {
  @Field(() => String)
  start!: string;

  @Field(() => DimensionEnum)
  dimension!: Dimension;

  @Field(() => IndicatorEnum)
  indicator!: Indicator;

  @Field(() => Float, { description: 'Highest − lowest published value (points)' })
  gap!: number;

  @Field(() => String)
  highest!: string;

  @Field(() => String)
  lowest!: string;
}

@ObjectType('AnalyticsTerritory')
export class AnalyticsTerritoryDto {
  @Field(() => AnalyticsLevelEnum)
  level!: keyof typeof AnalyticsLevelEnum;

  @Field(() => String)
  code!: string;
}

@ObjectType('AdoptionResult')
export class AdoptionResultDto {
  @Field(() => AnalyticsTerritoryDto)
  territory!: AnalyticsTerritoryDto;

  @Field(() => String)
  from!: string;

  @Field(() => String)
  to!: string;

  @Field(() => IntervalEnum)
  interval!: Interval;

  @Field(() => [AdoptionPointDto])
  points!: AdoptionPointDto[];

  @Field(() => ComparisonPeriodDto, { nullable: true })
  comparison!: ComparisonPeriodDto | null;

  @Field(() => [EquityGapDto])
  equityGaps!: EquityGapDto[];

  @Field(() => [AnnotationDto], { description: 'Dated notes touching the period or the comparison period, so a chart shows why a curve breaks' })
  annotations!: AnnotationDto[];

  @Field(() => Date, {
    description:
      'When the figures were computed. Answers are kept while the events they count do not change; one covering today may lag the events received today by ANALYTICS_TODAY_LAG_SECONDS at most (0 by default: exact).',
  })
  asOf!: Date;

  @Field(() => Int, { description: 'Establishments of the territory in the caller’s scope' })
  establishments!: number;

  @Field(() => Int, { description: 'Of which with an enrolment for the school year (rates are computed over these only)' })
  establishmentsWithEnrolment!: number;
}
