import { Inject, Injectable } from '@nestjs/common';
import { ClickHouseStore } from '@ent/clickhouse';
import { DEAD_LETTER_COUNT_SQL } from '@ent/ingest';
import type { RejectionCountDto, SourceIngestionStatusDto } from './dtos/ingestion-status.dto';
import { IngestionRuntime } from './ingestion-runtime';

/** Per source: events stored, refused by reason (each refused event once), and the time of the last one. */
@Injectable()
export class IngestionStatusService {
  constructor(
    @Inject(ClickHouseStore) private readonly clickhouse: ClickHouseStore,
    @Inject(IngestionRuntime) private readonly runtime: IngestionRuntime,
  ) {}

  async status(): Promise<SourceIngestionStatusDto[]> {
    const [accepted, rejected, keys] = await Promise.all([
      this.clickhouse.query<{ source: string; accepted: number; last_received_at: string; last_occurred_at: string }>(
        `SELECT source, count() AS accepted, max(received_at) AS last_received_at, max(occurred_at) AS last_occurred_at
         FROM events GROUP BY source`,
        { operation: 'ingestion status: accepted events' },
      ),
      this.clickhouse.query<{ source: string; reason: string; count: number; last: string }>(
        // An event refused several times (resent) counts once per reason.
        `SELECT source, reason, ${DEAD_LETTER_COUNT_SQL} AS count, max(rejected_at) AS last
         FROM ingest_rejections GROUP BY source, reason ORDER BY source, reason`,
        { operation: 'ingestion status: rejected events' },
      ),
      this.runtime.apiKeys.list(),
    ]);
    const bySource = new Map<string, SourceIngestionStatusDto>();
    const entry = (source: string) => {
      let s = bySource.get(source);
      if (!s) {
        s = { source, accepted: 0, rejected: 0, rejectedByReason: [], lastReceivedAt: null, lastOccurredAt: null, activeKeys: 0 };
        bySource.set(source, s);
      }
      return s;
    };
    for (const k of keys) {
      const s = entry(k.source);
      if (!k.revokedAt) s.activeKeys++;
    }
    for (const a of accepted) {
      const s = entry(a.source);
      s.accepted = Number(a.accepted);
      s.lastReceivedAt = isoUtc(a.last_received_at);
      s.lastOccurredAt = isoUtc(a.last_occurred_at);
    }
    for (const r of rejected) {
      const s = entry(r.source);
      const c: RejectionCountDto = { reason: r.reason, count: Number(r.count), lastRejectedAt: isoUtc(r.last) };
      s.rejectedByReason.push(c);
      s.rejected += c.count;
    }
    return [...bySource.values()].sort((a, b) => a.source.localeCompare(b.source));
  }
}

/** ClickHouse answers `2026-01-05T08:30:00.123Z` (ISO output format) or without the zone. */
function isoUtc(value: string): string {
  return new Date(/[zZ]$|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`).toISOString();
}
