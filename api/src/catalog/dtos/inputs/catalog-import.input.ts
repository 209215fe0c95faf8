import { Field, InputType } from '@nestjs/graphql';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { CATALOG_IMPORT_KINDS } from '../../imports/import-kind';

@InputType('CatalogImportInput')
export class CatalogImportInput {
  @Field(() => String, { description: CATALOG_IMPORT_KINDS.join(', ') })
  @IsIn(CATALOG_IMPORT_KINDS)
  kind!: string;

  @Field(() => String, { description: 'The CSV file as text (UTF-8, semicolon-separated)' })
  @IsString()
  @MaxLength(50_000_000)
  content!: string;

  @Field(() => Boolean, { nullable: true, description: 'Classify every line without writing anything' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}
