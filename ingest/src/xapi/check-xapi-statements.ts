import { randomUUID } from 'node:crypto';
import { normaliseStatement, xapiStatementProblem } from './validate-xapi-statement';
import { statementDigest } from './xapi-statement-digest';
import { XapiError } from './xapi-statement';

/** A statement of a request that passed xAPI validation, with its id and content digest. */
export interface CheckedStatement {
  statement: Record<string, unknown>;
  /** Lower-case UUID: the statement's `id`, the PUT's `statementId`, or generated. */
  id: string;
  /** Whether the sender chose the id (only such ids can be resent, or conflict). */
  idFromSender: boolean;
  digest: string;
}

/**
 * First stage of `POST`/`PUT /xapi/statements`: every statement valid xAPI 1.0.3, no id twice in
 * the request. Throws the first problem as an XapiError naming the statement's index.
 */
export function checkXapiStatements(statements: readonly unknown[], putId?: string): CheckedStatement[] {
  const checked: CheckedStatement[] = [];
  const firstIndexOfId = new Map<string, number>();
  statements.forEach((raw, i) => {
    const normalised = normaliseStatement(raw);
    const problem = xapiStatementProblem(normalised);
    if (problem) throw new XapiError(400, 'invalid_statement', `statement ${i}: ${problem}`);
    const statement = normalised as Record<string, unknown>;
    const senderId = (statement.id as string | undefined) ?? putId;
    const id = (senderId ?? randomUUID()).toLowerCase();
    const earlier = firstIndexOfId.get(id);
    if (earlier !== undefined) {
      throw new XapiError(400, 'duplicate_statement_id', `statement ${i}: its id is already the id of statement ${earlier} of this request`);
    }
    firstIndexOfId.set(id, i);
    checked.push({ statement, id, idFromSender: senderId !== undefined, digest: statementDigest(statement) });
  });
  return checked;
}

/**
 * xAPI 1.0.3 (Data 2.4.1): an id already stored with other content is a conflict (409); with the
 * same content it is the same statement sent again, accepted and counted once.
 */
export function checkConflicts(checked: readonly CheckedStatement[], stored: ReadonlyMap<string, string>): void {
  checked.forEach((c, i) => {
    const digest = stored.get(c.id);
    if (digest !== undefined && digest !== c.digest) {
      throw new XapiError(409, 'conflicting_statement', `statement ${i}: a different statement with this id is already stored`);
    }
  });
}

/** What the LRS keeps of a stored statement to recognise it when it is sent again. */
export interface StoredDigest {
  statementId: string;
  digest: string;
}
