import { useTranslation } from 'react-i18next';

/** What is shown while a page or the session loads. */
export function PageLoading() {
  const { t } = useTranslation();
  return (
    <p className="page-status" role="status">
      {t('loading')}
    </p>
  );
}
