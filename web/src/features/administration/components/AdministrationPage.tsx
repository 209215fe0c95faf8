import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** `/administration` (administrators only): a placeholder for accounts, keys and the audit log. */
export function AdministrationPage() {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${t('administration.title')} · ${t('product')}`;
  }, [t]);
  return (
    <article className="page">
      <h1>{t('administration.title')}</h1>
      <p className="card muted">{t('administration.coming')}</p>
    </article>
  );
}
