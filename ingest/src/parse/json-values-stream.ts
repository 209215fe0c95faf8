import { pipeline, Readable } from 'node:stream';
import streamArray from 'stream-json/streamers/stream-array.js';
import streamValues from 'stream-json/streamers/stream-values.js';

const BOM = [0xef, 0xbb, 0xbf];
const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
// Whole keys, strings and numbers only (no chunk tokens): events are small, and this is several times faster.
const PARSER_OPTIONS = { packValues: true, streamValues: false } as const;

/**
 * The values of a JSON document read from a byte stream, one at a time: the elements of a
 * top-level array (never the whole array in memory), or else the top-level value(s) themselves
 * (a single event object). Syntax errors are thrown as `SyntaxError` with the parser's message,
 * which never quotes the input (it may hold raw identifiers).
 */
export async function* jsonValues(input: AsyncIterable<Buffer | string>): AsyncGenerator<unknown> {
  const source = input[Symbol.asyncIterator]();
  // Look at the first significant byte to choose between an array and other values.
  let head = Buffer.alloc(0);
  let first = -1;
  for (let next = await source.next(); !next.done; next = await source.next()) {
    head = Buffer.concat([head, Buffer.from(next.value)]);
    if (head.length < BOM.length) continue;
    if (BOM.every((b, i) => head[i] === b)) head = head.subarray(BOM.length);
    first = head.findIndex((b) => !WHITESPACE.has(b));
    if (first >= 0) break;
  }
  if (first < 0) first = head.findIndex((b) => !WHITESPACE.has(b)); // a document of 1 or 2 bytes
  if (first < 0) throw new SyntaxError('it is empty');
  const rest = Readable.from(
    (async function* () {
      yield head;
      for (let next = await source.next(); !next.done; next = await source.next()) yield Buffer.from(next.value);
    })(),
    { objectMode: false },
  );
  const array = head[first] === 0x5b; // '['
  const parsed = pipeline(rest, array ? streamArray.withParserAsStream(PARSER_OPTIONS) : streamValues.withParserAsStream(PARSER_OPTIONS), () => undefined);
  try {
    for await (const item of parsed as AsyncIterable<{ value: unknown }>) yield item.value;
  } catch (err) {
    const message = (err as Error)?.message ?? '';
    if (/^Parser |^Top-level /.test(message)) throw new SyntaxError(message.replace(/^Parser (cannot parse input: )?/, ''));
    throw err;
  } finally {
    rest.destroy();
  }
}
