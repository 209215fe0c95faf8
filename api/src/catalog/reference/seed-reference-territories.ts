import { In, type EntityManager } from 'typeorm';
import { TerritoryEntity } from '../entities/territory.entity';
import { ACADEMIES } from './academies';
import { allDepartements, allRegions, communeByCode } from './administrative-divisions';

type TerritoryRow = Pick<TerritoryEntity, 'level' | 'code' | 'name' | 'parentLevel' | 'parentCode' | 'holidayZone'>;

/** Régions, académies and départements as they should be in the `territory` table. */
export function referenceTerritories(): TerritoryRow[] {
  const rows: TerritoryRow[] = [];
  const regionCodes = [...new Set(ACADEMIES.map((a) => a.regionCode))];
  for (const code of regionCodes) {
    const region = allRegions().get(code);
    if (!region) throw new Error(`Région ${code} of the académie table is not in @etalab/decoupage-administratif`);
    rows.push({ level: 'region', code, name: region.name, parentLevel: null, parentCode: null, holidayZone: null });
  }
  for (const a of ACADEMIES) {
    rows.push({ level: 'academie', code: a.code, name: a.name, parentLevel: 'region', parentCode: a.regionCode, holidayZone: a.holidayZone });
  }
  for (const d of allDepartements().values()) {
    rows.push({ level: 'departement', code: d.code, name: d.name, parentLevel: 'academie', parentCode: d.academieCode, holidayZone: null });
  }
  return rows;
}

const key = (t: { level: string; code: string }) => `${t.level}:${t.code}`;

async function upsertTerritories(manager: EntityManager, rows: readonly TerritoryRow[]): Promise<void> {
  if (!rows.length) return;
  const repository = manager.getRepository(TerritoryEntity);
  const existing = new Map(
    (await repository.find({ where: { level: In([...new Set(rows.map((r) => r.level))]), code: In(rows.map((r) => r.code)) } })).map((t) => [key(t), t]),
  );
  const missing = rows.filter((r) => !existing.has(key(r)));
  // Several instances may start at once on one PostgreSQL: a row another one just wrote is not an error.
  for (let i = 0; i < missing.length; i += 100) {
    await repository.createQueryBuilder().insert().values(missing.slice(i, i + 100)).orIgnore().execute();
  }
  for (const r of rows) {
    const current = existing.get(key(r));
    if (current && (current.name !== r.name || current.parentCode !== r.parentCode || current.holidayZone !== r.holidayZone)) {
      await repository.update({ level: r.level, code: r.code }, { name: r.name, parentLevel: r.parentLevel, parentCode: r.parentCode, holidayZone: r.holidayZone });
    }
  }
}

/** Brings régions, académies and départements up to date (idempotent; a few hundred rows). */
export async function ensureReferenceTerritories(manager: EntityManager): Promise<void> {
  await upsertTerritories(manager, referenceTerritories());
}

/** Adds the communes establishments refer to (the tree holds only communes with establishments). */
export async function ensureCommunes(manager: EntityManager, codes: Iterable<string>): Promise<void> {
  const rows: TerritoryRow[] = [];
  for (const code of new Set(codes)) {
    const commune = communeByCode(code);
    if (commune) rows.push({ level: 'commune', code, name: commune.name, parentLevel: 'departement', parentCode: commune.departementCode, holidayZone: null });
  }
  await upsertTerritories(manager, rows);
}
