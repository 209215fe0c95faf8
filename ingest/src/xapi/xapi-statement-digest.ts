import { createHash } from 'node:crypto';
import { xapiTimestampToIso } from './xapi-timestamp';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (isObject(value)) {
    const out: Obj = {};
    for (const key of Object.keys(value).sort()) out[key] = canonical(value[key]);
    return out;
  }
  return value;
}

const canonicalJson = (value: unknown): string => JSON.stringify(canonical(value));

/** A Group's members are an unordered list. */
function comparableActor(actor: unknown): unknown {
  if (!isObject(actor) || !Array.isArray(actor.member)) return actor;
  return { ...actor, member: [...actor.member].sort((a, b) => (canonicalJson(a) < canonicalJson(b) ? -1 : 1)) };
}

/** An Activity's definition is not part of the statement: only its id (and objectType) are compared. */
function comparableActivity(activity: unknown): unknown {
  if (!isObject(activity)) return activity;
  const { definition: _definition, ...rest } = activity;
  return rest;
}

function comparableObject(object: unknown): unknown {
  if (!isObject(object)) return object;
  const type = object.objectType ?? 'Activity';
  if (type === 'Activity') return comparableActivity(object);
  if (type === 'Agent' || type === 'Group') return comparableActor(object);
  if (type === 'SubStatement') return comparableStatement(object);
  return object;
}

function comparableContext(context: unknown): unknown {
  if (!isObject(context)) return context;
  const out: Obj = { ...context };
  if (out.instructor !== undefined) out.instructor = comparableActor(out.instructor);
  if (out.team !== undefined) out.team = comparableActor(out.team);
  if (isObject(out.contextActivities)) {
    out.contextActivities = Object.fromEntries(
      Object.entries(out.contextActivities).map(([k, list]) => [k, Array.isArray(list) ? list.map(comparableActivity) : comparableActivity(list)]),
    );
  }
  return out;
}

/** Properties the LRS assigns or that are not part of the statement (xAPI 1.0.3, Data 2.3.1). */
const NOT_COMPARED = new Set(['id', 'stored', 'authority', 'version', 'attachments']);

function comparableStatement(statement: Obj): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(statement)) if (!NOT_COMPARED.has(k)) out[k] = v;
  out.actor = comparableActor(out.actor);
  if (isObject(out.verb)) out.verb = { ...out.verb, display: undefined };
  out.object = comparableObject(out.object);
  if (out.context !== undefined) out.context = comparableContext(out.context);
  // The same instant written in another time zone is the same timestamp.
  if (typeof out.timestamp === 'string') out.timestamp = xapiTimestampToIso(out.timestamp) ?? out.timestamp;
  return out;
}

/**
 * SHA-256 (hex) of what xAPI 1.0.3 compares when a statement id comes again (Data 2.3.1, "Statement
 * Comparison Requirements"): not the properties the LRS assigns (id, stored, authority, version),
 * attachments, verb displays or activity definitions; not the order of keys or of a Group's
 * members; a timestamp as the instant it names. Equal digests: the same statement sent again;
 * different: a conflict.
 */
export function statementDigest(statement: Obj): string {
  return createHash('sha256').update(canonicalJson(comparableStatement(statement))).digest('hex');
}
