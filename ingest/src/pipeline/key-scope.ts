import type { EventProblem } from '../contract/event-contract';

/**
 * The establishments an API key may send events for: those of the territories its source serves
 * (ingest/README.md, "Keys bound to territories"). The application builds it from the key and the
 * catalog; no scope means national reach (a key not bound to territories, files imported locally,
 * the demo).
 */
export interface KeyScope {
  /** Whether an event of this establishment (a valid, upper-case UAI) may come with this key. */
  covers(uai: string): boolean;
  /** What the key covers, for the refusal message (e.g. "département 70; establishment 0430002U"). */
  readonly description: string;
}

/** The refusal of an event whose establishment lies outside its key's territories, or undefined. */
export function keyScopeProblem(uai: string, scope: KeyScope | undefined): EventProblem | undefined {
  if (!scope || scope.covers(uai)) return undefined;
  return { field: 'uai', reason: 'uai_outside_key_scope', message: `${uai} is outside the territories of this API key (${scope.description})` };
}
