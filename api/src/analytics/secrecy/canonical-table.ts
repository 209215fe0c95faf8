import { RowSpace } from './row-space';
import type { SecrecyRules, SuppressionReason } from './statistical-secrecy';

/**
 * The canonical table of one count of people (visitors, regular users, families reached, activated
 * accounts) for one period and one filter: every establishment of a département × every profile,
 * with the establishments' totals, the département's totals by profile and its grand total. What is
 * hidden is decided here, once, from the data alone — never from the question — and every answer
 * then derives its figures from this decision (`derivable`): a figure hidden in one answer is hidden
 * in every answer that could give it back, whatever the filters, breakdown or entry point.
 *
 * Decision: primary suppression (1 to minCount - 1 people), then along every line (a total and its
 * parts) a lone hidden cell, or hidden parts adding up to less than minCount, get more cells hidden
 * (the smallest, those protecting another line first); then an audit solves the whole linear
 * system an attacker has (every published total minus its published parts) and hides more until no
 * hidden cell is determined by it.
 *
 * Publishing: an aggregate of atoms (a commune, an equity group, a set of profiles, a territory
 * above the département…) is published only when it is a linear combination of the published
 * cells, so it tells nothing the canonical table does not already tell. Départements are
 * independent (their lines do not meet): a territory above them publishes only when each
 * département's part is derivable.
 */
export interface CanonicalTableInput {
  /** Establishment (UAI) → its département: the unit of decision. Every establishment of each département. */
  establishments: ReadonlyMap<string, string>;
  profiles: readonly string[];
  /** Count per atom (`atomKey`); missing = 0. */
  counts: ReadonlyMap<string, number>;
  /**
   * Cells hidden from the start (`cellKey`): the figures that are a part of a hidden figure of
   * another table (regular users of a hidden visitors cell would bound it).
   */
  preHidden?: ReadonlySet<string>;
}

export const atomKey = (uai: string, profile: string): string => `${uai}|${profile}`;

/** Any cell of a table: an atom, an establishment's total (profile null), a département's total by profile (uai null) or in all. */
export const cellKey = (departement: string, uai: string | null, profile: string | null): string => `${departement}|${uai ?? '*'}|${profile ?? '*'}`;

interface Cell {
  count: number;
  hidden: SuppressionReason | null;
}

interface Line {
  margin: number;
  parts: number[];
}

/** One département's table: its cells (atoms first), lines, and the attacker's row space once decided. */
class GroupTable {
  readonly cells: Cell[] = [];
  readonly lines: Line[] = [];
  readonly atomIndex = new Map<string, number>();
  /** Every cell by `cellKey`. */
  readonly cellIndex = new Map<string, number>();
  private space: { columns: Map<number, number>; rows: RowSpace } | undefined;

  constructor(
    readonly departement: string,
    uais: readonly string[],
    profiles: readonly string[],
    input: CanonicalTableInput,
  ) {
    let named: string | undefined;
    const add = (count: number) => {
      const i = this.cells.push({ count, hidden: null }) - 1;
      if (named) this.cellIndex.set(named, i);
      return i;
    };
    for (const uai of uais) {
      for (const p of profiles) {
        named = cellKey(departement, uai, p);
        this.atomIndex.set(atomKey(uai, p), add(input.counts.get(atomKey(uai, p)) ?? 0));
      }
    }
    const sum = (idx: number[]) => idx.reduce((s, i) => s + this.cells[i].count, 0);
    const atomsOf = (uai: string) => profiles.map((p) => this.atomIndex.get(atomKey(uai, p)) as number);
    const establishmentTotals = uais.map((uai) => {
      const parts = atomsOf(uai);
      named = cellKey(departement, uai, null);
      const margin = add(sum(parts));
      this.lines.push({ margin, parts });
      return margin;
    });
    const profileTotals = profiles.map((p) => {
      const parts = uais.map((uai) => this.atomIndex.get(atomKey(uai, p)) as number);
      named = cellKey(departement, null, p);
      const margin = add(sum(parts));
      this.lines.push({ margin, parts });
      return margin;
    });
    named = cellKey(departement, null, null);
    const grandTotal = add(sum(profileTotals));
    this.lines.push({ margin: grandTotal, parts: profileTotals });
    this.lines.push({ margin: grandTotal, parts: establishmentTotals });
  }

