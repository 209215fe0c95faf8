import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { TERRITORY_LEVELS, type TerritoryLevel } from '@ent/contracts';
import { ROLES, type Role } from '../roles';

@ObjectType('AccountTerritory')
@InputType('AccountTerritoryInput')
export class TerritoryRefDto {
  @Field(() => String, { description: `One of ${TERRITORY_LEVELS.join(', ')}` })
  @IsIn(TERRITORY_LEVELS)
  level!: TerritoryLevel;

  @Field(() => String)
  @IsString()
  @Length(1, 10)
  code!: string;
}

@ObjectType('User')
export class UserDto {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  email!: string;

  @Field(() => String)
  displayName!: string;

  @Field(() => String, { description: `One of ${ROLES.join(', ')}` })
  role!: Role;

  @Field(() => [TerritoryRefDto])
  territories!: TerritoryRefDto[];

  @Field(() => Boolean)
  mustChangePassword!: boolean;

  @Field(() => Boolean)
  disabled!: boolean;
}

@InputType('CreateUserInput')
export class CreateUserInput {
  @Field(() => String)
  @IsEmail()
  email!: string;

  @Field(() => String)
  @IsString()
  @Length(1, 200)
  displayName!: string;

  @Field(() => String)
  @IsIn(ROLES)
  role!: Role;

  @Field(() => [TerritoryRefDto])
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => TerritoryRefDto)
  territories!: TerritoryRefDto[];

  @Field(() => String, { nullable: true, description: 'Omit to get a one-time password (to be changed at first sign-in)' })
  @IsOptional()
  @IsString()
  @Length(12, 200)
  password?: string;
}

@ObjectType('CreateUserPayload')
export class CreateUserPayload {
  @Field(() => UserDto)
  user!: UserDto;

  @Field(() => String, { nullable: true, description: 'Shown once when no password was given' })
  oneTimePassword?: string;
}
