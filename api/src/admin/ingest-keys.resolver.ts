import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import { Roles } from '../auth/access.decorators';
import { ApiKeyError, ApiKeysService } from '../ingestion/api-keys.service';
import { CreatedIngestKeyDto, IngestKeyDto } from './dtos/ingest-key.dto';

function badInput(err: unknown): never {
  if (err instanceof ApiKeyError) throw new GraphQLError(err.message, { extensions: { code: 'BAD_USER_INPUT' } });
  throw err;
}

/** Ingestion keys, one per ENT source: created by an administrator, shown once, revocable. */
@Resolver(() => IngestKeyDto)
export class IngestKeysResolver {
  private readonly keys: ApiKeysService;

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.keys = new ApiKeysService(dataSource);
  }

  @Query(() => [IngestKeyDto])
  @Roles('admin')
  ingestKeys(): Promise<IngestKeyDto[]> {
    return this.keys.list();
  }

  @Mutation(() => CreatedIngestKeyDto)
  @Roles('admin')
  async createIngestKey(@Args('source') source: string): Promise<CreatedIngestKeyDto> {
    const created = await this.keys.create(source).catch(badInput);
    const ingestKey = (await this.keys.list()).find((k) => k.id === created.id) as IngestKeyDto;
    return { ingestKey, key: created.key };
  }

  @Mutation(() => IngestKeyDto)
  @Roles('admin')
  revokeIngestKey(@Args('idOrPrefix') idOrPrefix: string): Promise<IngestKeyDto> {
    return this.keys.revoke(idOrPrefix).catch(badInput);
  }
}
