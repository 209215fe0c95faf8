import { PublishedAnswers } from './published-answers';

const answer = (question: string) => ({ question, asOf: new Date('2026-11-23T10:00:00Z') });

describe('PublishedAnswers', () => {
  it('gives a publication back only on the catalog revision it was built on', () => {
    const kept = new PublishedAnswers<string[]>((r) => r.length);
    kept.keep('q', { catalogRevision: 7, answers: [answer('a')], result: ['x'] });
    expect(kept.get('q', 7)).toMatchObject({ catalogRevision: 7, answers: [answer('a')], result: ['x'] });
    expect(kept.get('other', 7)).toBeUndefined();
    expect(kept.get('q', 8)).toBeUndefined();
    expect(kept.get('q', 7)).toBeUndefined(); // forgotten once its revision passed
    expect(kept.size).toEqual({ entries: 0, total: 0 });
  });

  it('keeps the most recently read up to its number of entries, and none larger than its size', () => {
    const kept = new PublishedAnswers<string[]>((r) => r.length, 3, 2);
    kept.keep('a', { catalogRevision: 1, answers: [], result: ['1'] });
    kept.keep('b', { catalogRevision: 1, answers: [], result: ['2'] });
    kept.get('a', 1);
    kept.keep('c', { catalogRevision: 1, answers: [], result: ['3'] });
    expect([kept.get('a', 1)?.result, kept.get('b', 1)?.result, kept.get('c', 1)?.result]).toEqual([['1'], undefined, ['3']]);
    kept.keep('a', { catalogRevision: 1, answers: [], result: ['1', '2', '3', '4'] });
    expect(kept.get('a', 1)).toBeUndefined(); // too large: not kept, and the smaller one it replaces is gone
    expect(kept.size).toEqual({ entries: 1, total: 1 });
  });

  it('keeps no more than its total size, the least recently read going first', () => {
    const kept = new PublishedAnswers<string[]>((r) => r.length, 3, 10, 5);
    kept.keep('a', { catalogRevision: 1, answers: [], result: ['1', '2'] });
    kept.keep('b', { catalogRevision: 1, answers: [], result: ['1', '2'] });
    kept.get('a', 1);
    kept.keep('c', { catalogRevision: 1, answers: [], result: ['1', '2', '3'] }); // 7 > 5: b goes (2 + 3 = 5)
    expect([kept.get('a', 1) !== undefined, kept.get('b', 1) !== undefined, kept.get('c', 1) !== undefined]).toEqual([true, false, true]);
    expect(kept.size).toEqual({ entries: 2, total: 5 });
  });
});
