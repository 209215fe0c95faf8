import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('Budget')
export class BudgetDto {
  @Field(() => Int)
  id!: number;

  @Field(() => String)
  territoryLevel!: string;

  @Field(() => String)
  territoryCode!: string;

  @Field(() => String)
  schoolYear!: string;

  @Field(() => String, { description: 'equipment, licences, training, support or other' })
  label!: string;

  @Field(() => Float, { description: 'Euros' })
  amount!: number;

  @Field(() => String, { nullable: true })
  description!: string | null;
}
