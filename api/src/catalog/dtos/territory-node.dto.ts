import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('TerritoryNode', { description: 'A node of the territory tree: national ⊃ région ⊃ académie ⊃ département ⊃ commune ⊃ establishment' })
export class TerritoryNodeDto {
  @Field(() => String, { description: 'national, region, academie, departement, commune or etablissement' })
  level!: string;

  @Field(() => String, { description: 'INSEE code, 2-digit académie code, or UAI' })
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true, description: 'School holiday zone (A, B, C) of an académie' })
  holidayZone!: string | null;

  @Field(() => [TerritoryNodeDto], { description: 'Children down to the requested depth (empty below it)' })
  children!: TerritoryNodeDto[];
}
