import * as fs from 'node:fs';
import * as readline from 'node:readline';
import { createGunzip } from 'node:zlib';
import { parse as parseCsv } from 'csv-parse';
import { jsonValues } from './json-values-stream';
import { jsonErrorWhere, type BodyItem } from './parse-body';

export type EventFileFormat = 'ndjson' | 'json' | 'csv';

export class EventFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventFileError';
  }
}

/** Format from the name: `.ndjson`/`.jsonl`, `.json`, `.csv`, each optionally followed by `.gz`. */
export function eventFileFormat(file: string): { format: EventFileFormat; gzip: boolean } {
  const gzip = /\.gz$/i.test(file);
  const base = file.replace(/\.gz$/i, '').toLowerCase();
  if (base.endsWith('.ndjson') || base.endsWith('.jsonl')) return { format: 'ndjson', gzip };
  if (base.endsWith('.json')) return { format: 'json', gzip };
  if (base.endsWith('.csv')) return { format: 'csv', gzip };
  throw new EventFileError(`${file}: unknown format (expected .ndjson, .jsonl, .json or .csv, optionally .gz)`);
}

export interface FileChunk {
  items: BodyItem[];
  /** Line (1-based) of each item in the file, for messages. */
  lines: number[];
  /** Bytes of the file read so far (compressed bytes for .gz), for the progress bar. */
  bytesRead: number;
}

/**
 * Reads an event file in chunks of `chunkSize` items, streaming every format so that files larger
 * than memory work: NDJSON line by line, a JSON array element by element (one event in memory at a
 * time, numbered 1, 2, … as the lines of NDJSON), CSV record by record. CSV: a header row with the
 * contract's field names; empty cells are absent fields. The file is read no faster than the
 * chunks are consumed.
 */
export async function* readEventFile(file: string, chunkSize: number): AsyncGenerator<FileChunk> {
  const { format, gzip } = eventFileFormat(file);
  const raw = fs.createReadStream(file);
  let bytesRead = 0;
  raw.on('data', (c) => (bytesRead += c.length));
  const input: NodeJS.ReadableStream = gzip ? raw.pipe(createGunzip()) : raw;
  let items: BodyItem[] = [];
  let lines: number[] = [];
  const flush = () => {
    const chunk = { items, lines, bytesRead };
    items = [];
    lines = [];
    return chunk;
  };
  try {
    if (format === 'json') {
      let count = 0;
      try {
        for await (const value of jsonValues(input)) {
          items.push({ value });
          lines.push(++count);
          if (items.length >= chunkSize) yield flush();
        }
      } catch (err) {
        if (!(err instanceof SyntaxError)) throw err;
        // The events before the fault are sent like the others: a corrected file sent again counts them once.
        if (items.length) yield flush();
        throw new EventFileError(
          count === 0 ? `${file} is not valid JSON (${err.message})` : `${file} is not valid JSON after its event ${count} (${err.message}); the ${count} events before were read`,
        );
      }
      if (items.length) yield flush();
      return;
    }
    if (format === 'ndjson') {
      let line = 0;
      for await (const text of readline.createInterface({ input, crlfDelay: Infinity })) {
        line++;
        if (text.trim() === '') continue;
        try {
          items.push({ value: JSON.parse(text) });
        } catch (err) {
          items.push({ error: `this line is not valid JSON (${jsonErrorWhere(err)})`, raw: text });
        }
        lines.push(line);
        if (items.length >= chunkSize) yield flush();
      }
    } else {
      const parser = input.pipe(parseCsv({ columns: true, bom: true, skip_empty_lines: true, relax_column_count: true, trim: true, info: true }));
      for await (const record of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
        const value: Record<string, string> = {};
        for (const [k, v] of Object.entries(record.record)) if (v !== '' && v !== undefined) value[k] = v;
        items.push({ value });
        lines.push(record.info.lines);
        if (items.length >= chunkSize) yield flush();
      }
    }
    if (items.length) yield flush();
  } catch (err) {
    if (err instanceof EventFileError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new EventFileError(`${file}: no such file`);
    if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR') throw new EventFileError(`${file} is not valid gzip`);
    if (typeof code === 'string' && code.startsWith('CSV_')) throw new EventFileError(`${file}: ${(err as Error).message}`);
    throw err;
  }
}
