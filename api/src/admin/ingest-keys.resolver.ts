import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import { Roles } from '../auth/access.decorators';
import { ApiKeyError, ApiKeysService, type KeyReach } from '../ingestion/api-keys.service';
import { CreatedIngestKeyDto, IngestKeyDto, IngestKeyTerritoryDto } from './dtos/ingest-key.dto';

function badInput(err: unknown): never {
  if (err instanceof ApiKeyError) throw new GraphQLError(err.message, { extensions: { code: 'BAD_USER_INPUT' } });
  throw err;
}

/**
 * Exactly one of `territories` and `national: true`: a key's reach is always chosen, never
 * defaulted (an empty list is refused by the service, after the source name).
 */
function reachOf(territories: IngestKeyTerritoryDto[] | null | undefined, national: boolean | null | undefined): KeyReach {
  if (national && territories?.length) badInput(new ApiKeyError('give either territories or national: true, not both'));
  if (national) return 'national';
  return (territories ?? []).map(({ level, code }) => ({ level, code }));
}

/** Ingestion keys, one per ENT source, bound to the territories it serves: created by an administrator, shown once, revocable. */
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
  async createIngestKey(
    @Args('source') source: string,
    @Args('territories', { type: () => [IngestKeyTerritoryDto], nullable: true }) territories?: IngestKeyTerritoryDto[] | null,
    @Args('national', { type: () => Boolean, nullable: true }) national?: boolean | null,
  ): Promise<CreatedIngestKeyDto> {
    const created = await this.keys.create(source, reachOf(territories, national)).catch(badInput);
    const ingestKey = (await this.keys.list()).find((k) => k.id === created.id) as IngestKeyDto;
    return { ingestKey, key: created.key };
  }

  @Mutation(() => IngestKeyDto, { description: "Replaces the territories of a key (e.g. narrows a key of national reach); applies from the key's next request" })
  @Roles('admin')
  setIngestKeyTerritories(
    @Args('idOrPrefix') idOrPrefix: string,
    @Args('territories', { type: () => [IngestKeyTerritoryDto], nullable: true }) territories?: IngestKeyTerritoryDto[] | null,
    @Args('national', { type: () => Boolean, nullable: true }) national?: boolean | null,
  ): Promise<IngestKeyDto> {
    return this.keys.setReach(idOrPrefix, reachOf(territories, national)).catch(badInput);
  }

  @Mutation(() => IngestKeyDto)
  @Roles('admin')
  revokeIngestKey(@Args('idOrPrefix') idOrPrefix: string): Promise<IngestKeyDto> {
    return this.keys.revoke(idOrPrefix).catch(badInput);
  }
}
