import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('CatalogImportSummary')
export class CatalogImportSummaryDto {
  @Field(() => Int)
  created!: number;

  @Field(() => Int)
  updated!: number;

  @Field(() => Int)
  unchanged!: number;

  @Field(() => Int, { description: 'Lines refused (a line with several problems counts once)' })
  rejected!: number;
}

@ObjectType('CatalogImportRejection')
export class CatalogImportRejectionDto {
  @Field(() => Int)
  line!: number;

  @Field(() => String, { description: 'Column header as written in the file' })
  column!: string;

  @Field(() => String)
  reason!: string;
}

@ObjectType('CatalogImportReport')
export class CatalogImportReportDto {
  @Field(() => String)
  kind!: string;

  @Field(() => Boolean)
  dryRun!: boolean;

  @Field(() => CatalogImportSummaryDto)
  summary!: CatalogImportSummaryDto;

  @Field(() => [CatalogImportRejectionDto])
  rejections!: CatalogImportRejectionDto[];
}
