import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { CatalogInputError } from '../errors/catalog-errors';

function flatten(errors: readonly ValidationError[], prefix = ''): { field: string; reason: string }[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((reason) => ({ field, reason }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** An omitted optional argument stays omitted (the stock pipe would validate an empty object). */
class OptionalArgumentValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (value === undefined || value === null) return value;
    return super.transform(value, metadata);
  }
}

/** Validates `@InputType` arguments with class-validator; errors become `CatalogInputError` (BAD_USER_INPUT with the field). */
export const catalogValidationPipe = new OptionalArgumentValidationPipe({
  transform: true,
  whitelist: true,
  exceptionFactory: (errors) => {
    const problems = flatten(errors);
    return new CatalogInputError(problems[0]?.field ?? 'input', problems[0]?.reason ?? 'invalid input', problems);
  },
});
