import { DEVICES, PROFILES, SERVICES, type Device, type Profile, type Service } from '@ent/contracts';

/**
 * Event contract, version 1 (documented in ingest/README.md). One usage event of an ENT, as a
 * sender sends it. Identifiers (`user_id`, `family_id`, `session_id`) are raw ENT ids: they are
 * pseudonymised on arrival and never stored.
 */
export interface IncomingEventV1 {
  event_id: string;
  occurred_at: string;
  uai: string;
  profile: Profile;
  user_id: string;
  family_id?: string;
  session_id?: string;
  service: Service;
  service_label?: string;
  action: string;
  device?: Device;
}

export const CONTRACT_VERSION = 1;

export const EVENT_FIELDS = [
  'event_id',
  'occurred_at',
  'uai',
  'profile',
  'user_id',
  'family_id',
  'session_id',
  'service',
  'service_label',
  'action',
  'device',
] as const;
export type EventField = (typeof EVENT_FIELDS)[number];

export const REQUIRED_FIELDS: readonly EventField[] = ['event_id', 'occurred_at', 'uai', 'profile', 'user_id', 'service', 'action'];

/** Fields that carry a raw identifier: never stored, never logged, redacted in dead letters. */
export const IDENTIFIER_FIELDS: readonly EventField[] = ['user_id', 'family_id', 'session_id'];

/** Longest accepted value of each string field (characters). */
export const FIELD_MAX_LENGTH: Record<EventField, number> = {
  event_id: 36,
  occurred_at: 40,
  uai: 16,
  profile: 32,
  user_id: 256,
  family_id: 256,
  session_id: 256,
  service: 64,
  service_label: 100,
  action: 32,
  device: 16,
};

/** Profiles that may carry a household id (pupils and their legal guardians). */
export const FAMILY_PROFILES: readonly Profile[] = ['eleve', 'parent'];

export { DEVICES, PROFILES, SERVICES };

/**
 * Why an event was refused. Stable codes: senders, the dead-letter table and the counters use them.
 */
export const REJECTION_REASONS = [
  'malformed_json',
  'not_an_object',
  'unknown_field',
  'missing_field',
  'wrong_type',
  'too_long',
  'invalid_characters',
  'invalid_value',
  'invalid_uai',
  'unknown_uai',
  'future_date',
  'too_old',
  'unmapped_statement',
  'uai_outside_key_scope',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

export interface EventProblem {
  /** The contract field at fault, or `""` when the whole item is at fault. */
  field: string;
  reason: RejectionReason;
  /** Says what is wrong without echoing identifiers. */
  message: string;
}

/** A validated event, normalised (UAI upper-case, instant in UTC milliseconds). */
export interface ValidEvent {
  eventId: string;
  occurredAtMs: number;
  uai: string;
  profile: Profile;
  userId: string;
  familyId?: string;
  sessionId?: string;
  service: Service;
  serviceLabel: string;
  action: string;
  device?: Device;
}

/** One row of the ClickHouse `events` table, as inserted (JSONEachRow; UInt64 keys as strings). */
export interface EventRow {
  event_id: string;
  occurred_at: string;
  received_at: string;
  source: string;
  uai: string;
  profile: Profile;
  user_key: string;
  family_key: string;
  session_key: string;
  service: string;
  service_label: string;
  action: string;
  device: Device | 'inconnu';
}

/** Source names (ENT platforms) as stored with API keys and on every row. */
export const SOURCE_NAME = /^[a-z0-9][a-z0-9_.-]{0,63}$/;

/** ClickHouse DateTime64(3) text for an instant: `2026-01-05 08:30:00.123` (UTC). */
export function toClickHouseTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  if (iso.length !== 24) throw new RangeError(`instant out of range: ${ms}`);
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}
