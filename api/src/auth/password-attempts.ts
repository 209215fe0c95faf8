import type { Repository } from 'typeorm';
import { AppUserEntity } from './entities/app-user.entity';

/** Consecutive failures allowed before the account is locked. */
export const MAX_FAILED_LOGINS = 5;
const FIRST_LOCK_MINUTES = 15;
const MAX_LOCK_MINUTES = 24 * 60;
/** From this many failures on, the lock is at its longest (15 min · 2^7 > 24 h). */
const LONGEST_LOCK_FROM = MAX_FAILED_LOGINS + Math.ceil(Math.log2(MAX_LOCK_MINUTES / FIRST_LOCK_MINUTES));

/** Minutes an account is locked after `failures` consecutive failures (0 below the threshold). */
export function lockMinutes(failures: number): number {
  if (failures < MAX_FAILED_LOGINS) return 0;
  return Math.min(FIRST_LOCK_MINUTES * 2 ** (failures - MAX_FAILED_LOGINS), MAX_LOCK_MINUTES);
}

/**
 * A granted attempt already counts as a failure; `lockedUntil` is the lock it set (when it reached
 * the threshold), to be answered if the password turns out wrong.
 */
export type AttemptClaim = { granted: true; lockedUntil?: Date } | { granted: false; lockedUntil: Date };

/**
 * Counts password attempts (sign-in and change of password) so that no more than
 * MAX_FAILED_LOGINS consecutive wrong passwords are ever checked, however many requests arrive
 * at once.
 *
 * Every attempt is counted as a failure BEFORE the password is checked, by one conditional
 * `UPDATE … SET failed_logins = failed_logins + 1, locked_until = <lock of the new count> WHERE
 * id = … AND not locked … RETURNING`: the row is updated atomically on SQLite (one writer) and on
 * PostgreSQL (the row lock makes a concurrent UPDATE re-read the committed row and its lock), so
 * the attempt that reaches the threshold locks the account in the same statement and every
 * concurrent one finds it locked. A right password then clears the count (`succeeded`).
 * Reading the row, checking the password and then saving the count let 20 concurrent guesses
 * each read "0 failures".
 */
export class PasswordAttempts {
  constructor(private readonly users: Repository<AppUserEntity>) {}

  /** Counts one attempt for the user, unless the account is locked at `now`. */
  async claim(userId: string, now: Date): Promise<AttemptClaim> {
    const lockAfter = (failures: number) => new Date(now.getTime() + lockMinutes(failures) * 60_000);
    const next = 'failed_logins + 1';
    // Most failures first; under the threshold the lock stays as it is (null or past, see WHERE).
    // The ELSE branch also gives the CASE the column's type on PostgreSQL.
    const branches: string[] = [`WHEN ${next} >= ${LONGEST_LOCK_FROM} THEN :lock${LONGEST_LOCK_FROM}`];
    const parameters: Record<string, unknown> = { id: userId, now, [`lock${LONGEST_LOCK_FROM}`]: lockAfter(LONGEST_LOCK_FROM) };
    for (let n = LONGEST_LOCK_FROM - 1; n >= MAX_FAILED_LOGINS; n--) {
      branches.push(`WHEN ${next} = ${n} THEN :lock${n}`);
      parameters[`lock${n}`] = lockAfter(n);
    }
    const [sql, values] = this.users
      .createQueryBuilder()
      .update(AppUserEntity)
      .set({ failedLogins: () => next, lockedUntil: () => `CASE ${branches.join(' ')} ELSE locked_until END` })
      .where('id = :id AND (locked_until IS NULL OR locked_until <= :now)')
      .setParameters(parameters)
      .getQueryAndParameters();

    const runner = this.users.manager.connection.createQueryRunner();
    let rows: Record<string, unknown>[];
    try {
      // TypeORM's `returning()` is PostgreSQL-only; SQLite (3.35+) has RETURNING too.
      rows = (await runner.query(`${sql} RETURNING failed_logins`, values, true)).records as Record<string, unknown>[];
    } finally {
      await runner.release();
    }
    if (rows.length) {
      const failures = Number(rows[0].failed_logins);
      return failures >= MAX_FAILED_LOGINS ? { granted: true, lockedUntil: lockAfter(failures) } : { granted: true };
    }
    const user = await this.users.findOneBy({ id: userId });
    // Locked by another attempt (or the account vanished: then nothing is left to check).
    return { granted: false, lockedUntil: user?.lockedUntil ?? now };
  }

  /** A right password: the consecutive failures start again from zero. */
  async succeeded(userId: string): Promise<void> {
    await this.users.update({ id: userId }, { failedLogins: 0, lockedUntil: null });
  }
}
