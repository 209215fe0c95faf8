import { ACADEMIES, academieOfDepartement } from './academies';
import { allDepartements, allRegions, communeByCode, normaliseDepartementCode } from './administrative-divisions';

describe('académie table', () => {
  it('gives an académie to every département of @etalab/decoupage-administratif except the TAAF and Clipperton', () => {
    const raw: { code: string }[] = require('@etalab/decoupage-administratif/data/departements.json');
    const without = raw.filter((d) => !academieOfDepartement(d.code)).map((d) => d.code);
    expect(without).toEqual(['984', '989']);
    expect(allDepartements().size).toBe(107);
  });

  it('places each département in the région of its académie (Saint-Barthélemy and Saint-Martin aside, which depend on Guadeloupe)', () => {
    const mismatches = [...allDepartements().values()]
      .filter((d) => academieOfDepartement(d.code)?.regionCode !== d.inseeRegionCode)
      .map((d) => d.code);
    expect(mismatches).toEqual(['977', '978']);
    for (const a of ACADEMIES) expect(allRegions().has(a.regionCode)).toBe(true);
  });

  it('uses unique codes and the holiday zones published in fr-en-calendrier-scolaire', () => {
    expect(new Set(ACADEMIES.map((a) => a.code)).size).toBe(ACADEMIES.length);
    const zone = (z: string | null) => ACADEMIES.filter((a) => a.holidayZone === z).map((a) => a.name).sort((x, y) => x.localeCompare(y, 'fr'));
    expect(zone('A')).toEqual(['Besançon', 'Bordeaux', 'Clermont-Ferrand', 'Dijon', 'Grenoble', 'Limoges', 'Lyon', 'Poitiers']);
    expect(zone('B')).toEqual(['Aix-Marseille', 'Amiens', 'Lille', 'Nancy-Metz', 'Nantes', 'Nice', 'Normandie', 'Orléans-Tours', 'Reims', 'Rennes', 'Strasbourg']);
    expect(zone('C')).toEqual(['Créteil', 'Montpellier', 'Paris', 'Toulouse', 'Versailles']);
  });

  it('normalises département codes of the open-data files to the INSEE form', () => {
    expect(['070', '70', '02A', '2a', '974', '043', '099', '975'].map(normaliseDepartementCode)).toEqual(['70', '70', '2A', '2A', '974', '43', undefined, '975']);
    expect(communeByCode('70279')).toEqual({ code: '70279', name: 'Gray', departementCode: '70' });
    expect(communeByCode('99999')).toBeUndefined();
  });
});
