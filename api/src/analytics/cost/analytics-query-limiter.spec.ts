import { AuthException } from '../../auth/auth.errors';
import { AnalyticsQueryLimiter } from './analytics-query-limiter';

/** A question that ends when the test says so. */
function gate() {
  let open!: () => void;
  const done = new Promise<void>((resolve) => (open = resolve));
  return { open, done };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('AnalyticsQueryLimiter', () => {
  it('computes at most 2 questions of a user at once; the next one starts when one ends', async () => {
    const limiter = new AnalyticsQueryLimiter({ maxConcurrentPerUser: 2, maxConcurrent: 10, maxQueuedPerUser: 5 });
    const gates = [gate(), gate(), gate()];
    const started: number[] = [];
    const runs = gates.map((g, i) => limiter.run('user:1', async () => (started.push(i), g.done)));
    await tick();
    expect(started).toEqual([0, 1]);
    expect(limiter.stats).toEqual({ running: 2, queued: 1 });
    gates[1].open();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    gates[0].open();
    gates[2].open();
    await Promise.all(runs);
    expect(limiter.stats).toEqual({ running: 0, queued: 0 });
  });

  it('refuses RATE_LIMITED with a Retry-After once the user has too many questions waiting; other users go on', async () => {
    const limiter = new AnalyticsQueryLimiter({ maxConcurrentPerUser: 1, maxConcurrent: 10, maxQueuedPerUser: 1 });
    const g = gate();
    const first = limiter.run('user:1', () => g.done);
    const second = limiter.run('user:1', async () => 'second');
    await expect(limiter.run('user:1', async () => 'third')).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: 2,
      message:
        'Too many analytics questions at once: 1 being computed and 1 waiting for you (at most 1 computed and 1 waiting per user). Try again in 2 s, or ask them one after the other.',
    });
    await expect(limiter.run('user:1', async () => 'x')).rejects.toBeInstanceOf(AuthException);
    await expect(limiter.run('user:2', async () => 'other user')).resolves.toBe('other user');
    g.open();
    await first;
    await expect(second).resolves.toBe('second');
  });

  it('computes at most maxConcurrent questions overall, first come first served', async () => {
    const limiter = new AnalyticsQueryLimiter({ maxConcurrentPerUser: 2, maxConcurrent: 2, maxQueuedPerUser: 5 });
    const gates = [gate(), gate(), gate()];
    const started: string[] = [];
    const runs = [
      limiter.run('user:1', async () => (started.push('a'), gates[0].done)),
      limiter.run('user:2', async () => (started.push('b'), gates[1].done)),
      limiter.run('user:3', async () => (started.push('c'), gates[2].done)),
    ];
    await tick();
    expect(started).toEqual(['a', 'b']);
    gates[0].open();
    await tick();
    expect(started).toEqual(['a', 'b', 'c']);
    gates[1].open();
    gates[2].open();
    await Promise.all(runs);
  });

  it('frees the turn of a question that failed', async () => {
    const limiter = new AnalyticsQueryLimiter({ maxConcurrentPerUser: 1, maxConcurrent: 1, maxQueuedPerUser: 1 });
    await expect(limiter.run('user:1', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.run('user:1', async () => 'next')).resolves.toBe('next');
    expect(limiter.stats).toEqual({ running: 0, queued: 0 });
  });
});
