import { atomKey, CanonicalTable } from './canonical-table';
import { RowSpace } from './row-space';

const rules = { minCount: 11, minDenominator: 20 };
const PROFILES = ['eleve', 'parent', 'enseignant', 'staff'];

function tableOf(rows: Record<string, number[]>, departement = '70'): CanonicalTable {
  const counts = new Map<string, number>();
  for (const [uai, values] of Object.entries(rows)) values.forEach((n, i) => counts.set(atomKey(uai, PROFILES[i]), n));
  return new CanonicalTable({ establishments: new Map(Object.keys(rows).map((u) => [u, departement])), profiles: PROFILES, counts }, rules);
}

const hiddenAtoms = (t: CanonicalTable, uais: string[]) =>
  uais.flatMap((u) => PROFILES.map((p) => [u, p, t.hiddenReason(u, p)] as const)).filter(([, , r]) => r !== null).map(([u, p, r]) => `${u}/${p}:${r}`);

describe('CanonicalTable', () => {
  it('publishes everything when no count is small, zeros included', () => {
    const t = tableOf({ A: [400, 120, 30, 0], B: [300, 90, 25, 12] });
    expect(hiddenAtoms(t, ['A', 'B'])).toEqual([]);
    expect(t.derivable([['A', 'staff']])).toBe(true);
  });

  it('hides a small cell with the smallest cells of its row and column, keeping every total published', () => {
    const t = tableOf({ A: [400, 120, 30, 5], B: [300, 90, 25, 12], C: [200, 80, 20, 15] });
    // A/staff (5) is small: row A hides A/enseignant (30, its smallest); the teachers' column then
    // hides C/enseignant (20, its smallest), the staff column B/staff (12); rows B and C each hold one
    // hidden cell and hide their smallest visible one (greedy, line by line: not the fewest cells).
    expect(hiddenAtoms(t, ['A', 'B', 'C'])).toEqual([
      'A/enseignant:secondary',
      'A/staff:small_count',
      'B/enseignant:secondary',
      'B/staff:secondary',
      'C/enseignant:secondary',
      'C/staff:secondary',
    ]);
    // Every total stays derivable: an establishment, a profile, the département.
    expect(t.derivable(PROFILES.map((p) => ['A', p] as const))).toBe(true);
    expect(t.derivable(['A', 'B', 'C'].map((u) => [u, 'staff'] as const))).toBe(true);
    // A hidden cell, a profile subset holding one hidden cell of a row, an establishment pair
    // holding one hidden cell of a column: none can be computed from what is published.
    expect(t.derivable([['A', 'staff']])).toBe(false);
    expect(t.derivable([['A', 'eleve'], ['A', 'staff']])).toBe(false);
    expect(t.derivable([['A', 'staff'], ['C', 'staff']])).toBe(false);
    // The two hidden cells of a row together are published (total minus the visible ones).
    expect(t.derivable([['A', 'enseignant'], ['A', 'staff']])).toBe(true);
  });

  it('hides an establishment whose total is small with another, and the lone cell behind it', () => {
    // C has 3 people in all: its total is small; the establishments' line hides the next smallest
    // total (D, 11), and D's only cell with it.
    const t = tableOf({ A: [40, 30, 20, 0], B: [50, 20, 15, 0], C: [0, 0, 3, 0], D: [11, 0, 0, 0] });
    expect(hiddenAtoms(t, ['A', 'B', 'C', 'D'])).toContain('D/eleve:secondary');
    expect(t.derivable(PROFILES.map((p) => ['D', p] as const))).toBe(false);
    expect(t.derivable(['A', 'B', 'C', 'D'].flatMap((u) => PROFILES.map((p) => [u, p] as const)))).toBe(true);
  });

  it('decides each département on its own: a territory above publishes only when each part is derivable', () => {
    const counts = new Map<string, number>([
      [atomKey('A', 'eleve'), 100],
      [atomKey('A', 'staff'), 4],
      [atomKey('A', 'parent'), 40],
      [atomKey('B', 'eleve'), 90],
      [atomKey('B', 'staff'), 30],
      [atomKey('B', 'parent'), 50],
      [atomKey('X', 'eleve'), 120],
      [atomKey('X', 'staff'), 25],
    ]);
    const t = new CanonicalTable({ establishments: new Map([['A', '70'], ['B', '70'], ['X', '43']]), profiles: PROFILES, counts }, rules);
    expect(t.hiddenReason('X', 'staff')).toBeNull();
    expect(t.derivable([['X', 'staff'], ['B', 'staff'], ['A', 'staff']])).toBe(true); // 70's staff column is a published total
    expect(t.derivable([['X', 'staff'], ['A', 'staff']])).toBe(false);
    expect(t.derivable([['Y', 'staff']])).toBe(false); // an establishment the table does not hold
  });

  it('leaves no hidden cell that a differencing attacker can solve, on 120 random départements', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 120; round++) {
      const uais = Array.from({ length: 2 + Math.floor(random() * 5) }, (_, i) => `E${i}`);
      const rows: Record<string, number[]> = {};
      for (const u of uais) rows[u] = PROFILES.map(() => (random() < 0.3 ? Math.floor(random() * 11) : random() < 0.2 ? 0 : 11 + Math.floor(random() * 60)));
      const t = tableOf(rows);
      // The attacker asks every union of establishments (up to 6: all subsets) for every union of
      // profiles; each published answer is one equation over the hidden atoms.
      const atoms = uais.flatMap((u) => PROFILES.map((p) => [u, p] as const));
      const hidden = atoms.filter(([u, p]) => t.hiddenReason(u, p) !== null);
      const column = new Map(hidden.map(([u, p], i) => [atomKey(u, p), i]));
      const space = new RowSpace(hidden.length);
      for (let es = 1; es < 2 ** uais.length; es++) {
        for (let ps = 1; ps < 2 ** PROFILES.length; ps++) {
          const set = atoms.filter(([u, p]) => es & (2 ** uais.indexOf(u)) && ps & (2 ** PROFILES.indexOf(p)));
          if (!t.derivable(set)) continue;
          const row = new Map<number, number>();
          for (const [u, p] of set) if (column.has(atomKey(u, p))) row.set(column.get(atomKey(u, p)) as number, 1);
          if (row.size) space.add(row);
        }
      }
      for (const [u, p] of hidden) expect({ round, atom: `${u}/${p}`, recovered: space.contains(new Map([[column.get(atomKey(u, p)) as number, 1]])) }).toEqual({ round, atom: `${u}/${p}`, recovered: false });
    }
  });
});
