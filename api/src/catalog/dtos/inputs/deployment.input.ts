import { Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { DEPLOYMENT_STATUSES } from '../../entities/deployment.entity';
import { TerritoryRefInput } from './territory-ref.input';

@InputType('SetDeploymentInput')
export class SetDeploymentInput {
  @Field(() => String)
  @IsString()
  uai!: string;

  @Field(() => String, { description: DEPLOYMENT_STATUSES.join(', ') })
  @IsIn(DEPLOYMENT_STATUSES)
  status!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; required unless planned' })
  @IsOptional()
  @IsString()
  openedOn?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  wave?: string;
}

@InputType('DeploymentFilterInput')
export class DeploymentFilterInput {
  @Field(() => TerritoryRefInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => TerritoryRefInput)
  territory?: TerritoryRefInput;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsIn(DEPLOYMENT_STATUSES)
  status?: string;
}
