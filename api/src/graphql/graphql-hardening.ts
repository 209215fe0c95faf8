import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, Kind, visit, type ValueNode } from 'graphql';

/** Limits every GraphQL request must respect; checked before any resolver (or ClickHouse) runs. */
export const GRAPHQL_LIMITS = {
  maxDepth: 8,
  maxAliases: 15,
  maxCost: 1000,
  maxTokens: 2000,
  maxDirectives: 10,
  /** Largest `first` / `last` a paginated field accepts. */
  maxPageSize: 100,
} as const;

const PAGE_ARGUMENTS = new Set(['first', 'last']);

function valueOf(node: ValueNode, variables: Record<string, unknown> | undefined): unknown {
  if (node.kind === Kind.INT) return Number(node.value);
  if (node.kind === Kind.VARIABLE) return variables?.[node.name.value];
  return undefined;
}

/** Refuses `first`/`last` above the page size, whether written in the query or passed as a variable. */
export const pageSizeLimitPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ document, request }) {
        visit(document, {
          Argument(node) {
            if (!PAGE_ARGUMENTS.has(node.name.value)) return;
            const value = valueOf(node.value, request.variables);
            if (typeof value === 'number' && value > GRAPHQL_LIMITS.maxPageSize) {
              throw new GraphQLError(`${node.name.value} must be at most ${GRAPHQL_LIMITS.maxPageSize} (got ${value})`, {
                nodes: [node],
                extensions: { code: 'BAD_USER_INPUT', argumentName: node.name.value, http: { status: 400 } },
              });
            }
          },
        });
      },
    };
  },
};

/** Every form graphql-js gives a suggestion: `Did you mean "x"?`, `Did you mean "x" or "y"?`, `Did you mean the enum value "x"?`. */
const SUGGESTION = / ?Did you mean [^?]*\?/g;

/**
 * Strips "Did you mean …" from every error of a request: they name fields, arguments, types and
 * enum values, which is the schema that production keeps to itself (introspection is off).
 * graphql-armor's and Apollo's own maskers miss some forms: armor's pattern misses enum values
 * (`Did you mean the enum value "visitors"?`), Apollo's only sees validation errors, not the
 * coercion of variables (`Variable "$i" got invalid value …`). Runs on every error Apollo reports,
 * before they are formatted into the response.
 */
export const hideSuggestionsPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ errors }) {
        for (const error of errors) {
          if (SUGGESTION.test(error.message)) error.message = error.message.replace(SUGGESTION, '').trim();
          SUGGESTION.lastIndex = 0;
        }
      },
    };
  },
};

/**
 * Depth, aliases, cost, tokens and directives limits (graphql-armor), page sizes, and, in
 * production, no suggestions ("Did you mean …" leaks the schema: `hideSuggestionsPlugin`).
 * Batched requests stay off.
 */
export function graphqlProtection(production: boolean) {
  const armor = new ApolloArmor({
    maxDepth: { n: GRAPHQL_LIMITS.maxDepth },
    maxAliases: { n: GRAPHQL_LIMITS.maxAliases },
    costLimit: { maxCost: GRAPHQL_LIMITS.maxCost },
    // Tokens are limited by the parser itself (parseOptions below), which answers 400, not 500.
    maxTokens: { enabled: false },
    maxDirectives: { n: GRAPHQL_LIMITS.maxDirectives },
    // hideSuggestionsPlugin instead: it also hides enum values and variables' suggestions.
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return {
    // No cache hints are used: without the cache-control plugin no field resolution is instrumented.
    plugins: [...armor.plugins, pageSizeLimitPlugin, ...(production ? [hideSuggestionsPlugin] : []), ApolloServerPluginCacheControlDisabled()],
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: GRAPHQL_LIMITS.maxTokens },
    allowBatchedHttpRequests: false as const,
  };
}
