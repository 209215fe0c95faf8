import { describeRequest } from './describe-request.util';

describe('describeRequest', () => {
  it('keeps what was asked for and redacts secrets', () => {
    expect(describeRequest({ body: { email: 'a@ent.example.fr', password: 'hunter2 hunter2' }, query: { territory: '70' } })).toBe(
      '{"body":{"email":"a@ent.example.fr","password":"[redacted]"},"query":{"territory":"70"}}',
    );
    expect(describeRequest({ from: new Date('2026-01-05T00:00:00.000Z'), apiKey: 'k' })).toBe('{"from":"2026-01-05T00:00:00.000Z","apiKey":"[redacted]"}');
  });

  it('describes a 5,000-deep array within a few levels instead of overflowing the stack', () => {
    const deep = JSON.parse(`${'['.repeat(5000)}${']'.repeat(5000)}`) as unknown;
    expect(describeRequest({ body: deep })).toBe('{"body":[[[[["[…]"]]]]]}');
  });

  it('bounds wide arrays and objects and long strings', () => {
    const wide = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`k${i}`, i]));
    const described = JSON.parse(describeRequest({ list: Array.from({ length: 30 }, (_, i) => i), wide, s: 'x'.repeat(300) })) as Record<string, unknown>;
    expect(described.list).toEqual([...Array.from({ length: 20 }, (_, i) => i), '… 10 more']);
    expect(Object.keys(described.wide as object)).toHaveLength(21);
    expect((described.wide as Record<string, unknown>)['…']).toBe('5 more keys');
    expect(described.s).toBe(`${'x'.repeat(200)}…`);
  });

  it('cuts the description at 2,000 characters', () => {
    const text = describeRequest({ a: Array.from({ length: 20 }, () => 'y'.repeat(200)) });
    expect(text).toHaveLength(2001);
    expect(text.endsWith('…')).toBe(true);
  });
});
