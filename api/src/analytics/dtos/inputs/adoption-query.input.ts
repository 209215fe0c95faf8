import { Field, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { Allow, ArrayMaxSize, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import type { Dimension, Indicator, Profile } from '@ent/contracts';
import { DEVICES, SERVICES } from '@ent/contracts';
import type { Interval } from '../../periods/period-buckets.util';
import { AnalyticsLevelEnum, ComparisonEnum, DimensionEnum, IndicatorEnum, IntervalEnum, ProfileEnum, SortDirectionEnum } from '../analytics-enums';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

@InputType('AnalyticsTerritoryInput')
export class AnalyticsTerritoryInput {
  @Field(() => AnalyticsLevelEnum)
  @Allow()
  level!: keyof typeof AnalyticsLevelEnum;

  @Field(() => String, { description: 'INSEE code, 2-digit académie code, UAI, or FR for national' })
  @IsString()
  @Length(1, 8)
  code!: string;
}

@InputType('AdoptionOrderInput')
export class AdoptionOrderInput {
  @Field(() => IndicatorEnum)
  @Allow()
  indicator!: Indicator;

  @Field(() => SortDirectionEnum, { defaultValue: 'desc' })
  @Allow()
  direction!: 'asc' | 'desc';
}

@InputType('AdoptionQueryInput')
export class AdoptionQueryInput {
  @Field(() => AnalyticsTerritoryInput)
  @ValidateNested()
  @Type(() => AnalyticsTerritoryInput)
  territory!: AnalyticsTerritoryInput;

  @Field(() => String, { description: 'First day (YYYY-MM-DD, Europe/Paris), inclusive' })
  @Matches(ISO_DAY, { message: 'from must be a day YYYY-MM-DD' })
  from!: string;

  @Field(() => String, { description: 'Last day (YYYY-MM-DD, Europe/Paris), inclusive' })
  @Matches(ISO_DAY, { message: 'to must be a day YYYY-MM-DD' })
  to!: string;

  @Field(() => IntervalEnum, { defaultValue: 'none' })
  @Allow()
  interval!: Interval;

  @Field(() => [IndicatorEnum])
  @ArrayMaxSize(16)
  @Allow()
  indicators!: Indicator[];

  @Field(() => [DimensionEnum], { nullable: true, description: 'At most 2 dimensions' })
  @IsOptional()
  @ArrayMaxSize(2, { message: 'groupBy takes at most 2 dimensions' })
  @Allow()
  groupBy?: Dimension[];

  @Field(() => [ProfileEnum], { nullable: true })
  @IsOptional()
  @Allow()
  profiles?: Profile[];

  @Field(() => [String], { nullable: true, description: 'DNMA service codes' })
  @IsOptional()
  @IsIn(SERVICES, { each: true, message: 'services: each value must be a DNMA service code' })
  services?: string[];

  @Field(() => [String], { nullable: true, description: 'ordinateur, smartphone, tablette, autre' })
  @IsOptional()
  @IsIn(DEVICES, { each: true, message: 'devices: each value must be ordinateur, smartphone, tablette or autre' })
  devices?: string[];

  @Field(() => ComparisonEnum, { nullable: true })
  @IsOptional()
  @Allow()
  compareTo?: keyof typeof ComparisonEnum;

  @Field(() => Int, { nullable: true, description: 'Minimum distinct active weeks of a regular user (default 3 in a month, else half the weeks)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  regularMinWeeks?: number;

  @Field(() => AdoptionOrderInput, { nullable: true, description: 'Ranks the cells of each point' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AdoptionOrderInput)
  orderBy?: AdoptionOrderInput;

  @Field(() => Int, { nullable: true, description: 'Cells per point (at most 100)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  first?: number;

  @Field(() => String, { nullable: true, description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  after?: string;
}
