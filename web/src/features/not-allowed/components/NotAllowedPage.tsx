import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSignedInUser } from '../../../auth/session';
import { PATHS } from '../../../app/paths';

/** Shown at the URL of a page the caller's role may not open. */
export function NotAllowedPage() {
  const { t } = useTranslation();
  const user = useSignedInUser();
  useEffect(() => {
    document.title = `${t('notAllowed.title')} · ${t('product')}`;
  }, [t]);
  return (
    <article className="page">
      <h1>{t('notAllowed.title')}</h1>
      <p>{t('notAllowed.body', { role: t(`roles.${user.role}`) })}</p>
      <p>
        <Link to={PATHS.overview}>{t('notAllowed.back')}</Link>
      </p>
    </article>
  );
}
