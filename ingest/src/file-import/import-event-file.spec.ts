import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BodyItem } from '../parse/parse-body';
import { importEventFile, type EventSink } from './import-event-file';

describe('importEventFile', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ent-import-file-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('sends, and waits for the answers to, the events before a JSON syntax error, then reports the error', async () => {
    const file = path.join(dir, 'broken.json');
    fs.writeFileSync(file, '[{"a":"1"},{"a":"2"},{"a":"3"},{"a": oops}]');
    const answered: unknown[][] = [];
    const sink: EventSink = {
      async send(items: BodyItem[]) {
        await new Promise((r) => setTimeout(r, 50));
        answered.push(items.map((i) => ('value' in i ? i.value : undefined)));
        return { accepted: items.length, duplicates: 0, rejected: 0, rejections: [] };
      },
    };
    await expect(importEventFile(file, sink, { chunkSize: 2 })).rejects.toThrow(
      `${file} is not valid JSON after its event 3 (expected a value); the 3 events before were read`,
    );
    expect(answered).toEqual([[{ a: '1' }, { a: '2' }], [{ a: '3' }]]);
  });
});
