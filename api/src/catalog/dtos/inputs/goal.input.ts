import { Field, Float, InputType } from '@nestjs/graphql';
import { IsNumber, IsOptional, IsString, MaxLength } from 'class-validator';

/** Shape only; the domain rules (indicator, profile, dates, territories) are checked by GoalService. */
@InputType('GoalInput')
export class GoalInput {
  @Field(() => String)
  @IsString()
  @MaxLength(200)
  name!: string;

  @Field(() => String, { description: 'Indicator code (family_uptake, usage_rate, …)' })
  @IsString()
  indicator!: string;

  @Field(() => String, { nullable: true, description: 'Profile code when the indicator is per profile' })
  @IsOptional()
  @IsString()
  profile?: string;

  @Field(() => String, { description: 'national, region, academie, departement, commune or etablissement' })
  @IsString()
  scopeLevel!: string;

  @Field(() => [String], { description: 'Territory codes, or UAIs for etablissement; empty for national' })
  @IsString({ each: true })
  scopeCodes!: string[];

  @Field(() => String, { nullable: true, description: 'territory (default) or each_establishment' })
  @IsOptional()
  @IsString()
  aggregation?: string;

  @Field(() => Float)
  @IsNumber()
  target!: number;

  @Field(() => String, { description: 'YYYY-MM-DD' })
  @IsString()
  startOn!: string;

  @Field(() => String, { description: 'YYYY-MM-DD' })
  @IsString()
  deadline!: string;
}
