import { Query, Resolver } from '@nestjs/graphql';
import { Public } from '../auth/access.decorators';
import { ReadinessService } from '../health/readiness.service';
import { SystemStatusDto } from './dtos/system-status.dto';
import { PRODUCT_NAME, PRODUCT_VERSION } from '../product';

@Resolver(() => SystemStatusDto)
export class SystemResolver {
  constructor(private readonly readiness: ReadinessService) {}

  @Query(() => SystemStatusDto, { description: 'Product identity and the state of its stores (what /readyz says)' })
  @Public()
  async system(): Promise<SystemStatusDto> {
    const r = await this.readiness.check();
    return { product: PRODUCT_NAME, version: PRODUCT_VERSION, ready: r.ready, clickhouse: r.clickhouse, relational: r.relational };
  }
}
