import { Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsOptional, IsString, Matches, ValidateNested } from 'class-validator';
import { TerritoryRefInput } from './territory-ref.input';

export const SCHOOL_YEAR_PATTERN = /^\d{4}-\d{4}$/;

@InputType('EnrolmentFilterInput')
export class EnrolmentFilterInput {
  @Field(() => String, { description: 'School year, e.g. 2025-2026' })
  @Matches(SCHOOL_YEAR_PATTERN, { message: 'schoolYear must be a school year such as 2012-2013' })
  schoolYear!: string;

  @Field(() => TerritoryRefInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => TerritoryRefInput)
  territory?: TerritoryRefInput;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsString({ each: true })
  @ArrayMaxSize(1000)
  uais?: string[];
}
