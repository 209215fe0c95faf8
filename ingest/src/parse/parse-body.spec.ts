import { gzipSync } from 'node:zlib';
import { BodyError, decodeBody, parseEventsBody } from './parse-body';

describe('parsing request bodies', () => {
  it('reads a JSON array, a single object and NDJSON with a broken line', () => {
    expect(parseEventsBody(Buffer.from(' [{"a":1},{"b":2}]'), 10)).toEqual([{ value: { a: 1 } }, { value: { b: 2 } }]);
    expect(parseEventsBody(Buffer.from('{"a":1}'), 10)).toEqual([{ value: { a: 1 } }]);
    expect(parseEventsBody(Buffer.from('{"a":1}\n{"user_id":"secret" oops}\n\n'), 10)).toEqual([
      { value: { a: 1 } },
      { error: 'this line is not valid JSON (syntax error at character 20)' },
    ]);
  });

  it('refuses too many events and a broken array as a whole', () => {
    expect(() => parseEventsBody(Buffer.from('{}\n{}\n{}'), 2)).toThrow(new BodyError(413, 'too_many_events', 'the body holds 3 events; the limit is 2 per request'));
    expect(() => parseEventsBody(Buffer.from('[{"user_id":"secret"'), 2)).toThrow(/^the body is not valid JSON \(syntax error/);
  });

  it('gunzips within the size limit', () => {
    const body = gzipSync('{"a":1}');
    expect(decodeBody(body, 'gzip', 100).toString()).toBe('{"a":1}');
    expect(decodeBody(body, undefined, 100).toString()).toBe('{"a":1}');
    expect(() => decodeBody(gzipSync(Buffer.alloc(1000)), 'gzip', 100)).toThrow(/larger than 100 bytes/);
  });
});
