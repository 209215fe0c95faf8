import { Catch, type ArgumentsHost } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { OutOfScopeError } from '../../scope/territorial-scope';
import { CatalogConflictError, CatalogError, CatalogInputError } from './catalog-errors';

/**
 * The one mapping of catalog and scope errors to GraphQL errors: `extensions.code` is
 * BAD_USER_INPUT (with `field` and every `problems` entry), NOT_FOUND, CONFLICT, UNUSABLE_FILE
 * or FORBIDDEN. Anything else goes on to Nest's default handling (no stack trace is sent).
 */
@Catch(CatalogError, OutOfScopeError)
export class CatalogErrorFilter implements GqlExceptionFilter {
  catch(error: CatalogError | OutOfScopeError, _host: ArgumentsHost): GraphQLError {
    const extensions: Record<string, unknown> = { code: error.code };
    if (error instanceof CatalogInputError) {
      extensions.field = error.field;
      extensions.problems = error.problems;
    }
    if (error instanceof CatalogConflictError) extensions.field = error.field;
    return new GraphQLError(error.message, { extensions });
  }
}
