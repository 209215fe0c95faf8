import { academieOfDepartement } from './academies';

/**
 * Régions, départements and communes with their INSEE codes, from `@etalab/decoupage-administratif`
 * (read once, on first use: the communes file holds about 37,000 rows).
 */
interface RawRegion {
  code: string;
  nom: string;
}
interface RawDepartement {
  code: string;
  nom: string;
  region: string;
}
interface RawCommune {
  code: string;
  nom: string;
  type: string;
  departement?: string;
}

export interface Region {
  code: string;
  name: string;
}
export interface Departement {
  code: string;
  name: string;
  academieCode: string;
  /** INSEE région of the département (for 977 and 978, not the région of their académie). */
  inseeRegionCode: string;
}
export interface Commune {
  code: string;
  name: string;
  departementCode: string;
}

let regions: Map<string, Region> | undefined;
let departements: Map<string, Departement> | undefined;
let communes: Map<string, Commune> | undefined;

/** Régions that hold at least one académie (metropolitan and overseas régions, overseas collectivities with a vice-rectorat). */
export function allRegions(): Map<string, Region> {
  if (!regions) {
    const raw: RawRegion[] = require('@etalab/decoupage-administratif/data/regions.json');
    regions = new Map(raw.map((r) => [r.code, { code: r.code, name: r.nom }]));
  }
  return regions;
}

/** Départements that belong to an académie (the TAAF and Clipperton have no schools). */
export function allDepartements(): Map<string, Departement> {
  if (!departements) {
    const raw: RawDepartement[] = require('@etalab/decoupage-administratif/data/departements.json');
    departements = new Map();
    for (const d of raw) {
      const academie = academieOfDepartement(d.code);
      if (academie) departements.set(d.code, { code: d.code, name: d.nom, academieCode: academie.code, inseeRegionCode: d.region });
    }
  }
  return departements;
}

/**
 * Current communes and Paris/Lyon/Marseille arrondissements; a code that is only a former
 * (delegated or associated) commune is accepted too, since older exports still carry them.
 */
export function communeByCode(code: string): Commune | undefined {
  if (!communes) {
    const raw: RawCommune[] = require('@etalab/decoupage-administratif/data/communes.json');
    communes = new Map();
    const rank = (type: string) => (type === 'commune-actuelle' ? 0 : type === 'arrondissement-municipal' ? 1 : 2);
    for (const c of [...raw].sort((a, b) => rank(a.type) - rank(b.type))) {
      if (!c.departement || communes.has(c.code)) continue;
      communes.set(c.code, { code: c.code, name: c.nom, departementCode: c.departement });
    }
  }
  return communes.get(code);
}

/**
 * INSEE form of a département code: the annuaire and IPS files write `070`, `02A`, `974`;
 * INSEE writes `70`, `2A`, `974`. Returns undefined for a code that is no département.
 */
export function normaliseDepartementCode(raw: string): string | undefined {
  const value = raw.trim().toUpperCase();
  let code = value;
  if (/^0\d\d$/.test(value) || /^0[12][AB]$/.test(value)) code = value.slice(1);
  else if (/^\d$/.test(value)) code = `0${value}`;
  return allDepartements().has(code) ? code : undefined;
}
