import { Plugin } from '@nestjs/apollo';
import { Inject } from '@nestjs/common';
import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import type { AppConfig } from '@ent/config';
import { getArgumentValues, getVariableValues, GraphQLError, Kind, type DocumentNode, type FieldNode, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { APP_CONFIG } from '../../config/app-config.provider';
import type { ScopedTerritory } from '../../scope/scope.service';
import { AnalyticsCostEstimator, COSTED_FIELDS, type CostedField } from './analytics-cost-estimator';

export const QUERY_TOO_EXPENSIVE = 'QUERY_TOO_EXPENSIVE';

/** The fields of the operation's root, through inline fragments and fragment spreads. */
export function rootFields(document: DocumentNode, selectionSet: SelectionSetNode, seen = new Set<string>()): FieldNode[] {
  const fields: FieldNode[] = [];
  for (const s of selectionSet.selections) {
    if (s.kind === Kind.FIELD) fields.push(s);
    else if (s.kind === Kind.INLINE_FRAGMENT) fields.push(...rootFields(document, s.selectionSet, seen));
    else if (!seen.has(s.name.value)) {
      seen.add(s.name.value);
      const fragment = document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === s.name.value);
      if (fragment && fragment.kind === Kind.FRAGMENT_DEFINITION) fields.push(...rootFields(document, fragment.selectionSet, seen));
    }
  }
  return fields;
}

export interface FieldCost {
  field: string;
  cost: number;
}

/** The cost of every analytics field of a query operation (aliases count each), or undefined when its variables do not coerce (execution reports that). */
export async function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  estimator: AnalyticsCostEstimator,
): Promise<FieldCost[] | undefined> {
  if (operation.operation !== 'query') return [];
  const queryType = schema.getQueryType();
  if (!queryType) return [];
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
  if (coerced.errors) return undefined;
  // One count of establishments per territory for the whole operation (15 aliases ask about the same one).
  const counts = new Map<string, Promise<number>>();
  const establishmentsOf = (territories: readonly ScopedTerritory[]) => {
    const key = JSON.stringify(territories);
    if (!counts.has(key)) counts.set(key, estimator.establishmentsIn(territories));
    return counts.get(key) as Promise<number>;
  };
  const costs: FieldCost[] = [];
  for (const node of rootFields(document, operation.selectionSet)) {
    const name = node.name.value as CostedField;
    if (!COSTED_FIELDS.includes(name)) continue;
    const definition = queryType.getFields()[name];
    if (!definition) continue;
    let args: Record<string, unknown>;
    try {
      args = getArgumentValues(definition, node, coerced.coerced);
    } catch {
      continue; // a wrong argument: refused by execution with its own message
    }
    costs.push({ field: node.alias?.value ?? name, cost: await estimator.costOf(name, args, establishmentsOf) });
  }
  return costs;
}

/**
 * Refuses, before any resolver runs, a GraphQL operation whose analytics would cost more than
 * ANALYTICS_MAX_COST cells (buckets × expected breakdown cells, summed over its fields and
 * aliases; analytics-cost.util.ts). graphql-armor's cost limit (graphql-hardening.ts) weighs the
 * shape of the document; this one weighs the work its arguments ask for.
 */
@Plugin()
export class AnalyticsCostPlugin implements ApolloServerPlugin {
  constructor(
    @Inject(AnalyticsCostEstimator) private readonly estimator: AnalyticsCostEstimator,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async requestDidStart(): Promise<GraphQLRequestListener<Record<string, unknown>>> {
    const { estimator } = this;
    const limit = this.config.analytics.limits.maxCostPerRequest;
    return {
      async didResolveOperation({ schema, document, operation, request }) {
        if (!operation) return;
        const costs = await operationCost(schema, document, operation, request.variables, estimator);
        const total = (costs ?? []).reduce((s, c) => s + c.cost, 0);
        if (total <= limit) return;
        const detail = costs!.map((c) => `${c.field} ${c.cost}`).join(', ');
        throw new GraphQLError(
          `This request would compute ${total} analytics cells (points of the series × cells of the breakdown: ${detail}), more than the ${limit} allowed per request. ` +
            'Ask for a shorter period, a coarser interval (week or month rather than day), fewer breakdown dimensions or a smaller territory, or split it into several requests.',
          { extensions: { code: QUERY_TOO_EXPENSIVE, cost: total, limit, fields: costs, http: { status: 400 } } },
        );
      },
    };
  }
}
