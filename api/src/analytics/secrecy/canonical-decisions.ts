import { PROFILES } from '@ent/contracts';
import { CanonicalTable, cellKey } from './canonical-table';
import { publishCount, type Published, type SecrecyRules } from './statistical-secrecy';

/** The counts of people that secrecy protects, each with its own canonical tables. */
export type SecretMeasure = 'visitors' | 'regular_users' | 'families_active' | 'accounts_activated';

/**
 * One atom of a published figure: an establishment and a profile, in one canonical table — the
 * table of a bucket (a period) and a filter (`all`, or the service or device of a breakdown cell).
 */
export interface AtomRef {
  table: string;
  uai: string;
  profile: string;
}

/** Families are counted among parents only: their tables have one column. */
const PROFILES_OF: Record<SecretMeasure, readonly string[]> = {
  visitors: PROFILES,
  regular_users: PROFILES,
  families_active: ['parent'],
  accounts_activated: PROFILES,
};

/**
 * The canonical decisions behind one answer (`canonical-table.ts`): one table per measure, period
 * and filter, over every establishment of the départements the answer touches, decided from the
 * data alone. Regular users and families reached are parts of the visitors: a cell whose
 * visitors are hidden starts hidden in their tables too, or it would bound the hidden count.
 */
export class CanonicalDecisions {
  private readonly tables = new Map<string, CanonicalTable>();

  constructor(
    /** Every establishment of the départements touched → its département. */
    private readonly establishments: ReadonlyMap<string, string>,
    /** Count of one measure per atom (`atomKey`) in one table; missing atoms count 0. */
    private readonly counts: (measure: SecretMeasure, table: string) => ReadonlyMap<string, number>,
    private readonly rules: SecrecyRules,
  ) {}

  /** The canonical table of a measure in one period and filter. */
  table(measure: SecretMeasure, table: string): CanonicalTable {
    const key = `${measure}\u0001${table}`;
    let t = this.tables.get(key);
    if (!t) {
      const counts = this.counts(measure, table);
      let preHidden: Set<string> | undefined;
      if (measure === 'regular_users') preHidden = this.table('visitors', table).hiddenCells();
      if (measure === 'families_active') {
        // Families are counted among parents: each cell of their table is a part of the visitors' parent cell.
        preHidden = new Set();
        for (const key of this.table('visitors', table).hiddenCells()) {
          const [departement, uai, profile] = key.split('|');
          if (profile !== 'parent') continue;
          preHidden.add(cellKey(departement, uai === '*' ? null : uai, 'parent'));
          preHidden.add(cellKey(departement, uai === '*' ? null : uai, null));
        }
      }
      t = new CanonicalTable({ establishments: this.establishments, profiles: PROFILES_OF[measure], counts, preHidden }, this.rules);
      this.tables.set(key, t);
    }
    return t;
  }

  /**
   * Publishes a figure made of these atoms: hidden when it is a small count (1 to minCount - 1),
   * or when it cannot be computed from what the canonical tables publish (`secondary`).
   */
  publish(measure: SecretMeasure, atoms: readonly AtomRef[], value: number): Published {
    const primary = publishCount(value, this.rules);
    if (primary.suppressed || value === 0) return primary;
    const byTable = new Map<string, (readonly [string, string])[]>();
    for (const a of atoms) {
      if (!PROFILES_OF[measure].includes(a.profile)) continue;
      let list = byTable.get(a.table);
      if (!list) byTable.set(a.table, (list = []));
      list.push([a.uai, a.profile]);
    }
    for (const [table, list] of byTable) {
      if (!this.table(measure, table).derivable(list)) return { value: null, suppressed: true, reason: 'secondary' };
    }
    return primary;
  }
}
