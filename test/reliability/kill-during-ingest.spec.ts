import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort, startProduct, stopProduct, waitUntilReady, type ProductProcess } from '../support/product-process';
import { countStoredEvents, createKeyWithCli, eventRequests, send } from './support/reliability-helpers';

jest.setTimeout(300_000);

describe('ingestion across a crash and a shutdown', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ent-reliability-'));
  const webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'ent-noweb-'));
  const env = { DATA_DIR: dataDir, WEB_DIST: webDist, DEMO: '0', LOG_LEVEL: 'warn' };
  let product: ProductProcess | undefined;
  let key: string;

  beforeAll(async () => {
    key = await createKeyWithCli(env, 'reliability');
  });
  afterAll(async () => {
    if (product) await stopProduct(product);
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(webDist, { recursive: true, force: true });
  });

  it('holds each of 100,000 events exactly once after kill -9 mid-stream and a resend of what was not acknowledged', async () => {
    const requests = eventRequests(100_000, 1000);
    const acked = new Set<number>();
    product = startProduct(env, await freePort());
    await waitUntilReady(product);

    // Four clients stream; the process is killed (SIGKILL) once 30 requests are acknowledged.
    let next = 0;
    let killed = false;
    const first = product;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (!killed && next < requests.length) {
          const i = next++;
          if (await send(first.baseUrl, key, requests[i].body, requests[i].ids.length)) acked.add(i);
          if (acked.size >= 30 && !killed) {
            killed = true;
            first.child.kill('SIGKILL');
          }
        }
      }),
    );
    await first.exited;
    expect(acked.size).toBeGreaterThanOrEqual(30);
    expect(acked.size).toBeLessThan(100);

    product = startProduct(env, await freePort());
    await waitUntilReady(product);
    const second = product;
    const missing = requests.map((_, i) => i).filter((i) => !acked.has(i));
    let cursor = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (cursor < missing.length) {
          const i = missing[cursor++];
          expect(await send(second.baseUrl, key, requests[i].body, requests[i].ids.length)).toBe(true);
          acked.add(i);
        }
      }),
    );
    expect(acked.size).toBe(100);
    expect(await stopProduct(second)).toBe(0);
    product = undefined;

    expect(await countStoredEvents(env)).toEqual({ rows: 100_000, distinct: 100_000 });
  });

  it('writes every acknowledged event before exiting on SIGTERM, and counts resent ones once', async () => {
    const requests = eventRequests(20_000, 500);
    product = startProduct(env, await freePort());
    await waitUntilReady(product);
    const running = product;
    const acked = new Set<number>();
    let next = 0;
    let stopping: Promise<number | null> | undefined;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < requests.length) {
          const i = next++;
          if (await send(running.baseUrl, key, requests[i].body, requests[i].ids.length)) acked.add(i);
          if (i === 10) stopping = stopProduct(running);
        }
      }),
    );
    expect(await stopping).toBe(0);
    product = undefined;
    const stored = await countStoredEvents(env, true);
    const storedIds = new Set(stored.ids);
    const ackedIds = [...acked].flatMap((i) => requests[i].ids);
    expect(ackedIds.length).toBeGreaterThan(0);
    expect(ackedIds.filter((id) => !storedIds.has(id))).toEqual([]);
    expect(stored.rows).toBe(stored.distinct);

    // The senders resend everything; the restarted product stores each event once.
    product = startProduct(env, await freePort());
    await waitUntilReady(product);
    const again = product;
    for (const r of requests) expect(await send(again.baseUrl, key, r.body, r.ids.length)).toBe(true);
    expect(await stopProduct(again)).toBe(0);
    product = undefined;
    expect(await countStoredEvents(env)).toEqual({ rows: 120_000, distinct: 120_000 });
  });
});
