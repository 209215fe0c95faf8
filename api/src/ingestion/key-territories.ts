import { TERRITORY_LEVELS, uaiProblem, type TerritoryLevel } from '@ent/contracts';
import { ACADEMIES, academieByCode } from '../catalog/reference/academies';
import { allDepartements, communeByCode, normaliseDepartementCode } from '../catalog/reference/administrative-divisions';
import type { TerritoryRef } from '../scope/territorial-scope';
import { ApiKeyError } from './api-key.error';

const LABELS: Record<TerritoryLevel, string> = {
  region: 'région',
  academie: 'académie',
  departement: 'département',
  commune: 'commune',
  etablissement: 'establishment',
};

/** `level:code` as written on the command line: `departement:70`, `etablissement:0430002U`. */
export function parseKeyTerritory(text: string): TerritoryRef {
  const colon = text.indexOf(':');
  const level = text.slice(0, colon).trim();
  if (colon < 0 || !(TERRITORY_LEVELS as readonly string[]).includes(level)) {
    throw new ApiKeyError(`--territory ${text}: write <level>:<code>, level one of ${TERRITORY_LEVELS.join(', ')} (e.g. departement:70, etablissement:0430002U)`);
  }
  return { level: level as TerritoryLevel, code: text.slice(colon + 1).trim() };
}

/** The code in its catalog form, or why it is no territory of this level. */
function normalise(t: TerritoryRef): { code: string } | { problem: string } {
  const code = String(t.code ?? '').trim().toUpperCase();
  switch (t.level) {
    case 'region':
      return ACADEMIES.some((a) => a.regionCode === code) ? { code } : { problem: `no région holding an académie has the INSEE code "${code}"` };
    case 'academie':
      return academieByCode(code) ? { code } : { problem: `no académie has the code "${code}" (2 digits, e.g. 03 for Besançon)` };
    case 'departement': {
      const d = normaliseDepartementCode(code);
      return d ? { code: d } : { problem: `no département has the code "${code}" (e.g. 70, 2A, 974)` };
    }
    case 'commune':
      return communeByCode(code) ? { code } : { problem: `no commune has the INSEE code "${code}"` };
    case 'etablissement': {
      const problem = uaiProblem(code);
      return problem ? { problem } : { code };
    }
    default:
      return { problem: `unknown territory level "${String(t.level)}" (one of ${TERRITORY_LEVELS.join(', ')})` };
  }
}

/**
 * Checks the territories of a key and returns them normalised (INSEE département codes, upper-case
 * UAIs), without repeats. Throws `ApiKeyError` naming the first wrong one by its position.
 */
export function checkKeyTerritories(territories: readonly TerritoryRef[]): TerritoryRef[] {
  if (territories.length === 0) {
    throw new ApiKeyError('territories: a key names the territories its source serves (at least one, e.g. departement:70), or has national reach');
  }
  if (territories.length > 1000) throw new ApiKeyError('a key names at most 1000 territories');
  const out: TerritoryRef[] = [];
  const seen = new Set<string>();
  territories.forEach((t, i) => {
    const n = normalise(t);
    if ('problem' in n) throw new ApiKeyError(`territories[${i}] (${t.level}:${t.code}): ${n.problem}`);
    const id = `${t.level}:${n.code}`;
    if (seen.has(id)) return;
    seen.add(id);
    out.push({ level: t.level, code: n.code });
  });
  return out;
}

/** `département 70; establishment 0430002U`: what a key covers, for messages. */
export function describeKeyTerritories(territories: readonly TerritoryRef[]): string {
  return territories.map((t) => `${LABELS[t.level]} ${t.code}`).join('; ');
}

/** Where an establishment lies. */
export interface EstablishmentPlace {
  /** Unknown when the establishment is not in the catalog. */
  commune?: string;
  departement: string;
  academie: string;
  region: string;
}

/**
 * The place of an establishment from its UAI alone: the first three digits are its département
 * (`070` → 70, `620`/`720` → 2A/2B for Corsica, `974` …), and the département gives the académie
 * and the région. Used for establishments the catalog does not hold (no catalog imported yet).
 */
export function placeFromUai(uai: string): EstablishmentPlace | undefined {
  const prefix = uai.slice(0, 3);
  const departement = prefix === '620' ? '2A' : prefix === '720' ? '2B' : normaliseDepartementCode(prefix);
  const d = departement ? allDepartements().get(departement) : undefined;
  const academie = d && academieByCode(d.academieCode);
  return d && academie ? { departement: d.code, academie: academie.code, region: academie.regionCode } : undefined;
}
