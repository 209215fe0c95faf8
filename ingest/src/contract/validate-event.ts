import { uaiProblem } from '@ent/contracts';
import {
  DEVICES,
  EVENT_FIELDS,
  FAMILY_PROFILES,
  FIELD_MAX_LENGTH,
  PROFILES,
  REQUIRED_FIELDS,
  SERVICES,
  type EventField,
  type EventProblem,
  type ValidEvent,
} from './event-contract';

/**
 * Which establishments exist. `undefined` means "no catalog yet": any well-formed UAI is accepted.
 */
export interface UaiDirectory {
  isKnown(uai: string): boolean | undefined;
  /**
   * Looks the catalog up again when some of these UAIs are not known (an establishment imported a
   * moment ago), at most every few seconds; validation itself stays synchronous.
   */
  refreshIfUnknown?(uais: ReadonlySet<string>): Promise<void>;
}

export interface ValidationContext {
  nowMs: number;
  /** Events older than this many months are refused (they would fall outside the TTL). */
  retentionMonths: number;
  uaiDirectory?: UaiDirectory;
  /** `retentionStartMs(nowMs, retentionMonths)`, computed once per request by the caller. */
  oldestMs?: number;
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const ACTION = /^[a-z][a-z0-9_-]*$/;
// Cheap first pass: any C0 control (tab excepted), DEL or surrogate at all. Most strings have none.
// eslint-disable-next-line no-control-regex
const SUSPECT_CHARACTERS = /[\u0000-\u0008\u000A-\u001F\u007F\uD800-\uDFFF]/;
// NUL and other C0 controls (tab excepted), DEL, and lone UTF-16 surrogates (pairs are fine).
// eslint-disable-next-line no-control-regex
const BAD_CHARACTERS = /[\u0000-\u0008\u000A-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const FUTURE_TOLERANCE_MS = 24 * 3600 * 1000;
const KNOWN_FIELDS = new Set<string>(EVENT_FIELDS);
const PROFILE_SET = new Set<string>(PROFILES);
const SERVICE_SET = new Set<string>(SERVICES);
const DEVICE_SET = new Set<string>(DEVICES);

export type ValidationResult = { ok: true; event: ValidEvent } | { ok: false; problem: EventProblem };

function fail(field: string, reason: EventProblem['reason'], message: string): ValidationResult {
  return { ok: false, problem: { field, reason, message } };
}

/** The earliest accepted instant: `retentionMonths` calendar months before now. */
export function retentionStartMs(nowMs: number, retentionMonths: number): number {
  const d = new Date(nowMs);
  d.setUTCMonth(d.getUTCMonth() - retentionMonths);
  return d.getTime();
}

/**
 * Checks one item against contract v1. Hand-written rather than a schema library: it runs once per
 * event on the ingest hot path (see performance-anchors §2.4), and reports the first problem with
 * the field it concerns. Messages never echo identifier values.
 */
export function validateEvent(item: unknown, ctx: ValidationContext): ValidationResult {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    return fail('', 'not_an_object', 'an event must be a JSON object');
  }
  const o = item as Record<string, unknown>;
  for (const key in o) {
    if (!KNOWN_FIELDS.has(key)) {
      return fail(key.length > 64 ? `${key.slice(0, 64)}…` : key, 'unknown_field', 'this field is not part of the event contract (version 1)');
    }
  }
  for (const field of REQUIRED_FIELDS) {
    if (o[field] === undefined || o[field] === null || o[field] === '') return fail(field, 'missing_field', `${field} is required`);
  }
  for (const field of EVENT_FIELDS) {
    const v = o[field];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') return fail(field, 'wrong_type', `${field} must be a string`);
    if (v.length > FIELD_MAX_LENGTH[field]) {
      return fail(field, 'too_long', `${field} is longer than ${FIELD_MAX_LENGTH[field]} characters`);
    }
    if (SUSPECT_CHARACTERS.test(v) && BAD_CHARACTERS.test(v)) return fail(field, 'invalid_characters', `${field} contains a control character, NUL or a lone surrogate`);
  }
  const s = o as Record<EventField, string | undefined>;

  if (!UUID.test(s.event_id as string)) return fail('event_id', 'invalid_value', 'event_id must be a UUID');

  const occurred = s.occurred_at as string;
  const occurredAtMs = ISO_WITH_OFFSET.test(occurred) ? Date.parse(occurred) : NaN;
  if (Number.isNaN(occurredAtMs)) {
    return fail('occurred_at', 'invalid_value', 'occurred_at must be an ISO 8601 date-time with an offset (e.g. 2026-01-05T08:30:00+01:00)');
  }
  if (occurredAtMs > ctx.nowMs + FUTURE_TOLERANCE_MS) return fail('occurred_at', 'future_date', 'occurred_at is more than 24 hours in the future');
  if (occurredAtMs < (ctx.oldestMs ?? retentionStartMs(ctx.nowMs, ctx.retentionMonths))) {
    return fail('occurred_at', 'too_old', `occurred_at is older than the retention of raw events (${ctx.retentionMonths} months)`);
  }

  const uai = (s.uai as string).trim().toUpperCase();
  const uaiIssue = uaiProblem(uai);
  if (uaiIssue) return fail('uai', 'invalid_uai', uaiIssue);
  if (ctx.uaiDirectory?.isKnown(uai) === false) return fail('uai', 'unknown_uai', `${uai} is not an establishment of the catalog`);

  const profile = s.profile as string;
  if (!PROFILE_SET.has(profile)) return fail('profile', 'invalid_value', `profile must be one of ${PROFILES.join(', ')}`);
  const service = s.service as string;
  if (!SERVICE_SET.has(service)) return fail('service', 'invalid_value', 'service must be a national service code (see ingest/README.md)');
  const action = s.action as string;
  if (!ACTION.test(action)) return fail('action', 'invalid_value', 'action must be lower-case letters, digits, "_" or "-" (e.g. login, access)');
  if (s.device != null && !DEVICE_SET.has(s.device)) return fail('device', 'invalid_value', `device must be one of ${DEVICES.join(', ')}`);
  if (s.family_id != null && !FAMILY_PROFILES.includes(profile as never)) {
    return fail('family_id', 'invalid_value', 'family_id is only sent for the profiles eleve and parent');
  }
  for (const field of ['user_id', 'family_id', 'session_id'] as const) {
    if (s[field] != null && s[field]!.trim() === '') return fail(field, 'invalid_value', `${field} must not be blank`);
  }

  return {
    ok: true,
    event: {
      eventId: (s.event_id as string).toLowerCase(),
      occurredAtMs,
      uai,
      profile: profile as ValidEvent['profile'],
      userId: s.user_id as string,
      familyId: s.family_id || undefined,
      sessionId: s.session_id || undefined,
      service: service as ValidEvent['service'],
      serviceLabel: s.service_label ?? '',
      action,
      device: (s.device ?? undefined) as ValidEvent['device'],
    },
  };
}
