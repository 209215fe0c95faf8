import { xapiTimestampToIso } from './xapi-timestamp';

describe('xapiTimestampToIso', () => {
  it.each([
    ['2026-01-05T08:30:00+01:00', '2026-01-05T07:30:00.000Z'],
    ['2026-01-05T08:30:00.1234567Z', '2026-01-05T08:30:00.123Z'],
    ['2026-01-05T08:30+01', '2026-01-05T07:30:00.000Z'],
    ['2026-01-05T08-05:30', '2026-01-05T13:30:00.000Z'],
    ['20260105T083000Z', '2026-01-05T08:30:00.000Z'],
    ['20260105T083000-0130', '2026-01-05T10:00:00.000Z'],
    ['2026-01-05', '2026-01-05T00:00:00.000Z'],
  ])('reads %s as %s', (timestamp, iso) => {
    expect(xapiTimestampToIso(timestamp)).toBe(iso);
  });

  it('gives undefined for what is not an ISO 8601 timestamp', () => {
    expect(xapiTimestampToIso('yesterday')).toBeUndefined();
  });
});
