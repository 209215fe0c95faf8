/**
 * Typed errors of the catalog. Services throw these; `CatalogErrorFilter` maps them once to GraphQL
 * errors (`extensions.code`, and `extensions.field` for input errors); the CLI prints their message.
 */
export type CatalogErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'UNUSABLE_FILE';

export abstract class CatalogError extends Error {
  abstract readonly code: CatalogErrorCode;
}

/** One field of an input is wrong. */
export class CatalogInputError extends CatalogError {
  readonly code = 'BAD_USER_INPUT';
  constructor(
    readonly field: string,
    reason: string,
    readonly problems: { field: string; reason: string }[] = [{ field, reason }],
  ) {
    super(problems.length > 1 ? problems.map((p) => `${p.field}: ${p.reason}`).join('; ') : `${field}: ${reason}`);
    this.name = 'CatalogInputError';
  }
}

export class CatalogNotFoundError extends CatalogError {
  readonly code = 'NOT_FOUND';
  constructor(what: string) {
    super(`${what} does not exist`);
    this.name = 'CatalogNotFoundError';
  }
}

export class CatalogConflictError extends CatalogError {
  readonly code = 'CONFLICT';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'CatalogConflictError';
  }
}

/** The file itself cannot be imported (wrong separator, missing columns, spreadsheet damage): nothing was read. */
export class UnusableFileError extends CatalogError {
  readonly code = 'UNUSABLE_FILE';
  constructor(message: string) {
    super(message);
    this.name = 'UnusableFileError';
  }
}
