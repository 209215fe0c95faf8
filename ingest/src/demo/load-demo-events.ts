import type { IngestionPipeline } from '../pipeline/ingestion-pipeline';
import { BufferFullError } from '../writer/event-writer';
import { generateDemoEvents, type DemoEventOptions } from './demo-events.generator';

export interface DemoLoadResult {
  events: number;
  accepted: number;
  /** Already stored (the demo was loaded before): counted once. */
  duplicates: number;
  rejected: number;
  rejectedByReason: Record<string, number>;
}

export interface LoadDemoOptions extends DemoEventOptions {
  /** Source name of the demo events. Default `demo`. */
  source?: string;
  /** Events per pipeline call. Default 5000. */
  chunkSize?: number;
  onProgress?: (events: number) => void;
}

/**
 * Sends the generated demo usage through the ingestion pipeline (validation, pseudonymisation,
 * writer), so the demo exercises the same path as real senders. Deterministic: the same seed,
 * scale and day produce the same event ids, so loading twice stores nothing twice. With the
 * catalog loaded, every demo UAI must be in it (otherwise the events are refused as unknown_uai).
 * Every enrolled person is simulated (scale 1, about 510,000 events over the last 13 months), so
 * usage rates against the catalog's enrolments are the ones the demo's stories tell.
 */
export async function loadDemoEvents(pipeline: IngestionPipeline, options: LoadDemoOptions = {}): Promise<DemoLoadResult> {
  const source = options.source ?? 'demo';
  const chunkSize = options.chunkSize ?? 5000;
  const result: DemoLoadResult = { events: 0, accepted: 0, duplicates: 0, rejected: 0, rejectedByReason: {} };
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  const send = async (chunk: { value: unknown }[]) => {
    for (;;) {
      try {
        const r = await pipeline.ingest(chunk, source, 'demo');
        result.accepted += r.accepted;
        result.duplicates += r.duplicates;
        result.rejected += r.rejected;
        for (const rej of r.rejections) result.rejectedByReason[rej.reason] = (result.rejectedByReason[rej.reason] ?? 0) + 1;
        return;
      } catch (err) {
        if (!(err instanceof BufferFullError)) throw err;
        await new Promise((r) => setTimeout(r, err.retryAfterSeconds * 1000));
      }
    }
  };
  let chunk: { value: unknown }[] = [];
  const dispatch = async () => {
    const p = send(chunk).catch((err: unknown) => {
      failure ??= err;
    });
    chunk = [];
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
    if (inFlight.size >= 3) await Promise.race(inFlight);
  };
  for (const event of generateDemoEvents(options)) {
    if (failure) break;
    chunk.push({ value: event });
    result.events++;
    if (chunk.length >= chunkSize) {
      await dispatch();
      options.onProgress?.(result.events);
    }
  }
  if (chunk.length && !failure) await dispatch();
  await Promise.all(inFlight);
  if (failure) throw failure;
  return result;
}
