import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useLocation } from 'react-router';
import { useSignedInUser } from '../auth/session';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { pagesFor } from './navigation';
import { PATHS } from './paths';
import { TerritoryPicker } from './TerritoryPicker';
import { carriedSearch } from './url-state';
import { UserMenu } from './UserMenu';

/** Header (product, territory, language, account), the caller's navigation, the main area. */
export function AppShell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const user = useSignedInUser();
  const location = useLocation();
  const search = carriedSearch(location.search);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('skipLink')}
      </a>
      <header className="shell__header">
        <div className="shell__bar">
          <Link className="shell__brand" to={`${PATHS.overview}${search}`}>
            {t('product')}
          </Link>
          <div className="shell__territory">
            <TerritoryPicker />
          </div>
          <div className="shell__tools">
            <LanguageSwitch />
            <UserMenu />
          </div>
        </div>
        <nav className="shell__nav" aria-label={t('nav.label')}>
          <ul>
            {pagesFor(user.role).map((page) => (
              <li key={page.id}>
                <NavLink to={`${page.path}${search}`} end>
                  {t(`nav.${page.id}`)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" className="shell__main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
