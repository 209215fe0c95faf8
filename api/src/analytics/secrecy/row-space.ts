/**
 * The row space of a small linear system, kept in reduced row echelon form: which linear
 * combinations of hidden figures an attacker can compute from published ones. A hidden figure is
 * disclosed when its unit vector lies in the space; a requested aggregate adds no information when
 * its vector does.
 *
 * Coefficients are small integers (each equation is "a total minus its parts"), the systems have at
 * most a few hundred unknowns (one département's hidden cells), so floating point with a tolerance
 * is exact enough and far simpler than rationals.
 */
const EPSILON = 1e-9;

export class RowSpace {
  /** Basis rows by pivot column; every pivot column is zero in every other row. */
  private readonly rows = new Map<number, Float64Array>();

  constructor(readonly size: number) {}

  get rank(): number {
    return this.rows.size;
  }

  /** Adds a row (sparse: column → coefficient). */
  add(row: ReadonlyMap<number, number>): void {
    const v = this.reduce(this.dense(row));
    const pivot = v.findIndex((x) => Math.abs(x) > EPSILON);
    if (pivot < 0) return;
    const scale = v[pivot];
    for (let i = 0; i < v.length; i++) v[i] /= scale;
    for (const other of this.rows.values()) {
      const f = other[pivot];
      if (Math.abs(f) > EPSILON) for (let i = 0; i < v.length; i++) other[i] -= f * v[i];
    }
    this.rows.set(pivot, v);
  }

  /** Whether the vector (sparse) is a linear combination of the rows. */
  contains(vector: ReadonlyMap<number, number>): boolean {
    return this.reduce(this.dense(vector)).every((x) => Math.abs(x) <= EPSILON);
  }

  private dense(sparse: ReadonlyMap<number, number>): Float64Array {
    const v = new Float64Array(this.size);
    for (const [i, x] of sparse) v[i] += x;
    return v;
  }

  private reduce(v: Float64Array): Float64Array {
    for (const [pivot, row] of this.rows) {
      const f = v[pivot];
      if (Math.abs(f) > EPSILON) for (let i = 0; i < v.length; i++) v[i] -= f * row[i];
    }
    return v;
  }
}
