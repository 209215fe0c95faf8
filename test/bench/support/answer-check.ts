import type { AdoptionAnswer, AdoptionQueryVariables, PublishedValue } from '@ent/dashboards';
import { rawCellKey, type RawAnswer, type RawMeasures } from './raw-queries';

/**
 * Compares the figures GraphQL published with the raw-scan answer to the same question. Every
 * published (unsuppressed, not missing) value of the indicators below is compared: counts exactly,
 * rates and shares recomputed from the raw numerator and the published denominator with the API's
 * rounding (percent, 2 decimals).
 */
export interface CheckResult {
  compared: number;
  /** Suppressed (statistical secrecy) or missing values, not comparable. */
  skipped: number;
  mismatches: string[];
}

const percent = (numerator: number, denominator: number) => Math.round((numerator / denominator) * 100 * 100) / 100;
const ZERO: RawMeasures = { visitors: 0, visits: 0, regular_users: 0, visitors_enrolled: 0, families_active: 0 };

function expected(v: PublishedValue, m: RawMeasures, total: RawMeasures): number | undefined {
  switch (v.indicator) {
    case 'visitors':
      return m.visitors;
    case 'visits':
      return m.visits;
    case 'regular_users':
      return m.regular_users;
    case 'usage_rate':
      return v.denominator ? percent(m.visitors_enrolled, v.denominator) : undefined;
    case 'family_uptake':
      return v.denominator ? percent(m.families_active, v.denominator) : undefined;
    case 'service_mix':
    case 'device_mix':
      return total.visits ? percent(m.visits, total.visits) : undefined;
    default:
      return undefined;
  }
}

export function checkAnswer(variables: AdoptionQueryVariables, answer: AdoptionAnswer, raw: RawAnswer): CheckResult {
  const result: CheckResult = { compared: 0, skipped: 0, mismatches: [] };
  const points = answer.adoption.points;
  const rawBuckets = new Set([...raw.cells.keys()].map((k) => Number(k.split('|')[0])));
  for (const b of rawBuckets) if (b >= points.length) result.mismatches.push(`raw bucket ${b} has no GraphQL point (${points.length} points)`);
  points.forEach((point, bucket) => {
    const total = raw.cells.get(rawCellKey(bucket, [])) ?? ZERO;
    const compare = (where: string, values: PublishedValue[], m: RawMeasures) => {
      for (const v of values) {
        if (v.value === null) {
          result.skipped++;
          continue;
        }
        const want = expected(v, m, total);
        if (want === undefined) continue;
        result.compared++;
        if (Math.abs(want - v.value) > 1e-9) result.mismatches.push(`${point.start} ${where} ${v.indicator}: GraphQL ${v.value}, raw ${want}`);
      }
    };
    compare('total', point.total.values, total);
    const seen = new Set<string>();
    for (const cell of point.cells) {
      const codes = cell.dimensions.map((d) => d.code);
      seen.add(codes.join(','));
      compare(codes.join(','), cell.values, raw.cells.get(rawCellKey(bucket, codes)) ?? ZERO);
    }
    // Every cell with visitors must be there, unless the page (first) cut it off.
    const first = variables.first ?? 100;
    if (point.cellCount <= first) {
      for (const [key, m] of raw.cells) {
        const [b, codes] = key.split('|');
        if (Number(b) === bucket && codes !== '' && m.visitors > 0 && !seen.has(codes)) result.mismatches.push(`${point.start} cell ${codes}: ${m.visitors} visitors in raw events, absent from GraphQL`);
      }
    }
    if (variables.orderBy) {
      const ranked = point.cells.map((c) => c.values.find((x) => x.indicator === variables.orderBy?.indicator)?.value ?? null).filter((x): x is number => x !== null);
      const sorted = [...ranked].sort((a, b) => (variables.orderBy?.direction === 'asc' ? a - b : b - a));
      if (ranked.join() !== sorted.join()) result.mismatches.push(`${point.start}: cells are not ordered by ${variables.orderBy.indicator} ${variables.orderBy.direction}`);
    }
  });
  return result;
}
