import type { DataSource } from 'typeorm';
import { DeploymentEntity } from '../../catalog/entities/deployment.entity';
import { EstablishmentEntity } from '../../catalog/entities/establishment.entity';
import { AnnotationEntity } from '../entities/annotation.entity';

/**
 * Notes of the demo territory, from its deployment calendar: for each wave and département, the
 * days its collèges opened their ENT during the last 13 months (first to last opening) (the curves of the demo break there, as they would in a
 * real territory). Added only when there is no note yet.
 */
export async function loadDemoAnnotations(dataSource: DataSource, today: Date): Promise<number> {
  const notes = dataSource.getRepository(AnnotationEntity);
  if ((await notes.count()) > 0) return 0;
  const since = new Date(today.getTime() - 396 * 86_400_000).toISOString().slice(0, 10);
  const until = today.toISOString().slice(0, 10);
  const departementOf = new Map((await dataSource.getRepository(EstablishmentEntity).find()).map((e) => [e.uai, e.departementCode]));
  const openings = new Map<string, { departement: string; wave: string; first: string; last: string; count: number }>();
  for (const d of await dataSource.getRepository(DeploymentEntity).find()) {
    const departement = departementOf.get(d.uai);
    if (!departement || !d.wave || !d.openedOn || d.openedOn < since || d.openedOn > until) continue;
    const key = `${departement}|${d.wave}`;
    const o = openings.get(key) ?? { departement, wave: d.wave, first: d.openedOn, last: d.openedOn, count: 0 };
    o.count++;
    if (d.openedOn < o.first) o.first = d.openedOn;
    if (d.openedOn > o.last) o.last = d.openedOn;
    openings.set(key, o);
  }
  const rows = [...openings.values()].map((o) =>
    notes.create({
      territoryLevel: 'departement',
      territoryCode: o.departement,
      startsOn: o.first,
      endsOn: o.last,
      kind: 'ent_change',
      text: `Ouverture de l'ENT dans ${o.count} collège${o.count > 1 ? 's' : ''} (${o.wave})`,
      createdBy: null,
      createdAt: today,
    }),
  );
  await notes.save(rows);
  return rows.length;
}
