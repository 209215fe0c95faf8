import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { PageLoading } from '../../../ui/PageStatus';
import { useOverviewMe } from '../hooks/useOverviewMe';

/**
 * `/`: the overview of the caller's role (a placeholder for now: who is signed in and their
 * territory; the figures come with the data pages).
 */
export function OverviewPage() {
  const { t } = useTranslation();
  const { me, error, loading } = useOverviewMe();
  useEffect(() => {
    document.title = `${t('overview.title')} · ${t('product')}`;
  }, [t]);
  if (loading) return <PageLoading />;
  if (error || !me) {
    return (
      <p className="alert alert--error" role="alert">
        {t('overview.loadError', { message: error?.message ?? '' })}
      </p>
    );
  }
  const roleLabel = t(`roles.${me.role}`, { defaultValue: me.role });
  return (
    <article className="page">
      <p className="page__kicker">{roleLabel}</p>
      <h1>{t('overview.title')}</h1>
      <p className="lead">{t('overview.welcome', { name: me.displayName })}</p>
      <dl className="facts">
        <div>
          <dt>{t('overview.role')}</dt>
          <dd>{roleLabel}</dd>
        </div>
        <div>
          <dt>{t('overview.scope')}</dt>
          <dd>
            {me.territories.length === 0 ? (
              t('overview.national')
            ) : (
              <ul className="plain-list">
                {me.territories.map((ter) => (
                  <li key={`${ter.level}:${ter.code}`}>
                    {t(`levels.${ter.level}`, { defaultValue: ter.level })} {ter.code}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>
      <p className="card muted">{t('overview.coming')}</p>
    </article>
  );
}