  decide(rules: SecrecyRules, preHidden: ReadonlySet<number>): void {
    for (const [i, c] of this.cells.entries()) {
      if (c.count > 0 && c.count < rules.minCount) c.hidden = 'small_count';
      else if (preHidden.has(i) && c.count > 0) c.hidden = 'secondary';
    }
    // The smallest cells first (least information lost), among equals those that also protect another line.
    // Each pass hides at least one more cell or ends: at most as many passes as cells.
    for (let pass = 0; pass <= this.cells.length; pass++) {
      this.protectLines(rules);
      if (!this.hideOneDisclosed()) return;
    }
  }

  /** Whether the sum of these atoms can be computed from the published cells. */
  derivable(atoms: readonly number[]): boolean {
    const hidden = atoms.filter((i) => this.cells[i].hidden);
    if (!hidden.length) return true;
    const { columns, rows } = this.attackerSpace();
    const v = new Map<number, number>();
    for (const i of hidden) v.set(columns.get(i) as number, (v.get(columns.get(i) as number) ?? 0) + 1);
    return rows.contains(v);
  }

  private protectLines(rules: SecrecyRules): void {
    const linesOf = new Map<number, Line[]>();
    for (const line of this.lines) for (const i of [line.margin, ...line.parts]) linesOf.set(i, [...(linesOf.get(i) ?? []), line]);
    const isHidden = (i: number) => this.cells[i].hidden !== null;
    const helpsElsewhere = (i: number, line: Line) =>
      (linesOf.get(i) ?? []).some((other) => other !== line && [other.margin, ...other.parts].some((x) => x !== i && isHidden(x)));
    let changed = true;
    while (changed) {
      changed = false;
      for (const line of this.lines) {
        const exposed = () => {
          const hiddenParts = line.parts.filter(isHidden);
          const hiddenCount = hiddenParts.length + (isHidden(line.margin) ? 1 : 0);
          if (hiddenCount === 0) return false;
          if (hiddenCount === 1) return true;
          const hiddenSum = hiddenParts.reduce((s, i) => s + this.cells[i].count, 0);
          return !isHidden(line.margin) && hiddenSum > 0 && hiddenSum < rules.minCount;
        };
        if (!exposed()) continue;
        const candidates = line.parts
          .filter((i) => !isHidden(i) && this.cells[i].count > 0)
          .sort((a, b) => this.cells[a].count - this.cells[b].count || Number(helpsElsewhere(b, line)) - Number(helpsElsewhere(a, line)) || a - b);
        while (exposed() && candidates.length) {
          this.cells[candidates.shift() as number].hidden = 'secondary';
          changed = true;
        }
        if (exposed() && !isHidden(line.margin) && this.cells[line.margin].count > 0) {
          this.cells[line.margin].hidden = 'secondary';
          changed = true;
        }
      }
    }
    this.space = undefined;
  }

