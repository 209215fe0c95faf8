import { useReadiness, type StoreCheck } from './useReadiness';

function StoreLine({ name, check }: { name: string; check: StoreCheck }) {
  return (
    <li>
      <span className={check.ok ? 'ok' : 'ko'} aria-hidden="true">
        {check.ok ? '●' : '○'}
      </span>{' '}
      <strong>{name}</strong> : {check.ok ? 'disponible' : 'indisponible'} <small>({check.detail})</small>
    </li>
  );
}

export function App() {
  const readiness = useReadiness();
  return (
    <main>
      <header>
        <h1>Observatoire des usages ENT</h1>
        <p className="lead">
          Usages des espaces numériques de travail des collèges et lycées, par établissement et par territoire.
        </p>
      </header>
      <section aria-labelledby="readiness-title" aria-live="polite">
        <h2 id="readiness-title">État du service</h2>
        {readiness.kind === 'loading' && <p>Vérification en cours…</p>}
        {readiness.kind === 'error' && <p role="alert">{readiness.message}</p>}
        {(readiness.kind === 'ready' || readiness.kind === 'not-ready') && (
          <>
            <p data-testid="readiness">{readiness.kind === 'ready' ? 'Service prêt' : 'Service pas encore prêt'}</p>
            <ul>
              <StoreLine name="ClickHouse (usages)" check={readiness.clickhouse} />
              <StoreLine name="Base relationnelle (catalogue)" check={readiness.relational} />
            </ul>
          </>
        )}
      </section>
    </main>
  );
}
