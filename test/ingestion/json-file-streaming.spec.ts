import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { once } from 'node:events';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../support/product-process';

jest.setTimeout(300_000);

const run = promisify(execFile);
const HEAP_MB = 96;
const EVENTS = 400_003;

/** A JSON array of `count` contract-v1 events, about 330 bytes each, written without holding it in memory. */
async function writeLargeArray(file: string, count: number): Promise<void> {
  const out = fs.createWriteStream(file);
  out.write('[\n');
  for (let i = 0; i < count; i++) {
    const event = {
      event_id: `6f9619ff-8b86-4d11-b42d-${String(i).padStart(12, '0')}`,
      occurred_at: '2026-11-05T08:30:00+01:00',
      uai: '0700035H',
      profile: 'eleve',
      user_id: `user-${i % 5000}-${'x'.repeat(40)}`,
      family_id: `F${i % 3000}`,
      session_id: `s-${i}`,
      service: 'cahier_textes',
      service_label: 'Cahier de textes',
      action: 'access',
      device: 'smartphone',
    };
    if (!out.write(`${JSON.stringify(event)}${i < count - 1 ? ',' : ''}\n`)) await once(out, 'drain');
  }
  out.end(']\n');
  await once(out, 'finish');
}

describe('JSON event files', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ent-json-stream-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it(`reads a JSON array larger than the whole heap (${HEAP_MB} MB), one event at a time`, async () => {
    const file = path.join(dir, 'large.json');
    await writeLargeArray(file, EVENTS);
    // Reading the file whole (its text alone) would not fit in the heap: the process would die.
    expect(fs.statSync(file).size).toBeGreaterThan(HEAP_MB * 1.3 * 1048576);
    const { stdout } = await run(
      process.execPath,
      [`--max-old-space-size=${HEAP_MB}`, path.join(REPO_ROOT, 'scripts/run-ts.js'), 'test/ingestion/support/count-file-events.cli.ts', file],
      { cwd: REPO_ROOT, maxBuffer: 1024 * 1024 },
    );
    const result = JSON.parse(stdout.trim()) as { events: number; chunks: number; maxHeapMB: number };
    expect({ events: result.events, chunks: result.chunks }).toEqual({ events: EVENTS, chunks: 81 });
    expect(result.maxHeapMB).toBeLessThan(HEAP_MB);
  });
});
