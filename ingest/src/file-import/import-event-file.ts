import { gzipSync } from 'node:zlib';
import type { Rejection } from '../dead-letters/dead-letter-recorder';
import type { BodyItem } from '../parse/parse-body';
import { readEventFile, type FileChunk } from '../parse/read-event-file';
import type { IngestionPipeline, IngestResult } from '../pipeline/ingestion-pipeline';
import { BufferFullError } from '../writer/event-writer';

/** Where the events of a file go: the local pipeline, or the running product's API. */
export interface EventSink {
  send(items: BodyItem[]): Promise<IngestResult>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Straight into this process's pipeline (the CLI opened the stores itself). */
export function pipelineSink(pipeline: IngestionPipeline, source: string): EventSink {
  return {
    async send(items) {
      for (;;) {
        try {
          return await pipeline.ingest(items, source, 'file');
        } catch (err) {
          if (!(err instanceof BufferFullError)) throw err;
          await sleep(err.retryAfterSeconds * 1000);
        }
      }
    },
  };
}

export class ApiSinkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApiSinkError';
  }
}

/**
 * Through `POST /ingest/events` of a running product (gzipped NDJSON). 429/503 and network
 * failures are retried after Retry-After: a chunk is resent whole, and the product counts resent
 * events once.
 */
export function apiSink(baseUrl: string, key: string): EventSink {
  return {
    async send(items) {
      const body = gzipSync(items.map((i) => ('value' in i ? JSON.stringify(i.value) : (i.raw ?? '{'))).join('\n') + '\n');
      for (let attempt = 1; ; attempt++) {
        let res: Response;
        try {
          res = await fetch(`${baseUrl}/ingest/events`, {
            method: 'POST',
            headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson', 'content-encoding': 'gzip' },
            body,
          });
        } catch (err) {
          if (attempt >= 30) throw new ApiSinkError(`the product at ${baseUrl} does not answer: ${(err as Error).message}`);
          await sleep(1000);
          continue;
        }
        const answer = (await res.json().catch(() => undefined)) as (IngestResult & { error?: { reason: string; message: string } }) | undefined;
        if (res.status === 200 || res.status === 422) return answer as IngestResult;
        if (res.status === 429 || res.status === 503) {
          await sleep(Number(res.headers.get('retry-after') ?? 1) * 1000);
          continue;
        }
        throw new ApiSinkError(`the product answered ${res.status}: ${answer?.error?.message ?? 'no details'}`);
      }
    },
  };
}

export interface ImportProgress {
  events: number;
  bytesRead: number;
}

export interface ImportSummary {
  events: number;
  accepted: number;
  /** Accepted events that were already stored (a file imported again): counted once. */
  duplicates: number;
  rejected: number;
  rejectedByReason: Record<string, number>;
  /** The first refused events, with their line in the file. */
  firstRejections: (Omit<Rejection, 'index'> & { line: number })[];
  seconds: number;
}

/**
 * Reads a file chunk by chunk and sends the chunks, a few at a time (`inFlight`), each waiting for
 * its acknowledgement; the file is read no faster than the chunks are acknowledged.
 */
export async function importEventFile(
  file: string,
  sink: EventSink,
  options: { chunkSize: number; inFlight?: number; onProgress?: (p: ImportProgress) => void },
): Promise<ImportSummary> {
  const started = Date.now();
  const s: ImportSummary = { events: 0, accepted: 0, duplicates: 0, rejected: 0, rejectedByReason: {}, firstRejections: [], seconds: 0 };
  const running = new Set<Promise<void>>();
  let failure: unknown;
  const account = (chunk: FileChunk, r: IngestResult) => {
    s.events += chunk.items.length;
    s.accepted += r.accepted;
    s.duplicates += r.duplicates;
    s.rejected += r.rejected;
    for (const rej of r.rejections) {
      s.rejectedByReason[rej.reason] = (s.rejectedByReason[rej.reason] ?? 0) + 1;
      if (s.firstRejections.length < 20) {
        const { index, ...rest } = rej;
        s.firstRejections.push({ line: chunk.lines[index] ?? index + 1, ...rest });
      }
    }
    options.onProgress?.({ events: s.events, bytesRead: chunk.bytesRead });
  };
  try {
    for await (const chunk of readEventFile(file, options.chunkSize)) {
      if (failure) break;
      const p: Promise<void> = sink.send(chunk.items).then(
        (r) => account(chunk, r),
        (err: unknown) => {
          failure ??= err;
        },
      );
      running.add(p);
      void p.finally(() => running.delete(p));
      if (running.size >= (options.inFlight ?? 3)) await Promise.race(running);
    }
  } catch (err) {
    // A fault further in the file (broken JSON): the chunks read before it are sent and answered first.
    await Promise.all(running);
    throw err;
  }
  await Promise.all(running);
  if (failure) throw failure;
  s.firstRejections.sort((a, b) => a.line - b.line);
  s.seconds = (Date.now() - started) / 1000;
  return s;
}
