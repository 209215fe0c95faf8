import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { readEventFile, type FileChunk } from './read-event-file';

describe('readEventFile, JSON files', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ent-read-json-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, content: string | Buffer) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
  };
  const read = async (file: string, chunkSize: number) => {
    const chunks: Pick<FileChunk, 'items' | 'lines'>[] = [];
    for await (const { items, lines } of readEventFile(file, chunkSize)) chunks.push({ items, lines });
    return chunks;
  };
  const readUntilError = async (file: string, chunkSize: number) => {
    const chunks: Pick<FileChunk, 'items' | 'lines'>[] = [];
    try {
      for await (const { items, lines } of readEventFile(file, chunkSize)) chunks.push({ items, lines });
    } catch (err) {
      return { chunks, error: (err as Error).message };
    }
    return { chunks, error: undefined };
  };

  it('streams a top-level array element by element, numbering the events 1, 2, … as lines', async () => {
    const file = write('array.json', '\ufeff [\n {"a": "1"},\n {"b": ["x", {"c": null}]},\n 42\n]\n');
    expect(await read(file, 2)).toEqual([
      { items: [{ value: { a: '1' } }, { value: { b: ['x', { c: null }] } }], lines: [1, 2] },
      { items: [{ value: 42 }], lines: [3] },
    ]);
  });

  it('reads a single event object, a gzipped array, and an empty array', async () => {
    expect(await read(write('one.json', '{"event_id": "e1"}'), 10)).toEqual([{ items: [{ value: { event_id: 'e1' } }], lines: [1] }]);
    expect(await read(write('two.json.gz', gzipSync('[{"a":"1"},{"a":"2"}]')), 10)).toEqual([{ items: [{ value: { a: '1' } }, { value: { a: '2' } }], lines: [1, 2] }]);
    expect(await read(write('none.json', '[ ]'), 10)).toEqual([]);
  });

  it('gives the events before a syntax error, then says after which event the file breaks, without quoting it', async () => {
    const file = write('broken.json', '[{"a":"1"},{"a":"2"},{"a":"3"},{"user_id": RAW-SECRET}]');
    expect(await readUntilError(file, 2)).toEqual({
      chunks: [
        { items: [{ value: { a: '1' } }, { value: { a: '2' } }], lines: [1, 2] },
        { items: [{ value: { a: '3' } }], lines: [3] },
      ],
      error: `${file} is not valid JSON after its event 3 (expected a value); the 3 events before were read`,
    });
    expect(await readUntilError(write('empty.json', '  \n'), 2)).toEqual({ chunks: [], error: `${path.join(dir, 'empty.json')} is not valid JSON (it is empty)` });
    expect(await readUntilError(write('cut.json', '[{"a":"1"'), 2)).toEqual({ chunks: [], error: `${path.join(dir, 'cut.json')} is not valid JSON (expected ',')` });
  });
});
