import { useEffect, useState } from 'react';

export interface StoreCheck {
  ok: boolean;
  detail: string;
}

export type ReadinessState =
  | { kind: 'loading' }
  | { kind: 'ready' | 'not-ready'; clickhouse: StoreCheck; relational: StoreCheck }
  | { kind: 'error'; message: string };

/** Polls the API's `/readyz` (every 10 s) and says what it answered. */
export function useReadiness(intervalMs = 10_000): ReadinessState {
  const [state, setState] = useState<ReadinessState>({ kind: 'loading' });
  useEffect(() => {
    let cancelled = false;
    const load = async () => {
      try {
        const res = await fetch('/readyz', { headers: { accept: 'application/json' } });
        const body = (await res.json()) as { clickhouse: StoreCheck; relational: StoreCheck };
        if (!cancelled) setState({ kind: res.ok ? 'ready' : 'not-ready', ...body });
      } catch (err) {
        if (!cancelled) setState({ kind: 'error', message: `L'API ne répond pas (${(err as Error).message}).` });
      }
    };
    void load();
    const timer = setInterval(load, intervalMs);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [intervalMs]);
  return state;
}
