import { createHash } from 'node:crypto';

/**
 * The insert_deduplication_token of a batch: a hash of its sorted event ids. A retry of the same
 * batch carries the same token (ClickHouse drops it); a different batch can never reuse a token
 * (which would make ClickHouse silently drop it — reliability-anchors §0.2).
 */
export function batchToken(eventIds: readonly string[]): string {
  const hash = createHash('sha256');
  for (const id of [...eventIds].sort()) hash.update(id).update('\n');
  return `events-v1-${hash.digest('hex')}`;
}
