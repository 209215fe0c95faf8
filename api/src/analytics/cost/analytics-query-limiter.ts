import type { AnalyticsLimits } from '@ent/config';
import { AuthErrorCode, AuthException } from '../../auth/auth.errors';
import type { ObservatoryRequest } from '../../auth/utils/request-context.util';

/** Whose turn a question takes: the signed-in user (analytics fields are never public; the address otherwise). */
export function limiterKeyOf(req: ObservatoryRequest | undefined): string {
  return req?.user ? `user:${req.user.id}` : `ip:${req?.ip ?? 'unknown'}`;
}

interface Waiter {
  user: string;
  start: () => void;
}

/** Seconds a refused caller is told to wait: an analytics answer takes about that long. */
const RETRY_AFTER_SECONDS = 2;

/**
 * How many analytics questions are computed at once: at most `maxConcurrentPerUser` per user and
 * `maxConcurrent` overall (the embedded ClickHouse and the event loop are shared by every user).
 * The others wait their turn, first come first served, a user's next question starting when one
 * of theirs ends; beyond `maxQueuedPerUser` waiting questions of a user (or 32 per overall slot in
 * all), a question is refused RATE_LIMITED with a Retry-After.
 */
export class AnalyticsQueryLimiter {
  private running = 0;
  private readonly runningByUser = new Map<string, number>();
  private readonly queuedByUser = new Map<string, number>();
  private readonly waiters: Waiter[] = [];
  private readonly maxQueued: number;

  constructor(private readonly limits: Pick<AnalyticsLimits, 'maxConcurrentPerUser' | 'maxConcurrent' | 'maxQueuedPerUser'>) {
    this.maxQueued = limits.maxConcurrent * 32;
  }

  /** Questions being computed now, and waiting, overall. */
  get stats(): { running: number; queued: number } {
    return { running: this.running, queued: this.waiters.length };
  }

  async run<T>(user: string, work: () => Promise<T>): Promise<T> {
    await this.acquire(user);
    try {
      return await work();
    } finally {
      this.release(user);
    }
  }

  private canStart(user: string): boolean {
    return this.running < this.limits.maxConcurrent && (this.runningByUser.get(user) ?? 0) < this.limits.maxConcurrentPerUser;
  }

  private begin(user: string): void {
    this.running++;
    this.runningByUser.set(user, (this.runningByUser.get(user) ?? 0) + 1);
  }

  private acquire(user: string): Promise<void> {
    // Nobody of this user waiting ahead: start now when there is room.
    if (!this.queuedByUser.get(user) && this.canStart(user)) {
      this.begin(user);
      return Promise.resolve();
    }
    const queued = this.queuedByUser.get(user) ?? 0;
    if (queued >= this.limits.maxQueuedPerUser || this.waiters.length >= this.maxQueued) {
      const mine = this.runningByUser.get(user) ?? 0;
      throw new AuthException(
        AuthErrorCode.RateLimited,
        `Too many analytics questions at once: ${mine} being computed and ${queued} waiting for you (at most ${this.limits.maxConcurrentPerUser} computed and ${this.limits.maxQueuedPerUser} waiting per user). Try again in ${RETRY_AFTER_SECONDS} s, or ask them one after the other.`,
        RETRY_AFTER_SECONDS,
      );
    }
    this.queuedByUser.set(user, queued + 1);
    return new Promise<void>((resolve) => this.waiters.push({ user, start: resolve }));
  }

  private release(user: string): void {
    this.running--;
    const mine = (this.runningByUser.get(user) ?? 1) - 1;
    if (mine) this.runningByUser.set(user, mine);
    else this.runningByUser.delete(user);
    this.pump();
  }

  /** Starts the oldest waiting questions that now have room. */
  private pump(): void {
    for (let i = 0; i < this.waiters.length && this.running < this.limits.maxConcurrent; ) {
      const w = this.waiters[i];
      if (!this.canStart(w.user)) {
        i++;
        continue;
      }
      this.waiters.splice(i, 1);
      const queued = (this.queuedByUser.get(w.user) ?? 1) - 1;
      if (queued) this.queuedByUser.set(w.user, queued);
      else this.queuedByUser.delete(w.user);
      this.begin(w.user);
      w.start();
    }
  }
}
