import { Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { TerritoryRefInput } from '../../../catalog/dtos/inputs/territory-ref.input';
import { ANNOTATION_KINDS, ANNOTATION_TERRITORY_LEVELS } from '../../entities/annotation.entity';

/** The shape of a date; whether it exists on the calendar is checked by AnnotationService. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Shape only; the domain rules (calendar dates, order of the dates, known territory, scope) are checked by AnnotationService. */
@InputType('AnnotationInput')
export class AnnotationInput {
  @Field(() => String, { description: 'national, region, academie, departement, commune or etablissement' })
  @IsIn(ANNOTATION_TERRITORY_LEVELS, { message: `territoryLevel must be one of ${ANNOTATION_TERRITORY_LEVELS.join(', ')}` })
  territoryLevel!: string;

  @Field(() => String, { description: 'INSEE code (département 70 or 070), 2-digit académie code, UAI, or FR for national' })
  @IsString({ message: 'territoryCode must be a text' })
  @Length(1, 8, { message: 'territoryCode must be 1 to 8 characters long' })
  territoryCode!: string;

  @Field(() => String, { description: 'YYYY-MM-DD, inclusive' })
  @Matches(ISO_DATE, { message: 'startsOn must be a date YYYY-MM-DD' })
  startsOn!: string;

  @Field(() => String, { description: 'YYYY-MM-DD, inclusive; the same day as startsOn or later' })
  @Matches(ISO_DATE, { message: 'endsOn must be a date YYYY-MM-DD' })
  endsOn!: string;

  @Field(() => String, { description: 'ent_change (ENT migration or new version), interruption (outage, lockdown, strike), data_error (known data problem) or note' })
  @IsIn(ANNOTATION_KINDS, { message: `kind must be one of ${ANNOTATION_KINDS.join(', ')}` })
  kind!: string;

  @Field(() => String, { description: '1 to 500 characters' })
  @IsString({ message: 'text must be a text' })
  @Length(1, 500, { message: 'text must be 1 to 500 characters long' })
  text!: string;
}

@InputType('AnnotationFilterInput')
export class AnnotationFilterInput {
  @Field(() => TerritoryRefInput, { nullable: true, description: 'Only the notes that apply to it: on it, on a territory containing it, or inside it' })
  @IsOptional()
  @ValidateNested()
  @Type(() => TerritoryRefInput)
  territory?: TerritoryRefInput;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD: only notes ending on or after this day' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'from must be a date YYYY-MM-DD' })
  from?: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD: only notes starting on or before this day' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'to must be a date YYYY-MM-DD' })
  to?: string;
}
