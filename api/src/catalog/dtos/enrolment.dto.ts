import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('AccountCount')
export class AccountCountDto {
  @Field(() => String, { description: 'National profile code' })
  profile!: string;

  @Field(() => Int, { nullable: true })
  opened!: number | null;

  @Field(() => Int, { nullable: true, description: 'Null when not provided, or hidden by statistical secrecy (activatedSuppressed)' })
  activated!: number | null;

  @Field(() => Boolean, { description: 'Activated accounts hidden by statistical secrecy (the same decision as adoption.accounts_activated)' })
  activatedSuppressed!: boolean;

  @Field(() => String, { nullable: true, description: 'small_count or secondary when hidden' })
  activatedReason!: string | null;
}

@ObjectType('Enrolment')
export class EnrolmentDto {
  @Field(() => String)
  uai!: string;

  @Field(() => String)
  schoolYear!: string;

  @Field(() => Int)
  pupils!: number;

  @Field(() => Int, { nullable: true })
  families!: number | null;

  @Field(() => Int, { nullable: true })
  teachers!: number | null;

  @Field(() => Int, { nullable: true })
  staff!: number | null;

  @Field(() => [AccountCountDto], { description: 'ENT accounts per profile, for the profiles the ENT provided' })
  accounts!: AccountCountDto[];
}
