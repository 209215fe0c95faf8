import { uaiProblem } from '@ent/contracts';
import { normaliseDepartementCode } from '../../catalog/reference/administrative-divisions';
import { parsePlanningDate } from '../../catalog/utils/cell-parsers.util';
import type { ScopedTerritory } from '../../scope/scope.service';
import { ANNOTATION_KINDS, ANNOTATION_TERRITORY_LEVELS, type AnnotationEntity } from '../entities/annotation.entity';

/** What a caller writes; `createdBy` and `createdAt` are set by AnnotationService. */
export type AnnotationDraft = Pick<AnnotationEntity, 'territoryLevel' | 'territoryCode' | 'startsOn' | 'endsOn' | 'kind' | 'text'>;
export type AnnotationField = keyof AnnotationDraft;

export const ANNOTATION_TEXT_MAX_LENGTH = 500;

export const COUNTRY: ScopedTerritory = Object.freeze({ level: 'national', code: 'FR' });

/** A territory code in the catalog's form: `070` → `70`, upper-case UAIs and Corsican codes, `FR`. */
export function normaliseTerritoryCode(level: string, code: string): string {
  const value = code.trim().toUpperCase();
  return level === 'departement' ? (normaliseDepartementCode(value) ?? value) : value;
}

export function normaliseTerritory(t: ScopedTerritory): ScopedTerritory {
  return { level: t.level, code: normaliseTerritoryCode(t.level, t.code) };
}

/** What is wrong with an annotation, field by field (the territory's existence and scope are checked by the service). */
export function annotationProblems(a: AnnotationDraft): { field: AnnotationField; reason: string }[] {
  const problems: { field: AnnotationField; reason: string }[] = [];
  const add = (field: AnnotationField, reason: string) => problems.push({ field, reason });

  if (!(ANNOTATION_TERRITORY_LEVELS as readonly string[]).includes(a.territoryLevel)) {
    add('territoryLevel', `"${a.territoryLevel}" is not one of ${ANNOTATION_TERRITORY_LEVELS.join(', ')}`);
  } else if (!a.territoryCode) {
    add('territoryCode', 'the territory code is empty');
  } else if (a.territoryLevel === 'national' && a.territoryCode !== COUNTRY.code) {
    add('territoryCode', `a national annotation has the code FR, not ${a.territoryCode}`);
  } else if (a.territoryLevel === 'etablissement') {
    const problem = uaiProblem(a.territoryCode);
    if (problem) add('territoryCode', problem);
  }

  const starts = parsePlanningDate(a.startsOn);
  if (starts.problem !== undefined) add('startsOn', starts.problem);
  const ends = parsePlanningDate(a.endsOn);
  if (ends.problem !== undefined) add('endsOn', ends.problem);
  if (starts.value && ends.value && ends.value < starts.value) add('endsOn', `the end ${a.endsOn} is before the start ${a.startsOn}`);

  if (!(ANNOTATION_KINDS as readonly string[]).includes(a.kind)) add('kind', `"${a.kind}" is not one of ${ANNOTATION_KINDS.join(', ')}`);

  if (!a.text) add('text', 'the text is empty');
  else if (a.text.length > ANNOTATION_TEXT_MAX_LENGTH) add('text', `the text is longer than ${ANNOTATION_TEXT_MAX_LENGTH} characters (${a.text.length})`);
  return problems;
}

/** What is wrong with a period `[from, to]` (either end may be open), field by field. */
export function periodProblems(from: string | undefined, to: string | undefined): { field: 'from' | 'to'; reason: string }[] {
  const problems: { field: 'from' | 'to'; reason: string }[] = [];
  const start = from === undefined ? undefined : parsePlanningDate(from);
  if (start?.problem !== undefined) problems.push({ field: 'from', reason: start.problem });
  const end = to === undefined ? undefined : parsePlanningDate(to);
  if (end?.problem !== undefined) problems.push({ field: 'to', reason: end.problem });
  if (start?.value && end?.value && end.value < start.value) problems.push({ field: 'to', reason: `the end ${to} is before the start ${from}` });
  return problems;
}

export function annotationTerritory(a: Pick<AnnotationDraft, 'territoryLevel' | 'territoryCode'>): ScopedTerritory {
  return { level: a.territoryLevel, code: a.territoryCode };
}

export function territoryKey(t: ScopedTerritory): string {
  return `${t.level}:${t.code}`;
}

const sameTerritory = (a: ScopedTerritory, b: ScopedTerritory) => a.level === b.level && a.code === b.code;

/**
 * Whether a note applies to a territory, given both chains (a territory then those containing it,
 * as `ScopeService.chainOf` gives them): the note is on the territory itself, on a territory
 * containing it, or on a territory or establishment inside it. A national note applies everywhere,
 * and every note applies to the national level. Siblings and cousins do not touch.
 */
export function appliesTo(annotationChain: readonly ScopedTerritory[], territoryChain: readonly ScopedTerritory[]): boolean {
  const [note] = annotationChain;
  const [territory] = territoryChain;
  if (note.level === 'national' || territory.level === 'national') return true;
  return territoryChain.some((t) => sameTerritory(t, note)) || annotationChain.some((t) => sameTerritory(t, territory));
}
