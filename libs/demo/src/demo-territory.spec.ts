import { isValidUai } from '@ent/contracts';
import { DEMO_DEPARTEMENTS, DEMO_ESTABLISHMENTS, demoYearShift, shiftDemoDate } from './demo-territory';

describe('demo territory', () => {
  it('holds the establishments of DOMAIN.md: 26 collèges in 70, 12 in 43, 18 in 73', () => {
    const count = (d: string) => DEMO_ESTABLISHMENTS.filter((e) => e.departement === d).length;
    expect([count('70'), count('43'), count('73')]).toEqual([26, 12, 18]);
    expect(DEMO_DEPARTEMENTS.map((d) => d.code)).toEqual(['70', '43', '73']);
  });

  it('uses valid, unique UAIs whose digits start with the département', () => {
    expect(new Set(DEMO_ESTABLISHMENTS.map((e) => e.uai)).size).toBe(DEMO_ESTABLISHMENTS.length);
    for (const e of DEMO_ESTABLISHMENTS) {
      expect(isValidUai(e.uai)).toBe(true);
      expect(e.uai.slice(0, 3)).toBe(`0${e.departement}`);
      expect(e.communeCode.slice(0, 2)).toBe(e.departement);
    }
  });

  it('keeps the Haute-Saône calendar: two pilots in September 2011, seven openings in the 2012 wave', () => {
    const hs = DEMO_ESTABLISHMENTS.filter((e) => e.departement === '70');
    expect(hs.filter((e) => e.deployment.status === 'pilot').map((e) => [e.communeName, e.deployment.openedOn])).toEqual([
      ['Saint-Loup-sur-Semouse', '2011-09-01'],
      ['Gray', '2011-09-01'],
    ]);
    expect(hs.filter((e) => e.deployment.openedOn.startsWith('2012')).map((e) => e.communeName)).toEqual([
      'Vauvillers',
      'Gy',
      'Mélisey',
      'Vesoul',
      'Luxeuil-les-Bains',
      'Fougerolles-Saint-Valbert',
      'Héricourt',
    ]);
    expect(hs.filter((e) => e.deployment.openedOn.startsWith('2013')).length).toBe(17);
  });

  it('shifts the facts so that 2012-2013 becomes the previous school year', () => {
    expect(demoYearShift(new Date('2026-11-23T00:00:00Z'))).toBe(13);
    expect(demoYearShift(new Date('2026-08-31T00:00:00Z'))).toBe(12);
    expect(shiftDemoDate('2012-05-14', 13)).toBe('2025-05-14');
  });
});
