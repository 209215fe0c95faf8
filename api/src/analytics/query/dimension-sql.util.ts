import type { Dimension } from '@ent/contracts';
import type { EstablishmentFacts } from '../catalog/analytics-catalog.service';
import type { DimensionSql } from './build-activity-query.util';

/** What a breakdown by an establishment attribute needs: every UAI read, with its facts. */
export interface DimensionContext {
  establishments: readonly EstablishmentFacts[];
  /** Quartile (1 → 4) of each establishment's IPS among the establishments read; absent = unknown. */
  ipsQuartiles: ReadonlyMap<string, number>;
}

/** Value of an establishment for an attribute dimension (the same code the SQL returns). */
export function attributeOf(dimension: Dimension, e: EstablishmentFacts, ctx: DimensionContext): string {
  switch (dimension) {
    case 'establishment':
      return e.uai;
    case 'commune':
      return e.communeCode;
    case 'departement':
      return e.departementCode;
    case 'academie':
      return e.academieCode;
    case 'region':
      return e.regionCode;
    case 'education_prioritaire':
      return e.educationPrioritaire ?? 'hors_ep';
    case 'rurality':
      return e.rural === null ? 'inconnu' : e.rural ? 'rural' : 'urbain';
    case 'ips_quartile': {
      const q = ctx.ipsQuartiles.get(e.uai);
      return q ? `Q${q}` : 'inconnu';
    }
    case 'wave':
      return e.wave ?? 'sans_vague';
    default:
      throw new Error(`${dimension} is not an establishment attribute`);
  }
}

/**
 * The SQL of a breakdown: rollup columns for profile, service and device; establishment
 * attributes as `transform(uai, [uais], [values], '')` with both arrays bound as parameters, so
 * the relational catalog never has to be joined inside ClickHouse and no value enters the SQL text.
 */
export function dimensionSql(dimension: Dimension, index: number, ctx: DimensionContext): DimensionSql {
  switch (dimension) {
    case 'profile':
      return { name: dimension, expr: 'toString(profile)', params: {} };
    case 'service':
      return { name: dimension, expr: 'toString(service)', params: {} };
    case 'device':
      return { name: dimension, expr: 'toString(device)', params: {} };
    case 'establishment':
      return { name: dimension, expr: 'toString(uai)', params: {} };
    case 'months_since_opening': {
      const opened = ctx.establishments.filter((e) => e.openedOn);
      return {
        name: dimension,
        expr: `toString(dateDiff('month', toStartOfMonth(transform(uai, {dim${index}_uais:Array(String)}, {dim${index}_opened:Array(Date)}, toDate('1970-01-01'))), period))`,
        params: { [`dim${index}_uais`]: opened.map((e) => e.uai), [`dim${index}_opened`]: opened.map((e) => e.openedOn) },
      };
    }
    default:
      return {
        name: dimension,
        expr: `transform(toString(uai), {dim${index}_uais:Array(String)}, {dim${index}_values:Array(String)}, '')`,
        params: {
          [`dim${index}_uais`]: ctx.establishments.map((e) => e.uai),
          [`dim${index}_values`]: ctx.establishments.map((e) => attributeOf(dimension, e, ctx)),
        },
      };
  }
}

/** Quartiles of IPS (1 = lowest social position) among the establishments that have one. */
export function ipsQuartiles(ips: ReadonlyMap<string, number>): Map<string, number> {
  const sorted = [...ips].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
  const result = new Map<string, number>();
  sorted.forEach(([uai], i) => result.set(uai, Math.min(4, Math.floor((i * 4) / sorted.length) + 1)));
  return result;
}
