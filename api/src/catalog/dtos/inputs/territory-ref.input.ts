import { TERRITORY_LEVELS } from '@ent/contracts';
import { Field, InputType } from '@nestjs/graphql';
import { IsIn, IsString, Length } from 'class-validator';

@InputType('TerritoryRefInput')
export class TerritoryRefInput {
  @Field(() => String, { description: 'region, academie, departement, commune or etablissement' })
  @IsIn(TERRITORY_LEVELS)
  level!: (typeof TERRITORY_LEVELS)[number];

  @Field(() => String, { description: 'INSEE code (département 70 or 070), 2-digit académie code, or UAI' })
  @IsString()
  @Length(1, 8)
  code!: string;
}
