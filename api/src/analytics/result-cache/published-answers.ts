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

export class PublishedAnswers<T> {
  private readonly kept = new Map<string, Publication<T>>();

  constructor(
    /** The size of a publication (cells): larger ones are not kept (a daily series of three years by establishment). */
    private readonly sizeOf: (result: T) => number,
    private readonly maxSize = 20_000,
    private readonly maxEntries = 200,
  ) {}

  /** The publication kept under `key` if it was built on this catalog revision (the caller checks its answers). */
  get(key: string, catalogRevision: number): Publication<T> | undefined {
    const p = this.kept.get(key);
    if (!p) return undefined;
    if (p.catalogRevision !== catalogRevision) {
      this.kept.delete(key);
      return undefined;
    }
    this.kept.delete(key);
    this.kept.set(key, p); // most recently read last
    return p;
  }

  keep(key: string, publication: Publication<T>): void {
    this.kept.delete(key);
    if (this.sizeOf(publication.result) > this.maxSize) return;
    this.kept.set(key, publication);
    while (this.kept.size > this.maxEntries) this.kept.delete(this.kept.keys().next().value as string);
  }

  get size(): number {
    return this.kept.size;
  }
}
