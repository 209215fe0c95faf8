import { publishCount, type Published, type SecrecyRules } from './statistical-secrecy';

/** A count of people in a table of cells: its position along each dimension (one code per dimension). */
export interface TableCell {
  id: string;
  codes: readonly string[];
  count: number;
}

/**
 * Primary and secondary suppression over a table with several dimensions: each line of the table
 * (cells sharing every code but one) adds up to a published margin, so along every line a lone
 * hidden cell, or hidden cells adding up to a small number, get the smallest visible non-zero
 * cells of the line hidden with them (those that also protect another line first); repeated until
 * no line changes (hiding a cell on one line can expose another). Same rules as `publishGroup`,
 * extended to two or more dimensions.
 */
export function suppressTable(
  cells: readonly TableCell[],
  rules: SecrecyRules,
  options: {
    /** The dimensions whose lines are protected (default: all). */
    along?: readonly number[];
    /** Decisions taken before (a cell hidden there stays hidden). */
    initial?: ReadonlyMap<string, Published>;
  } = {},
): Map<string, Published> {
  const result = new Map<string, Published>(cells.map((c) => [c.id, options.initial?.get(c.id)?.suppressed ? (options.initial.get(c.id) as Published) : publishCount(c.count, rules)]));
  const dims = cells[0]?.codes.length ?? 0;
  const lines: TableCell[][] = [];
  for (let d = 0; d < dims; d++) {
    if (options.along && !options.along.includes(d)) continue;
    const byRest = new Map<string, TableCell[]>();
    for (const c of cells) {
      const rest = c.codes.filter((_, i) => i !== d).join('\u0000');
      byRest.set(rest, [...(byRest.get(rest) ?? []), c]);
    }
    lines.push(...byRest.values());
  }
  const linesOf = new Map<string, TableCell[][]>();
  for (const line of lines) for (const c of line) linesOf.set(c.id, [...(linesOf.get(c.id) ?? []), line]);
  // A candidate whose other lines already hold a hidden cell fixes them too: hidden first, so
  // fewer cells are hidden overall (optimal cell suppression is NP-hard; this greedy rule is enough).
  const helpsElsewhere = (c: TableCell, line: TableCell[]) =>
    (linesOf.get(c.id) ?? []).some((other) => other !== line && other.some((x) => x.id !== c.id && result.get(x.id)?.suppressed));
  let changed = true;
  while (changed) {
    changed = false;
    for (const line of lines) {
      const hidden = () => line.filter((c) => result.get(c.id)?.suppressed);
      const hiddenSum = () => hidden().reduce((s, c) => s + c.count, 0);
      if (hidden().length === 0) continue;
      const candidates = line
        .filter((c) => !result.get(c.id)?.suppressed && c.count > 0)
        .sort((a, b) => Number(helpsElsewhere(b, line)) - Number(helpsElsewhere(a, line)) || a.count - b.count || a.id.localeCompare(b.id));
      while ((hidden().length === 1 || hiddenSum() < rules.minCount) && candidates.length) {
        const next = candidates.shift() as TableCell;
        result.set(next.id, { value: null, suppressed: true, reason: 'secondary' });
        changed = true;
      }
    }
  }
  return result;
}
