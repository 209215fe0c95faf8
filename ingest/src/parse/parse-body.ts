import { gunzipSync } from 'node:zlib';

/** A request body or file could not be read at all (as opposed to one bad event in it). */
export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    readonly reason: 'malformed_body' | 'malformed_gzip' | 'body_too_large' | 'too_many_events' | 'unsupported_encoding',
    message: string,
  ) {
    super(message);
    this.name = 'BodyError';
  }
}

/** One item of a body: its parsed value, or why its line could not be parsed. */
/** `raw` keeps an unparseable line so that it can be forwarded to the API (which dead-letters it). */
export type BodyItem = { value: unknown } | { error: string; raw?: string };

/** Gunzips when the body says so (Content-Encoding or magic bytes), never beyond `maxBytes`. */
export function decodeBody(raw: Buffer, contentEncoding: string | undefined, maxBytes: number): Buffer {
  const encoding = (contentEncoding ?? '').trim().toLowerCase();
  if (encoding !== '' && encoding !== 'identity' && encoding !== 'gzip') {
    throw new BodyError(415, 'unsupported_encoding', `Content-Encoding ${encoding.slice(0, 20)} is not supported (use gzip or none)`);
  }
  const gzipped = encoding === 'gzip' || (raw.length > 2 && raw[0] === 0x1f && raw[1] === 0x8b);
  if (!gzipped) return raw;
  try {
    return gunzipSync(raw, { maxOutputLength: maxBytes });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
      throw new BodyError(413, 'body_too_large', `the decompressed body is larger than ${maxBytes} bytes`);
    }
    throw new BodyError(400, 'malformed_gzip', 'the body is not valid gzip');
  }
}

/**
 * Splits a body into items: a JSON array, a single JSON object, or NDJSON (one object per line).
 * A broken JSON array makes the whole body unreadable; a broken NDJSON line only rejects that line.
 */
export function parseEventsBody(body: Buffer, maxEvents: number): BodyItem[] {
  const text = body.toString('utf8');
  let start = 0;
  while (start < text.length && (text.charCodeAt(start) <= 32 || text.charCodeAt(start) === 0xfeff)) start++;
  if (start === text.length) throw new BodyError(400, 'malformed_body', 'the body is empty');
  if (text[start] === '[') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text.slice(start));
    } catch (err) {
      throw new BodyError(400, 'malformed_body', `the body is not valid JSON (${jsonErrorWhere(err)})`);
    }
    const items = parsed as unknown[];
    if (items.length > maxEvents) throw tooMany(items.length, maxEvents);
    return items.map((value) => ({ value }));
  }
  const lines = text.slice(start).split('\n');
  while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
  if (lines.length > maxEvents) throw tooMany(lines.length, maxEvents);
  return lines.map((line) => {
    try {
      return { value: JSON.parse(line) };
    } catch (err) {
      return { error: `this line is not valid JSON (${jsonErrorWhere(err)})` };
    }
  });
}

function tooMany(count: number, max: number): BodyError {
  return new BodyError(413, 'too_many_events', `the body holds ${count} events; the limit is ${max} per request`);
}

/**
 * Where JSON.parse failed, without its excerpt of the input: V8 quotes the text around the error,
 * which may hold a raw identifier that must not reach responses, logs or dead letters.
 */
export function jsonErrorWhere(err: unknown): string {
  const m = /position (\d+)/.exec((err as Error)?.message ?? '');
  return m ? `syntax error at character ${m[1]}` : 'syntax error';
}