  /**
   * Solves the attacker's system; when it determines a hidden cell, hides one more cell: the
   * smallest visible cell sharing a line with a hidden one whose hiding leaves that cell
   * undetermined (of the 20 smallest; else the smallest, and the next pass looks again).
   */
  private hideOneDisclosed(): boolean {
    const { columns, rows } = this.attackerSpace();
    const determined = [...columns.keys()].find((cell) => rows.contains(new Map([[columns.get(cell) as number, 1]])));
    if (determined === undefined) return false;
    const candidates = [
      ...new Set(this.lines.filter((l) => [l.margin, ...l.parts].some((i) => this.cells[i].hidden)).flatMap((l) => [...l.parts, l.margin])),
    ]
      .filter((i) => this.cells[i].hidden === null && this.cells[i].count > 0)
      .sort((a, b) => this.cells[a].count - this.cells[b].count || a - b);
    if (!candidates.length) return false;
    const stillDetermined = (candidate: number) => {
      this.cells[candidate].hidden = 'secondary';
      this.space = undefined;
      const space = this.attackerSpace();
      const answer = space.rows.contains(new Map([[space.columns.get(determined) as number, 1]]));
      this.cells[candidate].hidden = null;
      this.space = undefined;
      return answer;
    };
    const next = candidates.slice(0, 20).find((c) => !stillDetermined(c)) ?? candidates[0];
    this.cells[next].hidden = 'secondary';
    this.space = undefined;
    return true;
  }

  /** The equations "total − parts = 0" restricted to the hidden cells (published ones are known numbers). */
  private attackerSpace(): { columns: Map<number, number>; rows: RowSpace } {
    if (this.space) return this.space;
    const columns = new Map<number, number>();
    for (const [i, c] of this.cells.entries()) if (c.hidden) columns.set(i, columns.size);
    const rows = new RowSpace(columns.size);
    for (const line of this.lines) {
      const row = new Map<number, number>();
      if (columns.has(line.margin)) row.set(columns.get(line.margin) as number, 1);
      for (const p of line.parts) if (columns.has(p)) row.set(columns.get(p) as number, (row.get(columns.get(p) as number) ?? 0) - 1);
      if (row.size) rows.add(row);
    }
    this.space = { columns, rows };
    return this.space;
  }
}

export class CanonicalTable {
  private readonly groups = new Map<string, GroupTable>();
  private readonly groupOf: ReadonlyMap<string, string>;

  constructor(input: CanonicalTableInput, rules: SecrecyRules) {
    this.groupOf = input.establishments;
    const members = new Map<string, string[]>();
    for (const [uai, group] of input.establishments) members.set(group, [...(members.get(group) ?? []), uai]);
    for (const [group, uais] of members) {
      const table = new GroupTable(group, uais.sort(), input.profiles, input);
      const pre = new Set<number>();
      for (const key of input.preHidden ?? []) {
        const i = table.cellIndex.get(key);
        if (i !== undefined) pre.add(i);
      }
      table.decide(rules, pre);
      this.groups.set(group, table);
    }
  }

  /** Every hidden cell (`cellKey`). */
  hiddenCells(): Set<string> {
    const hidden = new Set<string>();
    for (const table of this.groups.values()) for (const [key, i] of table.cellIndex) if (table.cells[i].hidden) hidden.add(key);
    return hidden;
  }

  /** Why an atom (one establishment, one profile) is hidden, or null when it is published. */
  hiddenReason(uai: string, profile: string): SuppressionReason | null {
    const table = this.groups.get(this.groupOf.get(uai) ?? '');
    const i = table?.atomIndex.get(atomKey(uai, profile));
    return table && i !== undefined ? table.cells[i].hidden : null;
  }

  /**
   * Whether the sum of these atoms adds nothing to what the table publishes. Atoms of an
   * establishment the table does not hold are refused (false): nothing is known of them.
   */
  derivable(atoms: Iterable<readonly [uai: string, profile: string]>): boolean {
    const byGroup = new Map<string, number[]>();
    for (const [uai, profile] of atoms) {
      const group = this.groupOf.get(uai);
      const i = group === undefined ? undefined : this.groups.get(group)?.atomIndex.get(atomKey(uai, profile));
      if (group === undefined || i === undefined) return false;
      byGroup.set(group, [...(byGroup.get(group) ?? []), i]);
    }
    for (const [group, idx] of byGroup) if (!(this.groups.get(group) as GroupTable).derivable(idx)) return false;
    return true;
  }
}
