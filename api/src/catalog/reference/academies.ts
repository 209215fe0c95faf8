/**
 * The académies with the 2-digit codes of the annuaire de l'éducation (`Code_academie`), their
 * région (INSEE code; since 2016 each académie lies in one région) and their school holiday zone.
 * Zones as published in `fr-en-calendrier-scolaire` (2017-2018 to 2025-2026); Corse and the
 * overseas académies have their own calendars (no zone). No npm package holds this table.
 */
export type HolidayZone = 'A' | 'B' | 'C';

export interface Academie {
  code: string;
  name: string;
  regionCode: string;
  holidayZone: HolidayZone | null;
  departements: readonly string[];
}

// prettier-ignore
export const ACADEMIES: readonly Academie[] = [
  { code: '01', name: 'Paris', regionCode: '11', holidayZone: 'C', departements: ['75'] },
  { code: '02', name: 'Aix-Marseille', regionCode: '93', holidayZone: 'B', departements: ['04', '05', '13', '84'] },
  { code: '03', name: 'Besançon', regionCode: '27', holidayZone: 'A', departements: ['25', '39', '70', '90'] },
  { code: '04', name: 'Bordeaux', regionCode: '75', holidayZone: 'A', departements: ['24', '33', '40', '47', '64'] },
  { code: '06', name: 'Clermont-Ferrand', regionCode: '84', holidayZone: 'A', departements: ['03', '15', '43', '63'] },
  { code: '07', name: 'Dijon', regionCode: '27', holidayZone: 'A', departements: ['21', '58', '71', '89'] },
  { code: '08', name: 'Grenoble', regionCode: '84', holidayZone: 'A', departements: ['07', '26', '38', '73', '74'] },
  { code: '09', name: 'Lille', regionCode: '32', holidayZone: 'B', departements: ['59', '62'] },
  { code: '10', name: 'Lyon', regionCode: '84', holidayZone: 'A', departements: ['01', '42', '69'] },
  { code: '11', name: 'Montpellier', regionCode: '76', holidayZone: 'C', departements: ['11', '30', '34', '48', '66'] },
  { code: '12', name: 'Nancy-Metz', regionCode: '44', holidayZone: 'B', departements: ['54', '55', '57', '88'] },
  { code: '13', name: 'Poitiers', regionCode: '75', holidayZone: 'A', departements: ['16', '17', '79', '86'] },
  { code: '14', name: 'Rennes', regionCode: '53', holidayZone: 'B', departements: ['22', '29', '35', '56'] },
  { code: '15', name: 'Strasbourg', regionCode: '44', holidayZone: 'B', departements: ['67', '68'] },
  { code: '16', name: 'Toulouse', regionCode: '76', holidayZone: 'C', departements: ['09', '12', '31', '32', '46', '65', '81', '82'] },
  { code: '17', name: 'Nantes', regionCode: '52', holidayZone: 'B', departements: ['44', '49', '53', '72', '85'] },
  { code: '18', name: 'Orléans-Tours', regionCode: '24', holidayZone: 'B', departements: ['18', '28', '36', '37', '41', '45'] },
  { code: '19', name: 'Reims', regionCode: '44', holidayZone: 'B', departements: ['08', '10', '51', '52'] },
  { code: '20', name: 'Amiens', regionCode: '32', holidayZone: 'B', departements: ['02', '60', '80'] },
  { code: '22', name: 'Limoges', regionCode: '75', holidayZone: 'A', departements: ['19', '23', '87'] },
  { code: '23', name: 'Nice', regionCode: '93', holidayZone: 'B', departements: ['06', '83'] },
  { code: '24', name: 'Créteil', regionCode: '11', holidayZone: 'C', departements: ['77', '93', '94'] },
  { code: '25', name: 'Versailles', regionCode: '11', holidayZone: 'C', departements: ['78', '91', '92', '95'] },
  { code: '27', name: 'Corse', regionCode: '94', holidayZone: null, departements: ['2A', '2B'] },
  { code: '28', name: 'La Réunion', regionCode: '04', holidayZone: null, departements: ['974'] },
  { code: '31', name: 'Martinique', regionCode: '02', holidayZone: null, departements: ['972'] },
  // Saint-Barthélemy and Saint-Martin depend on the académie de Guadeloupe.
  { code: '32', name: 'Guadeloupe', regionCode: '01', holidayZone: null, departements: ['971', '977', '978'] },
  { code: '33', name: 'Guyane', regionCode: '03', holidayZone: null, departements: ['973'] },
  // Vice-rectorats of the overseas collectivities: the "région" is the collectivity itself.
  { code: '40', name: 'Nouvelle-Calédonie', regionCode: '988', holidayZone: null, departements: ['988'] },
  { code: '41', name: 'Polynésie française', regionCode: '987', holidayZone: null, departements: ['987'] },
  { code: '42', name: 'Wallis et Futuna', regionCode: '986', holidayZone: null, departements: ['986'] },
  { code: '43', name: 'Mayotte', regionCode: '06', holidayZone: null, departements: ['976'] },
  { code: '44', name: 'Saint-Pierre-et-Miquelon', regionCode: '975', holidayZone: null, departements: ['975'] },
  { code: '70', name: 'Normandie', regionCode: '28', holidayZone: 'B', departements: ['14', '27', '50', '61', '76'] },
];

/** Académie codes of older exports, before the 2020 merger of Caen (05) and Rouen (21) into Normandie (70). */
export const FORMER_ACADEMIE_CODES: Readonly<Record<string, string>> = { '05': '70', '21': '70' };

const BY_CODE = new Map(ACADEMIES.map((a) => [a.code, a]));
const BY_DEPARTEMENT = new Map(ACADEMIES.flatMap((a) => a.departements.map((d) => [d, a] as const)));

export function academieByCode(code: string): Academie | undefined {
  return BY_CODE.get(code);
}

export function academieOfDepartement(departementCode: string): Academie | undefined {
  return BY_DEPARTEMENT.get(departementCode);
}
