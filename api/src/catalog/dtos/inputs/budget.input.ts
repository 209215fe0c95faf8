import { Field, Float, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsNumber, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { SCHOOL_YEAR_PATTERN } from './enrolment-filter.input';
import { TerritoryRefInput } from './territory-ref.input';

@InputType('SetBudgetInput')
export class SetBudgetInput {
  @Field(() => String, { description: 'region, academie, departement, commune or etablissement' })
  @IsString()
  territoryLevel!: string;

  @Field(() => String)
  @IsString()
  territoryCode!: string;

  @Field(() => String)
  @Matches(SCHOOL_YEAR_PATTERN, { message: 'schoolYear must be a school year such as 2012-2013' })
  schoolYear!: string;

  @Field(() => String, { description: 'equipment, licences, training, support or other' })
  @IsString()
  label!: string;

  @Field(() => Float, { description: 'Euros' })
  @IsNumber()
  amount!: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  description?: string;
}

@InputType('BudgetFilterInput')
export class BudgetFilterInput {
  @Field(() => TerritoryRefInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => TerritoryRefInput)
  territory?: TerritoryRefInput;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(SCHOOL_YEAR_PATTERN, { message: 'schoolYear must be a school year such as 2012-2013' })
  schoolYear?: string;
}
