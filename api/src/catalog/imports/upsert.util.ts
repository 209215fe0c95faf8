import { In, type EntityManager, type EntityTarget, type FindOptionsWhere, type ObjectLiteral } from 'typeorm';

/** How an import writes one kind of record: which row it is, and which columns it sets. */
export interface UpsertTarget<R, E extends ObjectLiteral> {
  entity: EntityTarget<E>;
  /** The natural key of a record, as a string (also used to find duplicates in a file). */
  keyOf(record: R): string;
  keyOfEntity(entity: E): string;
  where(record: R): FindOptionsWhere<E>;
  /** Every column the record sets, keys included; columns it does not carry are left as they are. */
  values(record: R): Partial<E>;
}

export interface UpsertCounts {
  created: number;
  updated: number;
  unchanged: number;
}

function same(a: unknown, b: unknown): boolean {
  if (a === undefined || a === null || b === undefined || b === null) return (a ?? null) === (b ?? null);
  if (Array.isArray(a) || Array.isArray(b)) return JSON.stringify(a) === JSON.stringify(b);
  if (typeof a === 'number' || typeof b === 'number') return Number(a) === Number(b);
  return a === b;
}

/**
 * Inserts the records that do not exist, updates those that differ, leaves the others: importing
 * the same file twice changes nothing. Keys must be unique among `records`.
 */
export async function upsertRecords<R, E extends ObjectLiteral>(
  manager: EntityManager,
  target: UpsertTarget<R, E>,
  records: readonly R[],
): Promise<UpsertCounts> {
  const counts: UpsertCounts = { created: 0, updated: 0, unchanged: 0 };
  if (!records.length) return counts;
  const repository = manager.getRepository(target.entity);
  // One `IN` on the first key column, then exact keys in memory: a long OR of composite keys makes
  // PostgreSQL scan a table that grew inside the import's transaction (its statistics are stale).
  const [column] = Object.keys(target.where(records[0]));
  const values = [...new Set(records.map((r) => (target.where(r) as Record<string, unknown>)[column]))];
  const wanted = new Set(records.map((r) => target.keyOf(r)));
  const existing = new Map<string, E>();
  for (let i = 0; i < values.length; i += 1000) {
    const rows = await repository.find({ where: { [column]: In(values.slice(i, i + 1000)) } as FindOptionsWhere<E> });
    for (const row of rows) if (wanted.has(target.keyOfEntity(row))) existing.set(target.keyOfEntity(row), row);
  }
  const toInsert: Partial<E>[] = [];
  for (const record of records) {
    const values = target.values(record);
    const current = existing.get(target.keyOf(record));
    if (!current) {
      toInsert.push(values);
      counts.created++;
      continue;
    }
    const changed: Partial<E> = {};
    for (const [column, value] of Object.entries(values)) {
      if (!same(value, current[column])) (changed as Record<string, unknown>)[column] = value;
    }
    if (Object.keys(changed).length === 0) {
      counts.unchanged++;
    } else {
      await repository.update(target.where(record), changed as never);
      counts.updated++;
    }
  }
  // Several rows per statement, in slices within SQLite's and PostgreSQL's bound-parameter limits.
  for (let i = 0; i < toInsert.length; i += 500) {
    await repository.insert(toInsert.slice(i, i + 500) as never);
  }
  return counts;
}
