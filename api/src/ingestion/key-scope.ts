import type { KeyScope } from '@ent/ingest';
import type { TerritoryRef } from '../scope/territorial-scope';
import { describeKeyTerritories, type EstablishmentPlace } from './key-territories';

/** Where establishments lie: the catalog, or the UAI's own département when the catalog does not hold it. */
export interface EstablishmentPlaces {
  placeOf(uai: string): EstablishmentPlace | undefined;
}

/**
 * The scope of a key bound to territories: an establishment is covered when it is one of them or
 * lies in one of them. Checked once per event: sets built once per request, one lookup per event.
 */
export function keyScopeOf(territories: readonly TerritoryRef[], places: EstablishmentPlaces): KeyScope {
  const of = (level: TerritoryRef['level']) => new Set(territories.filter((t) => t.level === level).map((t) => t.code));
  const [uais, communes, departements, academies, regions] = [of('etablissement'), of('commune'), of('departement'), of('academie'), of('region')];
  return {
    description: describeKeyTerritories(territories),
    covers(uai) {
      if (uais.has(uai)) return true;
      const place = places.placeOf(uai);
      if (!place) return false;
      return (
        (place.commune !== undefined && communes.has(place.commune)) ||
        departements.has(place.departement) ||
        academies.has(place.academie) ||
        regions.has(place.region)
      );
    },
  };
}
