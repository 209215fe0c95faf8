import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('AuditEntry')
export class AuditEntryDto {
  @Field(() => ID)
  id!: string;

  @Field(() => Date)
  at!: Date;

  @Field(() => String, { nullable: true })
  userEmail!: string | null;

  @Field(() => String, { nullable: true })
  role!: string | null;

  @Field(() => String)
  action!: string;

  @Field(() => String, { description: 'The arguments of the request (secrets redacted); never its result' })
  request!: string;

  @Field(() => String)
  outcome!: string;

  @Field(() => String, { description: 'Cursor of this entry, for `after`' })
  cursor!: string;
}
