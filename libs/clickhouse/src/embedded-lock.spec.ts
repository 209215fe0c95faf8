import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { acquireEmbeddedLock, EmbeddedStoreBusyError, LOCK_FILE_NAME, readEmbeddedLock } from './embedded-lock';

describe('embedded data directory lock', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ent-lock-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('records the holder with its port, and releases it', () => {
    const lock = acquireEmbeddedLock(dir, { port: 3000, command: 'api' });
    expect(readEmbeddedLock(dir)).toMatchObject({ pid: process.pid, port: 3000, command: 'api' });
    lock.release();
    expect(fs.existsSync(path.join(dir, LOCK_FILE_NAME))).toBe(false);
  });

  it('refuses the directory while another live process holds it', () => {
    // The parent of this process is alive for the whole test.
    fs.writeFileSync(path.join(dir, LOCK_FILE_NAME), JSON.stringify({ pid: process.ppid, startedAt: 'x', command: 'api' }));
    expect(() => acquireEmbeddedLock(dir, { command: 'ingest' })).toThrow(EmbeddedStoreBusyError);
  });

  it('takes over a lock left by a process that is gone (kill -9)', () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid as number;
    fs.writeFileSync(path.join(dir, LOCK_FILE_NAME), JSON.stringify({ pid: dead, startedAt: 'x', command: 'api' }));
    expect(readEmbeddedLock(dir)).toBeUndefined();
    acquireEmbeddedLock(dir, { command: 'api' });
    expect(readEmbeddedLock(dir)?.pid).toBe(process.pid);
  });
});
