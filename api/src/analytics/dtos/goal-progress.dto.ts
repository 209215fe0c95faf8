import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { GoalDto } from '../../catalog/dtos/goal.dto';

@ObjectType('GoalPoint')
export class GoalPointDto {
  @Field(() => String)
  month!: string;

  @Field(() => Float, { nullable: true, description: 'null when suppressed (statistical secrecy) or unknown' })
  value!: number | null;
}

@ObjectType('GoalMonthToDate')
export class GoalMonthToDateDto {
  @Field(() => String, { description: 'First day (the month’s, or the goal’s start)' })
  from!: string;

  @Field(() => String, { description: 'Today' })
  to!: string;

  @Field(() => Float, { nullable: true, description: 'null when suppressed (statistical secrecy) or unknown' })
  value!: number | null;
}

@ObjectType('GoalProjection')
export class GoalProjectionDto {
  @Field(() => Float, { nullable: true })
  current!: number | null;

  @Field(() => Float, { nullable: true, description: 'current / target' })
  progress!: number | null;

  @Field(() => Float, { nullable: true, description: 'The trend’s value at the deadline' })
  projected!: number | null;

  @Field(() => String, { description: 'achieved, on_track, at_risk, off_track or not_enough_data' })
  status!: string;

  @Field(() => String, { description: 'How the projection was made, in one printable sentence' })
  method!: string;
}

@ObjectType('EstablishmentGoalProgress')
export class EstablishmentGoalProgressDto extends GoalProjectionDto {
  @Field(() => String)
  uai!: string;

  @Field(() => String)
  name!: string;
}

@ObjectType('GoalStatusCount')
export class GoalStatusCountDto {
  @Field(() => String)
  status!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType('GoalProgress')
export class GoalProgressDto extends GoalProjectionDto {
  @Field(() => GoalDto)
  goal!: GoalDto;

  @Field(() => [GoalPointDto], { description: 'Complete months the current value and the projection are read on' })
  points!: GoalPointDto[];

  @Field(() => GoalMonthToDateDto, {
    nullable: true,
    description: 'The month not over yet, from its first day to today, apart from the complete months (null when `today` is not today or lies outside the goal)',
  })
  monthToDate!: GoalMonthToDateDto | null;

  @Field(() => [EstablishmentGoalProgressDto], { description: 'each_establishment goals: every establishment' })
  establishments!: EstablishmentGoalProgressDto[];

  @Field(() => [GoalStatusCountDto])
  statusCounts!: GoalStatusCountDto[];
}

@ObjectType('CohortPoint')
export class CohortPointDto {
  @Field(() => String)
  wave!: string;

  @Field(() => String)
  waveLabel!: string;

  @Field(() => Int)
  monthsSinceOpening!: number;

  @Field(() => Float, { nullable: true })
  value!: number | null;

  @Field(() => Boolean)
  suppressed!: boolean;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field(() => String, { nullable: true })
  missing!: string | null;
}
