import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../../support/product-process';

const run = promisify(execFile);

/** Runs a workspace TypeScript command as `npm run …` does (node scripts/run-ts.js …). */
export async function runTs(entry: string, args: string[], env: Record<string, string>): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, [path.join(REPO_ROOT, 'scripts/run-ts.js'), entry, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** Creates an API key of national reach with `npm run keys -- create <source> --national` and returns it. */
export async function createKeyWithCli(env: Record<string, string>, source: string): Promise<string> {
  const { stdout } = await runTs('api/src/ingestion/cli/ingest-keys.cli.ts', ['create', source, '--national'], env);
  const key = /\b(entk_[A-Za-z0-9_-]+)/.exec(stdout)?.[1];
  if (!key) throw new Error(`no key in the output of keys create:\n${stdout}`);
  return key;
}

export async function countStoredEvents(env: Record<string, string>, withIds = false): Promise<{ rows: number; distinct: number; ids?: string[] }> {
  const { stdout } = await runTs('test/reliability/support/count-events.cli.ts', withIds ? ['--ids'] : [], env);
  return JSON.parse(stdout.trim().split('\n').pop() as string);
}

/** `count` valid events of contract v1, dated in the last hours, split into requests. */
export function eventRequests(count: number, perRequest: number): { ids: string[]; body: string }[] {
  const requests: { ids: string[]; body: string }[] = [];
  const now = Date.now();
  for (let i = 0; i < count; i += perRequest) {
    const ids: string[] = [];
    const lines: string[] = [];
    for (let j = i; j < Math.min(count, i + perRequest); j++) {
      const id = randomUUID();
      ids.push(id);
      lines.push(
        JSON.stringify({
          event_id: id,
          occurred_at: new Date(now - (j % 36_000) * 1000).toISOString(),
          uai: '0700035H',
          profile: j % 3 === 0 ? 'enseignant' : 'eleve',
          user_id: `user-${j % 2000}`,
          service: 'cahier_textes',
          action: 'access',
        }),
      );
    }
    requests.push({ ids, body: lines.join('\n') + '\n' });
  }
  return requests;
}

/** POSTs one request; true when the product acknowledged it (200 with every event accepted). */
export async function send(baseUrl: string, key: string, body: string, expected: number): Promise<boolean> {
  try {
    const res = await fetch(`${baseUrl}/ingest/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
      body,
    });
    if (res.status !== 200) return false;
    const answer = (await res.json()) as { accepted: number };
    if (answer.accepted !== expected) throw new Error(`accepted ${answer.accepted} of ${expected}`);
    return true;
  } catch (err) {
    if ((err as Error).message.startsWith('accepted')) throw err;
    return false; // connection refused or reset: not acknowledged
  }
}
