import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('Deployment')
export class DeploymentDto {
  @Field(() => String)
  uai!: string;

  @Field(() => String, { description: 'planned, pilot, open or closed' })
  status!: string;

  @Field(() => String, { nullable: true, description: 'Opening date YYYY-MM-DD (planned date while planned)' })
  openedOn!: string | null;

  @Field(() => String, { nullable: true })
  wave!: string | null;
}
