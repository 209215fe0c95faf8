import type { AnswerRef } from './query-result-cache';

/**
 * Published answers (the figures after scope, catalog facts, statistical secrecy and annotations),
 * kept so that a question asked again skips that work as well as ClickHouse. One is served again
 * only while everything it was built from is unchanged: the same question by the same scope on the
 * same day, the same catalog revision (`catalog_revision`, counted by triggers on every catalog and
 * annotation table) and the very same kept query answers, still valid
 * (`QueryResultCache.stillServed`). See README.md in this folder.
 */
export interface Publication<T> {
  catalogRevision: number;
  answers: AnswerRef[];
  result: T;
}

interface Kept<T> extends Publication<T> {
  size: number;
}

export class PublishedAnswers<T> {
  private readonly kept = new Map<string, Kept<T>>();
  private keptSize = 0;

  constructor(
    /** The size of a publication (cells): larger ones are not kept (a daily series of three years by establishment). */
    private readonly sizeOf: (result: T) => number,
    private readonly maxSize = 20_000,
    private readonly maxEntries = 200,
    /** Size kept in all (a cell is a few hundred bytes): the least recently read go first beyond. */
    private readonly maxTotalSize = 200_000,
  ) {}

  /** The publication kept under `key` if it was built on this catalog revision (the caller checks its answers). */
  get(key: string, catalogRevision: number): Publication<T> | undefined {
    const p = this.kept.get(key);
    if (!p) return undefined;
    if (p.catalogRevision !== catalogRevision) {
      this.forget(key);
      return undefined;
    }
    this.kept.delete(key);
    this.kept.set(key, p); // most recently read last
    return p;
  }

  keep(key: string, publication: Publication<T>): void {
    this.forget(key);
    const size = this.sizeOf(publication.result);
    if (size > this.maxSize) return;
    this.kept.set(key, { ...publication, size });
    this.keptSize += size;
    while (this.kept.size > this.maxEntries || this.keptSize > this.maxTotalSize) this.forget(this.kept.keys().next().value as string);
  }

  private forget(key: string): void {
    const p = this.kept.get(key);
    if (!p) return;
    this.kept.delete(key);
    this.keptSize -= p.size;
  }

  /** Publications kept, and their size in all. */
  get size(): { entries: number; total: number } {
    return { entries: this.kept.size, total: this.keptSize };
  }
}
