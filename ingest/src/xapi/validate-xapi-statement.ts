import validateWithLearningLocker from '@learninglocker/xapi-validation';

/**
 * xAPI 1.0.3 statement validation by `@learninglocker/xapi-validation` (the validator of the
 * Learning Locker LRS): every property of the statement and of a SubStatement, Agents and Groups
 * wherever they appear, result, context, activity definitions, language maps with RFC 5646 keys,
 * IRIs, UUIDs, ISO 8601 timestamps and durations. This module only prepares the statement the way
 * an LRS does before validating it and turns the validator's first warning into a sentence.
 */

type Obj = Record<string, unknown>;
type Warning = { name?: string; path?: (string | number)[] } & Obj;

const CONTEXT_ACTIVITY_KEYS = ['parent', 'grouping', 'category', 'other'] as const;

const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * xAPI 1.0.3 (Data 2.4.6.2): a context activity may be sent as one Activity object; the LRS turns it
 * into an array of one. Done on a copy, for the statement and for a SubStatement.
 */
export function normaliseStatement(statement: unknown): unknown {
  if (!isObject(statement)) return statement;
  const copy: Obj = { ...statement };
  copy.context = normaliseContext(copy.context);
  if (isObject(copy.object) && copy.object.objectType === 'SubStatement') {
    copy.object = { ...copy.object, context: normaliseContext(copy.object.context) };
    if ((copy.object as Obj).context === undefined) delete (copy.object as Obj).context;
  }
  if (copy.context === undefined) delete copy.context;
  return copy;
}

function normaliseContext(context: unknown): unknown {
  if (!isObject(context) || !isObject(context.contextActivities)) return context;
  const activities: Obj = { ...context.contextActivities };
  for (const key of CONTEXT_ACTIVITY_KEYS) {
    if (isObject(activities[key])) activities[key] = [activities[key]];
  }
  return { ...context, contextActivities: activities };
}

/** Why a (normalised) statement is not valid xAPI 1.0.3, or undefined. */
export function xapiStatementProblem(statement: unknown): string | undefined {
  let warnings: Warning[];
  try {
    warnings = validateWithLearningLocker(statement) as unknown as Warning[];
  } catch {
    // The validator expects JSON values; anything it cannot walk is not a statement.
    return 'the statement is not a valid xAPI statement';
  }
  return warnings.length ? describeWarning(warnings[0]) : undefined;
}

/** `statement.context.team.member[0]` → `context.team.member[0]` (the message names the statement). */
function where(path: (string | number)[] | undefined): string {
  const parts = (path ?? []).slice(1);
  let out = '';
  for (const p of parts) {
    const s = String(p);
    out += /^\d+$/.test(s) ? `[${s}]` : `${out ? '.' : ''}${s.length > 60 ? `${s.slice(0, 60)}…` : s}`;
  }
  return out || 'the statement';
}

const typeName = (t: unknown): string => (typeof t === 'function' ? t.name.toLowerCase() : String(t));

/** The validator's names of the value types whose check is a range rather than a format. */
const VALUE_TYPES: Record<string, string> = { Scaled: 'a number from -1 to 1', Integer: 'an integer' };

/** One sentence per warning class of the validator (and of `rulr`, which it is built on). */
export function describeWarning(w: Warning): string {
  const at = where(w.path);
  switch (w.name) {
    case 'RequiredWarning':
      return `${at} is required`;
    case 'RestrictedKeysWarning':
      return `${at} has properties xAPI does not define: ${(w.keys as string[]).map((k) => k.slice(0, 40)).join(', ')}`;
    case 'TypeWarning':
      if (typeof w.typeName === 'string') return `${at} must be ${VALUE_TYPES[w.typeName] ?? `a valid ${w.typeName}`}`;
      return `${at} must be of type ${typeName(w.type)}`;
    case 'RestrictedValueWarning':
      return `${at} must be ${JSON.stringify(w.requiredValue)}`;
    case 'ObjectTypeWarning':
      return `${at}.objectType is not allowed here`;
    case 'NoIfiWarning':
      return `${at} must have an identifier (mbox, mbox_sha1sum, openid or account)`;
    case 'IfiCountWarning':
      return `${at} must have exactly one identifier, not ${(w.usedIfis as string[]).join(' and ')}`;
    case 'NoMembersWarning':
      return `${at}: an anonymous Group must list its members`;
    case 'MembersTypeWarning':
      return `${at}.member must list Agents only`;
    case 'MembersLengthWarning':
      return `${at}: a Group as authority must have exactly two members`;
    case 'InvalidComponentsWarning':
      return `${at} has components its interactionType does not allow: ${(w.invalidComponents as string[]).join(', ')}`;
    case 'MissingInteractionTypeWarning':
      return `${at}: interaction components require an interactionType`;
    case 'RawLessThanMinWarning':
      return `${at}.raw must not be below min`;
    case 'RawMoreThanMaxWarning':
      return `${at}.raw must not be above max`;
    case 'MinMoreThanMaxWarning':
      return `${at}.min must not be above max`;
    case 'SubStatementWarning':
      return `${at}: a SubStatement cannot hold another SubStatement`;
    case 'ContextPropWarning':
      return 'context.revision and context.platform are only allowed when the object is an Activity';
    case 'VoidWarning':
      return 'a voiding statement must have a StatementRef as object';
    default:
      return `${at} is not valid xAPI 1.0.3`;
  }
}
