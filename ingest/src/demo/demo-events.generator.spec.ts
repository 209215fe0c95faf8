import { DEMO_ESTABLISHMENTS } from '@ent/demo';
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

  it('has weaker family use in Haute-Loire than in Haute-Saône', () => {
    const share = (dep: string) => {
      const ofDep = events.filter((e) => e.uai.startsWith(`0${dep}`));
      return ofDep.filter((e) => e.profile === 'parent').length / ofDep.length;
    };
    expect(share('43')).toBeLessThan(share('70') / 2);
  });
});
