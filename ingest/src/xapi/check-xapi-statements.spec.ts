import { checkConflicts, checkXapiStatements } from './check-xapi-statements';
import { normaliseStatement, xapiStatementProblem } from './validate-xapi-statement';
import { XapiError } from './xapi-statement';

const ID = '6f9619ff-8b86-4d11-b42d-00c04fc964ff';
const statement = (extra: Record<string, unknown> = {}) => ({
  actor: { mbox: 'mailto:a@ent.example.org' },
  verb: { id: 'http://adlnet.gov/expapi/verbs/launched' },
  object: { id: 'https://ent.example.org/notes' },
  ...extra,
});

function thrown(f: () => unknown): { status: number; reason: string; message: string } {
  try {
    f();
  } catch (err) {
    if (err instanceof XapiError) return { status: err.status, reason: err.reason, message: err.message };
    throw err;
  }
  throw new Error('nothing thrown');
}

describe('checkXapiStatements', () => {
  it('gives each statement its id in lower case, the PUT id, or a generated one', () => {
    const [a, b] = checkXapiStatements([statement({ id: ID.toUpperCase() }), statement()]);
    expect([a.id, a.idFromSender]).toEqual([ID, true]);
    expect(b.idFromSender).toBe(false);
    expect(b.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(checkXapiStatements([statement()], ID)[0]).toMatchObject({ id: ID, idFromSender: true });
  });

  it('refuses the first invalid statement by its index and the validator warning', () => {
    expect(thrown(() => checkXapiStatements([statement(), statement({ context: { language: 'not a tag!' } })]))).toEqual({
      status: 400,
      reason: 'invalid_statement',
      message: 'statement 1: context.language must be a valid Language',
    });
  });

  it('refuses an id twice in one request', () => {
    expect(thrown(() => checkXapiStatements([statement({ id: ID }), statement({ id: ID })]))).toEqual({
      status: 400,
      reason: 'duplicate_statement_id',
      message: 'statement 1: its id is already the id of statement 0 of this request',
    });
  });

  it('turns a single context activity into an array before validating and digesting', () => {
    const one = checkXapiStatements([statement({ context: { contextActivities: { parent: { id: 'https://ent.example.org/p' } } } })])[0];
    const many = checkXapiStatements([statement({ context: { contextActivities: { parent: [{ id: 'https://ent.example.org/p' }] } } })])[0];
    expect(one.statement.context).toEqual({ contextActivities: { parent: [{ id: 'https://ent.example.org/p' }] } });
    expect(one.digest).toBe(many.digest);
  });
});

describe('checkConflicts', () => {
  it('refuses with 409 a stored id whose digest differs, and lets the same digest through', () => {
    const [c] = checkXapiStatements([statement({ id: ID })]);
    expect(() => checkConflicts([c], new Map([[ID, c.digest]]))).not.toThrow();
    expect(thrown(() => checkConflicts([c], new Map([[ID, 'f'.repeat(64)]])))).toEqual({
      status: 409,
      reason: 'conflicting_statement',
      message: 'statement 0: a different statement with this id is already stored',
    });
  });
});

describe('xapiStatementProblem', () => {
  it.each([
    [statement({ object: { objectType: 'SubStatement', actor: { mbox: 'mailto:a@b.fr' }, verb: { id: 'a:b' }, object: { id: 'a:c' }, stored: '2026-01-05T08:30:00Z' } }), 'object has properties xAPI does not define: stored'],
    [statement({ context: { instructor: { objectType: 'Group' } } }), 'context.instructor: an anonymous Group must list its members'],
    [statement({ result: { score: { scaled: 1.5 } } }), 'result.score.scaled must be a number from -1 to 1'],
    [statement({ object: { objectType: 'Agent', mbox: 'mailto:a@b.fr' }, context: { platform: 'ENT' } }), 'context.revision and context.platform are only allowed when the object is an Activity'],
    [statement({ verb: { id: 'http://adlnet.gov/expapi/verbs/voided' } }), 'a voiding statement must have a StatementRef as object'],
    [statement({ object: { id: 'a:b', definition: { moreInfo: 'not an IRL' } } }), 'object.definition.moreInfo must be a valid Internationalized Resource Identifier (IRI)'],
  ])('names the first problem of %j', (s, message) => {
    expect(xapiStatementProblem(normaliseStatement(s))).toBe(message);
  });

  it('accepts a valid statement', () => {
    expect(xapiStatementProblem(statement({ result: { score: { scaled: 0.5, raw: 5, min: 0, max: 10 }, duration: 'PT1H0M0.1S', success: true } }))).toBeUndefined();
  });
});
