import { Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { DEPLOYMENT_STATUSES } from '../../entities/deployment.entity';
import { EDUCATION_PRIORITAIRE, ESTABLISHMENT_TYPES, SECTORS } from '../../entities/establishment.entity';
import { TerritoryRefInput } from './territory-ref.input';

@InputType('EstablishmentFilterInput')
export class EstablishmentFilterInput {
  @Field(() => TerritoryRefInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => TerritoryRefInput)
  territory?: TerritoryRefInput;

  @Field(() => [String], { nullable: true, description: ESTABLISHMENT_TYPES.join(', ') })
  @IsOptional()
  @IsIn(ESTABLISHMENT_TYPES, { each: true })
  types?: string[];

  @Field(() => String, { nullable: true, description: 'public or prive' })
  @IsOptional()
  @IsIn(SECTORS)
  sector?: string;

  @Field(() => String, { nullable: true, description: 'REP or REP+' })
  @IsOptional()
  @IsIn(EDUCATION_PRIORITAIRE)
  educationPrioritaire?: string;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  rural?: boolean;

  @Field(() => String, { nullable: true, description: DEPLOYMENT_STATUSES.join(', ') })
  @IsOptional()
  @IsIn(DEPLOYMENT_STATUSES)
  deploymentStatus?: string;

  @Field(() => String, { nullable: true, description: 'Part of the name (case-insensitive)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}
