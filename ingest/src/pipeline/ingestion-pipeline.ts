import { toClickHouseTime, type EventRow } from '../contract/event-contract';
import { retentionStartMs, validateEvent, type UaiDirectory } from '../contract/validate-event';
import type { DeadLetter, DeadLetterRecorder, IngestChannel, Rejection } from '../dead-letters/dead-letter-recorder';
import type { BodyItem } from '../parse/parse-body';
import type { Pseudonymiser } from '../pseudonymise/pseudonymiser';
import type { EventWriter } from '../writer/event-writer';
import { keyScopeProblem, type KeyScope } from './key-scope';

export interface IngestResult {
  /** Valid events, now committed in ClickHouse (including resent ones already there). */
  accepted: number;
  /** Among the accepted ones, events that were already stored (a resend): counted once. */
  duplicates: number;
  rejected: number;
  rejections: Rejection[];
}

export interface PreparedBatch {
  rows: EventRow[];
  deadLetters: DeadLetter[];
}

export interface PrepareOptions {
  /** Added to each item's position in the rejections (a chunk of a larger request or file). */
  indexOffset?: number;
  /** The territories of the sender's API key: events of other establishments are refused. None: national reach. */
  keyScope?: KeyScope;
}

export interface IngestionPipelineDeps {
  writer: EventWriter;
  deadLetters: DeadLetterRecorder;
  pseudonymiser: Pseudonymiser;
  retentionMonths: number;
  uaiDirectory?: UaiDirectory;
  now?: () => number;
}

/**
 * validate → key's territories → pseudonymise → write (ack after commit), with refused events
 * dead-lettered. Every way in (HTTP, xAPI, files, demo) goes through here.
 */
export class IngestionPipeline {
  constructor(private readonly deps: IngestionPipelineDeps) {}

  get writer(): EventWriter {
    return this.deps.writer;
  }

  /**
   * Validates and pseudonymises; raw identifiers do not survive this function. The establishment
   * directory is refreshed first if the batch names UAIs it does not know yet.
   */
  async prepare(items: readonly BodyItem[], source: string, options: PrepareOptions = {}): Promise<PreparedBatch> {
    const directory = this.deps.uaiDirectory;
    if (directory?.refreshIfUnknown) {
      const uais = new Set<string>();
      for (const item of items) {
        const uai = 'value' in item ? (item.value as { uai?: unknown } | null)?.uai : undefined;
        if (typeof uai === 'string') uais.add(uai.trim().toUpperCase());
      }
      await directory.refreshIfUnknown(uais);
    }
    return this.prepareNow(items, source, options.indexOffset ?? 0, options.keyScope);
  }

  private prepareNow(items: readonly BodyItem[], source: string, indexOffset: number, keyScope: KeyScope | undefined): PreparedBatch {
    const nowMs = (this.deps.now ?? Date.now)();
    const receivedAt = toClickHouseTime(nowMs);
    const ctx = {
      nowMs,
      retentionMonths: this.deps.retentionMonths,
      uaiDirectory: this.deps.uaiDirectory,
      oldestMs: retentionStartMs(nowMs, this.deps.retentionMonths),
    };
    const p = this.deps.pseudonymiser;
    const rows: EventRow[] = [];
    const deadLetters: DeadLetter[] = [];
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if ('error' in item) {
        deadLetters.push({ rejection: { index: i + indexOffset, field: '', reason: 'malformed_json', message: item.error }, item: undefined });
        continue;
      }
      const r = validateEvent(item.value, ctx);
      if (!r.ok) {
        deadLetters.push({ rejection: { index: i + indexOffset, ...r.problem }, item: item.value });
        continue;
      }
      const e = r.event;
      const outside = keyScopeProblem(e.uai, keyScope);
      if (outside) {
        deadLetters.push({ rejection: { index: i + indexOffset, ...outside }, item: item.value });
        continue;
      }
      rows.push({
        event_id: e.eventId,
        occurred_at: toClickHouseTime(e.occurredAtMs),
        received_at: receivedAt,
        source,
        uai: e.uai,
        profile: e.profile,
        user_key: p.keyOf(e.userId),
        family_key: p.optionalKeyOf(e.familyId),
        session_key: p.optionalKeyOf(e.sessionId),
        service: e.service,
        service_label: e.serviceLabel,
        action: e.action,
        device: e.device ?? 'inconnu',
      });
    }
    return { rows, deadLetters };
  }

  recordRejections(source: string, channel: IngestChannel, deadLetters: readonly DeadLetter[]): Promise<void> {
    return this.deps.deadLetters.record(source, channel, deadLetters);
  }

  /** Resolves once every valid event is committed in ClickHouse (or rejects: nothing acknowledged). */
  async ingest(items: readonly BodyItem[], source: string, channel: IngestChannel, options: PrepareOptions = {}): Promise<IngestResult> {
    const { rows, deadLetters } = await this.prepare(items, source, options);
    // Refused before anything is recorded, so that the sender's retry does not dead-letter twice.
    this.deps.writer.assertCanAccept(rows.length);
    // Files and the demo may be loaded again any day: their events are looked up in ClickHouse.
    const lookupStored = channel === 'file' || channel === 'demo';
    const [outcome] = await Promise.all([this.deps.writer.submit(rows, { lookupStored }), this.recordRejections(source, channel, deadLetters)]);
    return {
      accepted: rows.length,
      duplicates: outcome.duplicates,
      rejected: deadLetters.length,
      rejections: deadLetters.map((d) => d.rejection),
    };
  }
}
