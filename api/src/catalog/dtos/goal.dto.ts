import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('Goal')
export class GoalDto {
  @Field(() => Int)
  id!: number;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'Indicator code of @ent/contracts INDICATORS' })
  indicator!: string;

  @Field(() => String, { nullable: true })
  profile!: string | null;

  @Field(() => String, { description: 'national, region, academie, departement, commune or etablissement' })
  scopeLevel!: string;

  @Field(() => [String])
  scopeCodes!: string[];

  @Field(() => String, { description: 'territory (whole scope) or each_establishment' })
  aggregation!: string;

  @Field(() => Float, { description: "In the indicator's unit (percent 0-100 for rates); reached when the value is at least the target" })
  target!: number;

  @Field(() => String)
  startOn!: string;

  @Field(() => String)
  deadline!: string;
}
