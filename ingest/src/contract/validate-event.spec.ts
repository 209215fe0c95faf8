import { retentionStartMs, validateEvent, type ValidationContext } from './validate-event';

const NOW = Date.parse('2026-11-23T10:00:00Z');
const ctx: ValidationContext = { nowMs: NOW, retentionMonths: 13 };
const event = (o: Record<string, unknown> = {}) => ({
  event_id: '6F9619FF-8B86-4D11-B42D-00C04FC964FF',
  occurred_at: '2026-11-23T08:30:00.250+01:00',
  uai: ' 0700035h ',
  profile: 'parent',
  user_id: 'raw-user',
  family_id: 'raw-family',
  service: 'notes',
  action: 'login',
  ...o,
});

describe('validateEvent (contract v1)', () => {
  it('normalises a valid event: lower-case id, upper-case UAI, instant in UTC', () => {
    const r = validateEvent(event(), ctx);
    expect(r).toEqual({
      ok: true,
      event: {
        eventId: '6f9619ff-8b86-4d11-b42d-00c04fc964ff',
        occurredAtMs: Date.parse('2026-11-23T07:30:00.250Z'),
        uai: '0700035H',
        profile: 'parent',
        userId: 'raw-user',
        familyId: 'raw-family',
        sessionId: undefined,
        service: 'notes',
        serviceLabel: '',
        action: 'login',
        device: undefined,
      },
    });
  });

  it.each([
    [{ occurred_at: '2026-11-24T10:00:01Z' }, 'occurred_at', 'future_date'],
    [{ occurred_at: '2026-11-24T09:59:00Z' }, undefined, undefined],
    [{ occurred_at: '2025-10-23T09:59:59Z' }, 'occurred_at', 'too_old'],
    [{ occurred_at: '2025-10-23T10:00:01Z' }, undefined, undefined],
    [{ user_id: '' }, 'user_id', 'missing_field'],
    [{ user_id: '   ' }, 'user_id', 'invalid_value'],
    [{ user_id: 'x'.repeat(257) }, 'user_id', 'too_long'],
    [{ user_id: 'x'.repeat(256) }, undefined, undefined],
    [{ session_id: 'a\u0007b' }, 'session_id', 'invalid_characters'],
    [{ service_label: 'émoji 😀 ok' }, undefined, undefined],
    [{ action: 'Login' }, 'action', 'invalid_value'],
    [{ device: 'console' }, 'device', 'invalid_value'],
    [{ family_id: null, profile: 'enseignant' }, undefined, undefined],
  ])('%j → %s %s', (overrides, field, reason) => {
    const r = validateEvent(event(overrides), ctx);
    if (!reason) expect(r.ok).toBe(true);
    else expect(r).toMatchObject({ ok: false, problem: { field, reason } });
  });

  it('refuses an unknown UAI only when the catalog says so', () => {
    const catalog = { isKnown: (uai: string) => uai === '0700004Z' };
    expect(validateEvent(event(), { ...ctx, uaiDirectory: catalog })).toMatchObject({ ok: false, problem: { field: 'uai', reason: 'unknown_uai' } });
    expect(validateEvent(event(), { ...ctx, uaiDirectory: { isKnown: () => undefined } }).ok).toBe(true);
  });

  it('never echoes an identifier in its messages', () => {
    for (const o of [{ user_id: 42 }, { user_id: 'secret\u0000' }, { family_id: 'secret-family', profile: 'autre' }]) {
      const r = validateEvent(event(o), ctx);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.problem.message).not.toMatch(/secret|42/);
    }
  });

  it('counts the retention in calendar months', () => {
    expect(new Date(retentionStartMs(NOW, 13)).toISOString()).toBe('2025-10-23T10:00:00.000Z');
  });
});
