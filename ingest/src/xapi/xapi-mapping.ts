import { SERVICES } from '@ent/contracts';
import type { IncomingEventV1 } from '../contract/event-contract';
import { xapiTimestampToIso } from './xapi-timestamp';

/** Namespace of the observatory's xAPI extensions and activity ids (see ingest/README.md). */
export const XAPI_NS = 'https://observatoire-ent.fr/xapi';
export const XAPI_EXTENSIONS = {
  uai: `${XAPI_NS}/extensions/uai`,
  profile: `${XAPI_NS}/extensions/profile`,
  familyId: `${XAPI_NS}/extensions/family-id`,
  sessionId: `${XAPI_NS}/extensions/session-id`,
  service: `${XAPI_NS}/extensions/service`,
  device: `${XAPI_NS}/extensions/device`,
} as const;
export const XAPI_SERVICE_PREFIX = `${XAPI_NS}/services/`;

/** xAPI verbs the observatory understands, and the contract action each one becomes. */
export const XAPI_VERB_ACTIONS: Record<string, string> = {
  'https://w3id.org/xapi/adl/verbs/logged-in': 'login',
  'http://adlnet.gov/expapi/verbs/logged-in': 'login',
  'https://w3id.org/xapi/adl/verbs/logged-out': 'logout',
  'http://adlnet.gov/expapi/verbs/logged-out': 'logout',
  'http://adlnet.gov/expapi/verbs/launched': 'access',
  'http://adlnet.gov/expapi/verbs/experienced': 'access',
  'http://activitystrea.ms/schema/1.0/access': 'access',
  'http://id.tincanapi.com/verb/viewed': 'access',
  'https://w3id.org/xapi/dod-isd/verbs/accessed': 'access',
  'http://activitystrea.ms/schema/1.0/create': 'create',
  'http://activitystrea.ms/schema/1.0/update': 'update',
  'http://activitystrea.ms/schema/1.0/send': 'send',
  'http://id.tincanapi.com/verb/downloaded': 'download',
  'http://activitystrea.ms/schema/1.0/submit': 'submit',
};

const SERVICE_SET = new Set<string>(SERVICES);

export type MappingResult = { ok: true; event: Partial<IncomingEventV1> & Record<string, unknown> } | { ok: false; field: string; message: string };

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const asList = (v: unknown): Obj[] => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).map(obj));
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function serviceFromId(id: unknown): string | undefined {
  const s = str(id);
  if (!s?.startsWith(XAPI_SERVICE_PREFIX)) return undefined;
  const code = s.slice(XAPI_SERVICE_PREFIX.length);
  return SERVICE_SET.has(code) ? code : undefined;
}

/**
 * Maps a valid xAPI statement to an event of contract v1 (then validated like any event).
 * Nothing is guessed: a verb outside the table, or a statement without UAI, profile or service,
 * is refused with the reason.
 */
export function mapStatement(statement: Obj, statementId: string, receivedAtIso: string): MappingResult {
  const actor = obj(statement.actor);
  const account = obj(actor.account);
  const userId = str(account.name) ?? str(actor.mbox) ?? str(actor.mbox_sha1sum) ?? str(actor.openid);
  if (!userId) return { ok: false, field: 'actor', message: 'the actor must be an Agent identified by account, mbox, mbox_sha1sum or openid' };

  const verbId = str(obj(statement.verb).id) ?? '';
  const action = XAPI_VERB_ACTIONS[verbId];
  if (!action) return { ok: false, field: 'verb.id', message: 'this verb has no action in the observatory mapping (see ingest/README.md)' };

  const context = obj(statement.context);
  const ext = obj(context.extensions);
  const uai = str(ext[XAPI_EXTENSIONS.uai]);
  if (!uai) return { ok: false, field: 'context.extensions', message: `the UAI extension ${XAPI_EXTENSIONS.uai} is required` };
  const profile = str(ext[XAPI_EXTENSIONS.profile]);
  if (!profile) return { ok: false, field: 'context.extensions', message: `the profile extension ${XAPI_EXTENSIONS.profile} is required` };

  const object = obj(statement.object);
  const activities = obj(context.contextActivities);
  const service =
    str(ext[XAPI_EXTENSIONS.service]) ??
    [...asList(activities.category), ...asList(activities.parent), ...asList(activities.grouping), ...asList(activities.other)]
      .map((a) => serviceFromId(a.id))
      .find((s) => s !== undefined) ??
    serviceFromId(object.id);
  if (!service) {
    return { ok: false, field: 'object', message: `no service: send the ${XAPI_EXTENSIONS.service} extension or an activity ${XAPI_SERVICE_PREFIX}<code>` };
  }
  const names = obj(obj(object.definition).name);
  const label = str(names['fr-FR']) ?? str(names.fr) ?? str(Object.values(names)[0]);

  const timestamp = str(statement.timestamp);
  const event: Obj = {
    event_id: statementId,
    occurred_at: timestamp === undefined ? receivedAtIso : (xapiTimestampToIso(timestamp) ?? timestamp),
    uai,
    profile,
    user_id: userId,
    service,
    action,
  };
  const familyId = str(ext[XAPI_EXTENSIONS.familyId]);
  if (familyId !== undefined) event.family_id = familyId;
  const sessionId = str(ext[XAPI_EXTENSIONS.sessionId]) ?? str(context.registration);
  if (sessionId !== undefined) event.session_id = sessionId;
  if (label !== undefined) event.service_label = label.slice(0, 100);
  const device = str(ext[XAPI_EXTENSIONS.device]);
  if (device !== undefined) event.device = device;
  return { ok: true, event };
}
