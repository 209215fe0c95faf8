import { statementDigest } from './xapi-statement-digest';

const s = {
  id: '6f9619ff-8b86-4d11-b42d-00c04fc964ff',
  actor: { mbox: 'mailto:a@ent.example.org', objectType: 'Agent' },
  verb: { id: 'http://adlnet.gov/expapi/verbs/launched', display: { 'fr-FR': 'a lancé' } },
  object: { id: 'https://ent.example.org/notes', definition: { name: { 'fr-FR': 'Notes' } } },
  timestamp: '2026-01-05T08:30:00+01:00',
};

describe('statementDigest', () => {
  it('is the SHA-256 of the content with keys sorted, whatever their order', () => {
    const reordered = { timestamp: s.timestamp, object: s.object, verb: s.verb, actor: { objectType: 'Agent', mbox: 'mailto:a@ent.example.org' }, id: s.id };
    expect(statementDigest(reordered)).toBe(statementDigest(s));
    expect(statementDigest(s)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ignores what xAPI does not compare: LRS properties, attachments, verb display, activity definitions', () => {
    const other = {
      ...s,
      id: '00000000-0000-4000-8000-000000000000',
      stored: '2026-01-05T08:30:00Z',
      authority: { mbox: 'mailto:lrs@ent.example.org' },
      version: '1.0.3',
      attachments: [{ usageType: 'a:b' }],
      verb: { id: s.verb.id, display: { 'en-US': 'launched' } },
      object: { id: s.object.id },
      context: { contextActivities: { parent: [{ id: 'a:p', definition: { type: 'a:t' } }] } },
    };
    expect(statementDigest(other)).toBe(statementDigest({ ...s, context: { contextActivities: { parent: [{ id: 'a:p' }] } } }));
  });

  it('reads a timestamp as an instant and a Group as unordered members', () => {
    expect(statementDigest({ ...s, timestamp: '2026-01-05T07:30:00Z' })).toBe(statementDigest(s));
    const group = (members: string[]) => ({ ...s, actor: { objectType: 'Group', member: members.map((m) => ({ mbox: `mailto:${m}@ent.example.org` })) } });
    expect(statementDigest(group(['a', 'b']))).toBe(statementDigest(group(['b', 'a'])));
  });

  it('differs when the compared content differs, a result or the order of context activities', () => {
    expect(statementDigest({ ...s, result: { completion: true } })).not.toBe(statementDigest(s));
    expect(statementDigest({ ...s, timestamp: '2026-01-05T08:30:00Z' })).not.toBe(statementDigest(s));
    expect(statementDigest({ ...s, context: { contextActivities: { other: [{ id: 'a:1' }, { id: 'a:2' }] } } })).not.toBe(
      statementDigest({ ...s, context: { contextActivities: { other: [{ id: 'a:2' }, { id: 'a:1' }] } } }),
    );
  });
});
