import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('Annotation', { description: 'A dated note on a territory or an establishment, shown with the series it touches' })
export class AnnotationDto {
  @Field(() => Int)
  id!: number;

  @Field(() => String, { description: 'national, region, academie, departement, commune or etablissement' })
  territoryLevel!: string;

  @Field(() => String, { description: 'INSEE code (département 70), 2-digit académie code, UAI, or FR for national' })
  territoryCode!: string;

  @Field(() => String, { description: 'YYYY-MM-DD, inclusive' })
  startsOn!: string;

  @Field(() => String, { description: 'YYYY-MM-DD, inclusive' })
  endsOn!: string;

  @Field(() => String, { description: 'ent_change, interruption, data_error or note' })
  kind!: string;

  @Field(() => String)
  text!: string;

  @Field(() => ID, { nullable: true, description: 'The account that wrote it; null for imported notes' })
  createdBy!: string | null;

  @Field(() => Date)
  createdAt!: Date;
}
