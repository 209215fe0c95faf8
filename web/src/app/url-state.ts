import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/**
 * What a page shows is in its URL, so that a link shared or bookmarked opens the same view:
 * `?territoire=departement:70&periode=2025-2026`. Other search parameters are kept.
 */
export const URL_STATE_PARAMS = { territory: 'territoire', period: 'periode' } as const;

export interface UrlState {
  territory?: string;
  period?: string;
}

export function useUrlState(): [UrlState, (change: Partial<UrlState>) => void] {
  const [params, setParams] = useSearchParams();
  const state: UrlState = {
    territory: params.get(URL_STATE_PARAMS.territory) ?? undefined,
    period: params.get(URL_STATE_PARAMS.period) ?? undefined,
  };
  const update = useCallback(
    (change: Partial<UrlState>) =>
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, name] of Object.entries(URL_STATE_PARAMS) as [keyof UrlState, string][]) {
          if (!(key in change)) continue;
          const v = change[key];
          if (v) next.set(name, v);
          else next.delete(name);
        }
        return next;
      }),
    [setParams],
  );
  return [state, update];
}

/** The URL state of `search` alone, to carry it over to another page's link. */
export function carriedSearch(search: string): string {
  const from = new URLSearchParams(search);
  const kept = new URLSearchParams();
  for (const name of Object.values(URL_STATE_PARAMS)) {
    const v = from.get(name);
    if (v) kept.set(name, v);
  }
  const s = kept.toString();
  return s ? `?${s}` : '';
}
