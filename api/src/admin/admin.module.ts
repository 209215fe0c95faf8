import { Module } from '@nestjs/common';
import { IngestKeysResolver } from './ingest-keys.resolver';

/** Administration through GraphQL: ingestion keys (accounts live in the auth module). */
@Module({ providers: [IngestKeysResolver] })
export class AdminModule {}
