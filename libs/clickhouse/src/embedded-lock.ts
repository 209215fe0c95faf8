import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The embedded engine can be opened by one process only. The process that opens it records
 * itself in a lock file next to the data, so that a second process gets a clear answer (and a
 * command-line tool can find the running product's API) instead of the engine's raw lock error.
 */
export interface EmbeddedLockHolder {
  pid: number;
  /** Port of the running product's HTTP API, when the holder is the product. */
  port?: number;
  startedAt: string;
  command: string;
}

export class EmbeddedStoreBusyError extends Error {
  constructor(
    readonly dir: string,
    readonly holder: EmbeddedLockHolder,
  ) {
    super(
      `The embedded ClickHouse data directory ${dir} is already used by another process ` +
        `(is the product already running?). Stop that process, or set DATA_DIR to another directory.`,
    );
    this.name = 'EmbeddedStoreBusyError';
  }
}

export const LOCK_FILE_NAME = 'observatory.lock.json';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Reads the holder of the embedded data directory, if a live process holds it. */
export function readEmbeddedLock(dir: string): EmbeddedLockHolder | undefined {
  try {
    const holder = JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE_NAME), 'utf8')) as EmbeddedLockHolder;
    return isAlive(holder.pid) ? holder : undefined;
  } catch {
    return undefined;
  }
}

/** Takes the directory for this process; throws `EmbeddedStoreBusyError` if a live process has it. */
export function acquireEmbeddedLock(dir: string, info: { port?: number; command: string }): { release(): void } {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, LOCK_FILE_NAME);
  const holder: EmbeddedLockHolder = { pid: process.pid, port: info.port, startedAt: new Date().toISOString(), command: info.command };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(holder), { flag: 'wx' });
      return {
        release() {
          const current = readEmbeddedLock(dir);
          if (!current || current.pid === process.pid) fs.rmSync(file, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const current = readEmbeddedLock(dir);
      if (current && current.pid !== process.pid) throw new EmbeddedStoreBusyError(dir, current);
      fs.rmSync(file, { force: true }); // left by a process that is gone (kill -9, crash)
    }
  }
  throw new Error(`Cannot take the lock file ${file}`);
}
