/**
 * An xAPI timestamp (ISO 8601, extended `2026-01-05T08:30:00.5+01:00` or basic `20260105T083000Z`
 * form, offset hours only `+01`, or a date alone) as the instant it names, for the event contract's
 * `occurred_at`. The statement was validated before: this only reads it. A date alone is midnight UTC.
 */
const EXTENDED = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?(Z|[+-]\d{2}(?::\d{2})?))?$/;
const BASIC = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(?:(\d{2})(?:(\d{2})(\d+)?)?)?(Z|[+-]\d{2}(?:\d{2})?))?$/;

export function xapiTimestampToIso(timestamp: string): string | undefined {
  const m = EXTENDED.exec(timestamp) ?? BASIC.exec(timestamp);
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '0', zone = 'Z'] = m;
  const ms = Math.floor(Number(`0.${fraction}`) * 1000);
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
  }
  const instant = new Date(utc - offsetMinutes * 60_000);
  return Number.isNaN(instant.getTime()) ? undefined : instant.toISOString();
}
