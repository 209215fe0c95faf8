/**
 * Errors and version negotiation of the xAPI statements resource. Statements themselves are
 * validated by `validate-xapi-statement.ts`. An invalid statement makes the whole request fail
 * (xAPI: a batch is stored entirely or not at all).
 */
export type XapiErrorReason =
  | 'invalid_version_header'
  | 'invalid_statement'
  | 'duplicate_statement_id'
  | 'unmapped_statement'
  | 'conflicting_statement'
  | 'too_old'
  | 'future_date';

export class XapiError extends Error {
  constructor(
    readonly status: 400 | 409,
    readonly reason: XapiErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'XapiError';
  }
}

/** The version this LRS speaks, sent in `X-Experience-API-Version` on every answer. */
export const XAPI_VERSION = '1.0.3';
/** What `GET /xapi/about` lists: every 1.0.x is read as 1.0.3 (xAPI 1.0.3, Communication 3.3). */
export const XAPI_SUPPORTED_VERSIONS = ['1.0.3', '1.0.2', '1.0.1', '1.0.0'] as const;

/** "1.0" or "1.0.x": xAPI 1.0.3 requires the LRS to accept any 1.0 patch version and refuse the rest. */
const ACCEPTED_VERSION = /^1\.0(\.\d+)?$/;

/** Checks the X-Experience-API-Version header (required by xAPI on every request but `GET /about`). */
export function checkXapiVersionHeader(value: string | string[] | undefined): void {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) throw new XapiError(400, 'invalid_version_header', `the X-Experience-API-Version header is required (e.g. ${XAPI_VERSION})`);
  if (!ACCEPTED_VERSION.test(v.trim())) {
    throw new XapiError(400, 'invalid_version_header', `X-Experience-API-Version ${v.trim().slice(0, 20)} is not supported: this LRS speaks 1.0.x (${XAPI_VERSION})`);
  }
}
