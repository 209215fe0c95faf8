/**
 * xAPI 1.0.3 statement validation, limited to what an LRS must check before storing: the
 * structure of actor, verb, object, context, timestamps and ids. An invalid statement makes the
 * whole request fail (xAPI: a batch is stored entirely or not at all).
 */
export class XapiError extends Error {
  constructor(
    readonly status: 400,
    readonly reason: 'invalid_version_header' | 'invalid_statement' | 'unmapped_statement',
    message: string,
  ) {
    super(message);
    this.name = 'XapiError';
  }
}

const VERSION = /^1\.0(\.\d+)?$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const IRI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$/;
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?$/;
const STATEMENT_KEYS = new Set(['id', 'actor', 'verb', 'object', 'result', 'context', 'timestamp', 'stored', 'authority', 'version', 'attachments']);
const CONTEXT_KEYS = new Set(['registration', 'instructor', 'team', 'contextActivities', 'revision', 'platform', 'language', 'statement', 'extensions']);
const CONTEXT_ACTIVITY_KEYS = new Set(['parent', 'grouping', 'category', 'other']);

/** Checks the X-Experience-API-Version header (required by xAPI on every request). */
export function checkXapiVersionHeader(value: string | string[] | undefined): void {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) throw new XapiError(400, 'invalid_version_header', 'the X-Experience-API-Version header is required (e.g. 1.0.3)');
  if (!VERSION.test(v.trim())) throw new XapiError(400, 'invalid_version_header', 'X-Experience-API-Version must be 1.0.x');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function languageMap(v: unknown, where: string): string | undefined {
  if (v === undefined) return undefined;
  if (!isObject(v) || Object.values(v).some((s) => typeof s !== 'string')) return `${where} must be a language map`;
  return undefined;
}

function agentProblem(v: unknown, where: string, allowGroup = true): string | undefined {
  if (!isObject(v)) return `${where} must be an object`;
  const type = v.objectType ?? 'Agent';
  if (type !== 'Agent' && !(allowGroup && type === 'Group')) return `${where}.objectType must be Agent${allowGroup ? ' or Group' : ''}`;
  const ifis = ['mbox', 'mbox_sha1sum', 'openid', 'account'].filter((k) => v[k] !== undefined);
  if (type === 'Agent' && ifis.length !== 1) return `${where} must have exactly one identifier (mbox, mbox_sha1sum, openid or account)`;
  if (type === 'Group') {
    if (ifis.length > 1) return `${where} must have at most one identifier`;
    if (ifis.length === 0 && !Array.isArray(v.member)) return `${where}: an anonymous group must list its members`;
    if (Array.isArray(v.member)) {
      for (let i = 0; i < v.member.length; i++) {
        const p = agentProblem(v.member[i], `${where}.member[${i}]`, false);
        if (p) return p;
      }
    }
  }
  if (v.mbox !== undefined && (typeof v.mbox !== 'string' || !/^mailto:[^@\s]+@[^@\s]+$/.test(v.mbox))) return `${where}.mbox must be a mailto: IRI`;
  if (v.mbox_sha1sum !== undefined && (typeof v.mbox_sha1sum !== 'string' || !/^[0-9a-fA-F]{40}$/.test(v.mbox_sha1sum))) {
    return `${where}.mbox_sha1sum must be 40 hexadecimal characters`;
  }
  if (v.openid !== undefined && (typeof v.openid !== 'string' || !IRI.test(v.openid))) return `${where}.openid must be a URI`;
  if (v.account !== undefined) {
    const a = v.account;
    if (!isObject(a) || typeof a.homePage !== 'string' || !IRI.test(a.homePage) || typeof a.name !== 'string' || a.name === '') {
      return `${where}.account must have a homePage IRL and a name`;
    }
  }
  if (v.name !== undefined && typeof v.name !== 'string') return `${where}.name must be a string`;
  return undefined;
}

