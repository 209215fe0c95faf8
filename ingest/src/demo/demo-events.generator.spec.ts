import { DEMO_ESTABLISHMENTS, demoEnrolment } from '@ent/demo';
import { validateEvent } from '../contract/validate-event';
import { generateDemoEvents } from './demo-events.generator';

describe('demo usage generator', () => {
  const today = new Date('2026-11-23T10:00:00Z');
  const events = [...generateDemoEvents({ today, scale: 0.1 })];

  it('is deterministic for a seed, ids included', () => {
    const again = [...generateDemoEvents({ today, scale: 0.1 })];
    expect(again.length).toBe(events.length);
    expect(again[12345]).toEqual(events[12345]);
    expect([...generateDemoEvents({ today, scale: 0.1, seed: 1 })][0].event_id).not.toBe(events[0].event_id);
  });

  it('produces only events the contract accepts, within the retention, none in the future', () => {
    const ctx = { nowMs: today.getTime(), retentionMonths: 13 };
    const refused = events.filter((e) => !validateEvent(e, ctx).ok);
    expect(refused).toEqual([]);
    expect(new Set(events.map((e) => e.event_id)).size).toBe(events.length);
    expect(events.every((e) => Date.parse(e.occurred_at) <= today.getTime())).toBe(true);
  });

  it('follows the deployment calendar: collèges of the 2026 generalisation start during the year', () => {
    const firstDay = (uai: string) => events.filter((e) => e.uai === uai).map((e) => e.occurred_at).sort()[0];
    // Pesmes opens on 2 September 2013 in the facts, shifted by 13 years.
    const pesmes = DEMO_ESTABLISHMENTS.find((e) => e.communeName === 'Pesmes')!;
    expect(firstDay(pesmes.uai) >= '2026-09-02').toBe(true);
    expect(firstDay('0702101D') < '2025-11-01').toBe(true); // André Masson, pilot
  });

  it('shows school holidays and weekends as quiet weeks', () => {
    const onDay = (d: string) => events.filter((e) => e.occurred_at.startsWith(d)).length;
    expect(onDay('2026-03-10')).toBeGreaterThan(3 * onDay('2026-02-17')); // winter holidays, zone A
    expect(onDay('2026-03-10')).toBeGreaterThan(3 * onDay('2026-03-08')); // a Sunday
  });

  it('tells Haute-Loire\'s story in a term month: about 60 % of teachers, families weak, teachers far ahead of pupils and parents', () => {
    const hauteLoire = DEMO_ESTABLISHMENTS.filter((e) => e.departement === '43');
    const enrolled = hauteLoire.map(demoEnrolment).reduce((a, b) => ({ pupils: a.pupils + b.pupils, families: a.families + b.families, teachers: a.teachers + b.teachers, staff: a.staff + b.staff }));
    const november = [...generateDemoEvents({ today: new Date('2026-12-01T00:00:00Z'), months: 1.1, uais: hauteLoire.map((e) => e.uai) })].filter((e) =>
      e.occurred_at.startsWith('2026-11'),
    );
    const distinct = (profile: string, key: (e: (typeof november)[number]) => string | undefined) =>
      new Set(november.filter((e) => e.profile === profile).map(key)).size;
    const teachers = distinct('enseignant', (e) => e.user_id) / enrolled.teachers;
    const pupils = distinct('eleve', (e) => e.user_id) / enrolled.pupils;
    const families = distinct('parent', (e) => e.family_id) / enrolled.families;
    expect(teachers).toBeGreaterThanOrEqual(0.55);
    expect(teachers).toBeLessThanOrEqual(0.65);
    expect(families).toBeLessThan(0.2);
    expect(pupils).toBeLessThan(teachers);
    expect(pupils).toBeGreaterThan(families);
  });
});
