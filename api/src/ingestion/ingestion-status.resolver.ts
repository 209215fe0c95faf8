import { Query, Resolver } from '@nestjs/graphql';
import { Roles } from '../auth/access.decorators';
import { SourceIngestionStatusDto } from './dtos/ingestion-status.dto';
import { IngestionStatusService } from './ingestion-status.service';

@Resolver(() => SourceIngestionStatusDto)
export class IngestionStatusResolver {
  constructor(private readonly statusService: IngestionStatusService) {}

  @Query(() => [SourceIngestionStatusDto], {
    description: 'Per ingestion source: events stored, events refused by reason, and the time of the last event',
  })
  @Roles('admin')
  ingestionStatus(): Promise<SourceIngestionStatusDto[]> {
    return this.statusService.status();
  }
}