function activityProblem(v: unknown, where: string): string | undefined {
  if (!isObject(v)) return `${where} must be an object`;
  if ((v.objectType ?? 'Activity') !== 'Activity') return `${where}.objectType must be Activity`;
  if (typeof v.id !== 'string' || !IRI.test(v.id)) return `${where}.id must be an IRI`;
  if (v.definition !== undefined) {
    if (!isObject(v.definition)) return `${where}.definition must be an object`;
    const p = languageMap(v.definition.name, `${where}.definition.name`) ?? languageMap(v.definition.description, `${where}.definition.description`);
    if (p) return p;
    if (v.definition.type !== undefined && (typeof v.definition.type !== 'string' || !IRI.test(v.definition.type))) {
      return `${where}.definition.type must be an IRI`;
    }
  }
  return undefined;
}

function objectProblem(v: unknown, where: string, nested: boolean): string | undefined {
  if (!isObject(v)) return `${where} is required and must be an object`;
  const type = v.objectType ?? 'Activity';
  switch (type) {
    case 'Activity':
      return activityProblem(v, where);
    case 'Agent':
    case 'Group':
      return agentProblem(v, where);
    case 'StatementRef':
      return typeof v.id === 'string' && UUID.test(v.id) ? undefined : `${where}.id must be a UUID`;
    case 'SubStatement':
      if (nested) return `${where}: a SubStatement cannot hold another SubStatement`;
      return agentProblem(v.actor, `${where}.actor`) ?? verbProblem(v.verb, `${where}.verb`) ?? objectProblem(v.object, `${where}.object`, true);
    default:
      return `${where}.objectType must be Activity, Agent, Group, StatementRef or SubStatement`;
  }
}

function verbProblem(v: unknown, where: string): string | undefined {
  if (!isObject(v)) return `${where} is required and must be an object`;
  if (typeof v.id !== 'string' || !IRI.test(v.id)) return `${where}.id must be an IRI`;
  return languageMap(v.display, `${where}.display`);
}

function contextProblem(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  if (!isObject(v)) return 'context must be an object';
  for (const k of Object.keys(v)) if (!CONTEXT_KEYS.has(k)) return `context.${k.slice(0, 40)} is not an xAPI context property`;
  if (v.registration !== undefined && (typeof v.registration !== 'string' || !UUID.test(v.registration))) return 'context.registration must be a UUID';
  if (v.contextActivities !== undefined) {
    if (!isObject(v.contextActivities)) return 'context.contextActivities must be an object';
    for (const [k, list] of Object.entries(v.contextActivities)) {
      if (!CONTEXT_ACTIVITY_KEYS.has(k)) return `context.contextActivities.${k.slice(0, 40)} must be parent, grouping, category or other`;
      const items = Array.isArray(list) ? list : [list];
      for (let i = 0; i < items.length; i++) {
        const p = activityProblem(items[i], `context.contextActivities.${k}[${i}]`);
        if (p) return p;
      }
    }
  }
  if (v.extensions !== undefined) {
    if (!isObject(v.extensions)) return 'context.extensions must be an object';
    for (const k of Object.keys(v.extensions)) if (!IRI.test(k)) return 'context.extensions keys must be IRIs';
  }
  if (v.instructor !== undefined) return agentProblem(v.instructor, 'context.instructor');
  return undefined;
}

/** Why a statement is not valid xAPI 1.0.3, or undefined. */
export function statementProblem(s: unknown): string | undefined {
  if (!isObject(s)) return 'a statement must be a JSON object';
  for (const k of Object.keys(s)) if (!STATEMENT_KEYS.has(k)) return `${k.slice(0, 40)} is not an xAPI statement property`;
  if (s.id !== undefined && (typeof s.id !== 'string' || !UUID.test(s.id))) return 'id must be a UUID';
  if (s.actor === undefined) return 'actor is required';
  return (
    agentProblem(s.actor, 'actor') ??
    verbProblem(s.verb, 'verb') ??
    objectProblem(s.object, 'object', false) ??
    contextProblem(s.context) ??
    (s.result !== undefined && !isObject(s.result) ? 'result must be an object' : undefined) ??
    (s.timestamp !== undefined && (typeof s.timestamp !== 'string' || !ISO_8601.test(s.timestamp) || Number.isNaN(Date.parse(s.timestamp)))
      ? 'timestamp must be an ISO 8601 date-time'
      : undefined) ??
    (s.version !== undefined && (typeof s.version !== 'string' || !VERSION.test(s.version)) ? 'version must be 1.0.x' : undefined) ??
    (s.authority !== undefined ? agentProblem(s.authority, 'authority') : undefined)
  );
}
