import { createHash } from 'node:crypto';

/** Properties the LRS sets or may rewrite: two statements differing only in these are the same (xAPI 1.0.3, Data 2.3.1). */
const IGNORED = new Set(['id', 'stored', 'authority', 'version']);

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = canonical((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/**
 * SHA-256 (hex) of a statement's content, independent of the order of its keys, without the
 * properties the LRS owns. Equal digests: the same statement sent again; different: a conflict.
 */
export function statementDigest(statement: Record<string, unknown>): string {
  const content: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(statement)) if (!IGNORED.has(k)) content[k] = v;
  return createHash('sha256').update(JSON.stringify(canonical(content))).digest('hex');
}
