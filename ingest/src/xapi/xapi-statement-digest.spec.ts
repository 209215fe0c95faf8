import { statementDigest } from './xapi-statement-digest';

const s = {
  id: '6f9619ff-8b86-4d11-b42d-00c04fc964ff',
  actor: { mbox: 'mailto:a@ent.example.org', objectType: 'Agent' },
  verb: { id: 'http://adlnet.gov/expapi/verbs/launched' },
  object: { id: 'https://ent.example.org/notes' },
};

describe('statementDigest', () => {
  it('is the SHA-256 of the content with keys sorted, whatever their order', () => {
    const reordered = { object: s.object, verb: s.verb, actor: { objectType: 'Agent', mbox: 'mailto:a@ent.example.org' }, id: s.id };
    expect(statementDigest(reordered)).toBe(statementDigest(s));
    expect(statementDigest(s)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('leaves out the properties the LRS owns: id, stored, authority, version', () => {
    const withLrsProperties = { ...s, id: '00000000-0000-4000-8000-000000000000', stored: '2026-01-05T08:30:00Z', authority: { mbox: 'mailto:lrs@ent.example.org' }, version: '1.0.3' };
    expect(statementDigest(withLrsProperties)).toBe(statementDigest(s));
  });

  it('differs when the content differs, arrays in their order', () => {
    expect(statementDigest({ ...s, result: { completion: true } })).not.toBe(statementDigest(s));
    expect(statementDigest({ ...s, context: { contextActivities: { other: [{ id: 'a:1' }, { id: 'a:2' }] } } })).not.toBe(
      statementDigest({ ...s, context: { contextActivities: { other: [{ id: 'a:2' }, { id: 'a:1' }] } } }),
    );
  });
});
